from django.apps import AppConfig


class IttConfig(AppConfig):
    name = "itt"
    verbose_name = "Initial teacher training"

    def ready(self) -> None:
        # The trainee's sign-in email's renderer, and the applicants' clean-up as a periodic job.
        from itt import jobs, notifications  # noqa: F401
