from django.apps import AppConfig


class IttConfig(AppConfig):
    name = "itt"
    verbose_name = "Initial teacher training"

    def ready(self) -> None:
        # The trainee's sign-in email's renderer, and the applicants' clean-up as a periodic job;
        # the cause-for-concern alert's renderer (itt-train).
        from itt import jobs, notifications, training_notifications  # noqa: F401
