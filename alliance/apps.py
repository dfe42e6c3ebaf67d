from django.apps import AppConfig


class AllianceConfig(AppConfig):
    name = "alliance"

    def ready(self) -> None:
        from alliance import audit
        from alliance.models import ALLIANCES, Alliance

        ALLIANCES.forget_when_changed(Alliance)
        audit.connect_signals()
