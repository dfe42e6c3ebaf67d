from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"

    def ready(self) -> None:
        # Feedback after each session (issue 13, part 1): its emails' renderers, and the
        # receiver that asks each delegate marked present.
        from evaluation import notifications, personal_data, receivers  # noqa: F401
