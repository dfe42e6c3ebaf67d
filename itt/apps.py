from django.apps import AppConfig


class IttConfig(AppConfig):
    name = "itt"
    verbose_name = "Initial teacher training"

    def ready(self) -> None:
        # itt-train (issue 16): the cause-for-concern alert's renderer joins the outbox.
        from itt import training_notifications  # noqa: F401
