from django.apps import AppConfig


class SleConfig(AppConfig):
    name = "sle"
    verbose_name = "SLE designation"

    def ready(self) -> None:
        # The renderers of its emails (the head's support request, the applicant's outcome); its
        # sections of "Download my data".
        from sle import notifications, personal_data  # noqa: F401
