from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"

    def ready(self) -> None:
        from programmes import catalogue_cache, rights

        catalogue_cache.connect_signals()
        rights.connect_signals()
