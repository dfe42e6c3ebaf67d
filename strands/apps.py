from django.apps import AppConfig


class StrandsConfig(AppConfig):
    name = "strands"

    def ready(self) -> None:
        # feeds adds the person's deployments to their calendar feed (alliance.feeds).
        from strands import feeds  # noqa: F401
