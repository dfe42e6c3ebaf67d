from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"

    def ready(self) -> None:
        # notifications registers the booking emails' renderers with the outbox.
        from programmes import (  # noqa: F401
            catalogue_cache,
            cohort_notifications,
            feeds,
            notifications,
            personal_data,
        )

        catalogue_cache.connect_signals()
