from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.urls import register_converter


class AllianceConfig(AppConfig):
    name = "alliance"

    def ready(self) -> None:
        from alliance import audit
        from alliance.locks import watch_for_lock_timeouts
        from alliance.models import ALLIANCES, Alliance
        from alliance.params import TokenConverter

        ALLIANCES.forget_when_changed(Alliance)
        audit.connect_signals()
        # Before any URLconf is read: every app's token addresses use <token:token>.
        register_converter(TokenConverter, "token")
        connection_created.connect(watch_for_lock_timeouts)
