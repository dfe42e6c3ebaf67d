from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"

    def ready(self) -> None:
        # notifications registers the invitation email's renderer with the outbox; personal_data
        # its sections of "Download my data".
        from members import notifications, personal_data  # noqa: F401
