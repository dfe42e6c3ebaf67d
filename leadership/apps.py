from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "leadership"

    def ready(self) -> None:
        # The renderer of the cohort invitation email; its sections of "Download my data".
        from leadership import notifications, personal_data  # noqa: F401
