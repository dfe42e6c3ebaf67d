from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"

    def ready(self) -> None:
        # Its emails' renderers (acknowledgement, decision, renewal request and reminder).
        from membership import notifications  # noqa: F401
