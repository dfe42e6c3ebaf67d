from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research and development"

    def ready(self) -> None:
        # Its section of "Download my data".
        from research import personal_data  # noqa: F401
