from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"

    def ready(self) -> None:
        # notifications registers the meeting emails' renderers with the outbox.
        from governance import audit, feeds, notifications, personal_data  # noqa: F401

        audit.connect_signals()
