from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "leadership"

    def ready(self) -> None:
        # The renderer of the cohort invitation email.
        from leadership import notifications  # noqa: F401
