from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"

    def ready(self) -> None:
        from governance import audit, personal_data  # noqa: F401

        audit.connect_signals()
