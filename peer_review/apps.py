from django.apps import AppConfig


class PeerReviewConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "peer_review"
    verbose_name = "Peer review and audits"
