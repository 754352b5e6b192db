from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from api import vloer  # noqa: F401  registers the deploy check that BENCH_VLOER is off
