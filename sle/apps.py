from django.apps import AppConfig


class SleConfig(AppConfig):
    name = "sle"
    verbose_name = "SLE designation"

    def ready(self) -> None:
        # The renderers of its emails (the head's support request, the applicant's outcome).
        from sle import notifications  # noqa: F401
