from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from api import vloer  # noqa: F401  registers the deploy check that BENCH_VLOER is off
        from api.views import signalen_delen_verversen
        from vroegsignalering import services

        # After a write's signal evaluation: the public parts of /api/v1/signalen of the GI's written.
        if signalen_delen_verversen not in services.NA_EVALUATIE:
            services.NA_EVALUATIE.append(signalen_delen_verversen)
