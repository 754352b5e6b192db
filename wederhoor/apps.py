from django.apps import AppConfig


class WederhoorConfig(AppConfig):
    name = "wederhoor"
    verbose_name = "Wederhoor (reacties op signalen)"
