from django.apps import AppConfig


class StrandsConfig(AppConfig):
    name = "strands"

    def ready(self) -> None:
        # feeds adds the person's deployments to their calendar feed (alliance.feeds);
        # personal_data its sections of "Download my data".
        from strands import feeds, personal_data  # noqa: F401
