from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"

    def ready(self) -> None:
        # The reminder email's renderer, and the receiver that bills a membership as it starts;
        # personal_data declares what it holds about people and leaves out of "Download my data".
        from finance import notifications, personal_data, receivers  # noqa: F401
