"""The two floor views of the API benchmark (bench/api.py), mounted under /api/bench-vloer/ only when the
environment sets BENCH_VLOER=1 (README, "Benchmarks"); never in production, and `check --deploy` warns when it is on.

They run on the same stack as every page (gunicorn, Django's middleware, the PostgreSQL connection) and do the
least a read can do, so the benchmark can state each path's time as a multiple of theirs:
- ``constant``: a constant JSON body, no database;
- ``select100``: one SELECT of 100 certificaatbesluiten (a few columns), returned as JSON; no DRF, no serializer,
  no rate limit, no rights. Deliberately bare, so not through a selector."""

from django.conf import settings
from django.core import checks
from django.http import JsonResponse
from django.urls import path

from certification.models import Certificaatbesluit

CONSTANT = {"vloer": "constant", "rijen": []}


def constant(request):
    return JsonResponse(CONSTANT)


def select100(request):
    rijen = list(
        Certificaatbesluit.objects.order_by("id").values("id", "instelling_id", "status", "ingangsdatum", "geldig_tot")[:100]
    )
    return JsonResponse({"vloer": "select100", "rijen": rijen})


@checks.register(checks.Tags.security, deploy=True)
def bench_vloer_uit(app_configs, **kwargs):
    """BENCH_VLOER is for a benchmark on a throw-away database; it exposes data without any rights check."""
    if getattr(settings, "BENCH_VLOER", False):
        return [
            checks.Warning(
                "BENCH_VLOER staat aan: /api/bench-vloer/ toont certificaatbesluiten zonder rechtencontrole.",
                hint="Alleen voor bench/api.py op een wegwerpdatabase; zet BENCH_VLOER uit (0) in productie.",
                id="register.W001",
            )
        ]
    return []


app_name = "bench-vloer"
urlpatterns = [
    path("constant", constant, name="constant"),
    path("select100", select100, name="select100"),
]
