from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = "Register"

    def ready(self):
        from register import checks  # noqa: F401  (registers the deploy checks)
