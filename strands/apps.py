from django.apps import AppConfig


class StrandsConfig(AppConfig):
    name = "strands"
