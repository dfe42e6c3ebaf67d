from django.apps import AppConfig


class PeerReviewConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "peer_review"
    verbose_name = "Peer review and audits"

    def ready(self) -> None:
        # Its sections of "Download my data".
        from peer_review import personal_data  # noqa: F401
