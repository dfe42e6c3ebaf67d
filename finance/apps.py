from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"

    def ready(self) -> None:
        # The reminder email's renderer, and the receiver that bills a membership as it starts.
        from finance import notifications, receivers  # noqa: F401
