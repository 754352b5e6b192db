from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = "Register"

    def ready(self):
        from register import checks  # noqa: F401  (registers the deploy checks)
        from register import groepen  # noqa: PLC0415 (models are ready only now)

        post_migrate.connect(groepen.groepen_aanmaken, sender=self, dispatch_uid="register.groepen_aanmaken")
