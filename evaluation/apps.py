from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"

    def ready(self) -> None:
        # Its emails' renderers (feedback, follow-ups, certificates), the receiver that asks
        # each delegate marked present, and its part of "Download my data".
        from evaluation import notifications, personal_data, receivers  # noqa: F401
