from django.apps import AppConfig


class IttConfig(AppConfig):
    name = "itt"
    verbose_name = "Initial teacher training"

    def ready(self) -> None:
        # The trainee's sign-in email's renderer, and the applicants' clean-up as a periodic job;
        # the cause-for-concern alert's renderer (itt-train); its sections of "Download my data".
        from itt import jobs, notifications, personal_data, training_notifications  # noqa: F401
