from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"

    def ready(self) -> None:
        # notifications registers the evaluation emails' renderers with the outbox.
        from evaluation import notifications  # noqa: F401
