from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self) -> None:
        # notifications registers the invitation email's renderer with the outbox.
        from members import notifications  # noqa: F401
