from django.apps import AppConfig


class IttConfig(AppConfig):
    name = "itt"
    verbose_name = "Initial teacher training"
