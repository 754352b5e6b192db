from django.apps import AppConfig


class VoorbeelddataConfig(AppConfig):
    name = "voorbeelddata"
    verbose_name = "Voorbeelddata"
