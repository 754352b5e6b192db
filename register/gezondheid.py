"""Health checks for a load balancer or orchestrator, without login (README, "Productie").

- ``/gezondheid/leeft`` (liveness): 200 as long as the process answers; touches neither database nor cache.
- ``/gezondheid/gereed`` (readiness): 200 when the database answers a trivial query, every migration has been
  applied and the cache answers; 503 (problem+json, in Dutch) otherwise, naming which check failed and the fix.

Both are cheap: one ``SELECT 1`` and one cache read and write per readiness check; the migration state is read
from disk and database once per process, until it is complete. They carry no data of the register and no
details of the failure (the server log has those). Plain Django views, so the API's rate limits do not count
them, and they answer on plain HTTP too (``SECURE_REDIRECT_EXEMPT``)."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
_CACHE_SLEUTEL = "gezondheid:gereed"

# Set once the migrations are complete: they do not come undone while the process runs.
_migraties_compleet = False


def _antwoord(body: dict, status: int = 200, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(body, status=status, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def leeft(request):
    """Liveness: the process answers requests."""
    return _antwoord({"status": "leeft"})


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migraties() -> bool:
    global _migraties_compleet
    if not _migraties_compleet:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        _migraties_compleet = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migraties_compleet


def _cache() -> bool:
    cache.set(_CACHE_SLEUTEL, 1, timeout=60)
    return cache.get(_CACHE_SLEUTEL) == 1


# (name, check, what to tell the operator when it fails); a check returns False or raises when it fails.
CONTROLES = (
    ("database", _database,
     "De database is niet bereikbaar. Controleer DATABASE_URL en of PostgreSQL draait."),
    ("migraties", _migraties,
     "Niet alle migraties zijn uitgevoerd. Voer 'manage.py migrate' uit (scripts/serve doet dat bij het starten)."),
    ("cache", _cache,
     "De cache is niet bereikbaar. Controleer CACHE; bij CACHE=database: voer 'manage.py createcachetable' uit."),
)


@require_safe
def gereed(request):
    """Readiness: database, migrations and cache; the first failure makes the answer 503."""
    resultaten, mislukt = {}, []
    for naam, controle, melding in CONTROLES:
        if mislukt and naam == "migraties":
            resultaten[naam] = "niet gecontroleerd"  # needs the database
            continue
        try:
            goed = bool(controle())
        except Exception:
            logger.exception("Gezondheidscontrole %s mislukt", naam)
            goed = False
        resultaten[naam] = "ok" if goed else "mislukt"
        if not goed:
            mislukt.append(melding)
    if not mislukt:
        return _antwoord({"status": "gereed", "controles": resultaten})
    return _antwoord(
        {
            "type": "https://httpstatuses.io/503",
            "title": "Het register is niet gereed",
            "status": 503,
            "detail": " ".join(mislukt),
            "controles": resultaten,
        },
        status=503,
        content_type=PROBLEM_MEDIA_TYPE,
    )


app_name = "gezondheid"
urlpatterns = [
    path("leeft", leeft, name="leeft"),
    path("gereed", gereed, name="gereed"),
]
