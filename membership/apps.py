from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"

    def ready(self) -> None:
        # Its emails' renderers (acknowledgement, decision, renewal request and reminder); its
        # section of "Download my data".
        from membership import notifications, personal_data  # noqa: F401
