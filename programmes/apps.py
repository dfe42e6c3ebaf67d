from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"

    def ready(self) -> None:
        from programmes import catalogue_cache, personal_data, rights  # noqa: F401

        catalogue_cache.connect_signals()
        rights.connect_signals()
