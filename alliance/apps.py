from django.apps import AppConfig


def _forget_alliances(sender, **kwargs) -> None:
    from alliance.models import ALLIANCES

    ALLIANCES.bump()


class AllianceConfig(AppConfig):
    name = "alliance"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from alliance.models import Alliance

        post_save.connect(_forget_alliances, sender=Alliance, dispatch_uid="alliances-cache")
        post_delete.connect(_forget_alliances, sender=Alliance, dispatch_uid="alliances-cache-del")
