from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = "Register"

    def ready(self):
        from register import checks  # noqa: F401  (registers the deploy checks)
        from register import groepen  # noqa: PLC0415 (models are ready only now)

        post_migrate.connect(groepen.groepen_aanmaken, sender=self, dispatch_uid="register.groepen_aanmaken")

        # The change counters the cache keys derived state by (register/standversie.py): every history row of a
        # domain model, every note about the data and every archived overview moves its part.
        from django.apps import apps
        from django.db.models.signals import post_save
        from simple_history.signals import post_create_historical_record

        from register import standversie  # noqa: PLC0415

        post_create_historical_record.connect(standversie.bij_historie, dispatch_uid="register.standversie")
        post_save.connect(standversie.bij_opslaan(standversie.NOTITIES), sender=apps.get_model("register.gegevensnotitie"),
                          dispatch_uid="register.standversie.notities", weak=False)
        post_save.connect(standversie.bij_opslaan(standversie.ARCHIEF), sender="reports.Kameroverzicht",
                          dispatch_uid="register.standversie.archief", weak=False)
