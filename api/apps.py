from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from api import vloer  # noqa: F401  registers the deploy check that BENCH_VLOER is off
        from vroegsignalering import services

        # After a write's signal evaluation: the public parts of /api/v1/signalen of the GI's written.
        if _signalen_delen_verversen not in services.NA_EVALUATIE:
            services.NA_EVALUATIE.append(_signalen_delen_verversen)


def _signalen_delen_verversen(*args) -> None:
    """api/views.py ``signalen_delen_verversen``, imported when first called: loading the apps loads no views (they
    bring the PDF renderer, which the import and the open data never load, tests/test_architectuur.py)."""
    from api.views import signalen_delen_verversen

    signalen_delen_verversen(*args)
