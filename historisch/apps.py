from django.apps import AppConfig


class HistorischConfig(AppConfig):
    name = "historisch"
    verbose_name = "Historische gegevens (import en export)"
