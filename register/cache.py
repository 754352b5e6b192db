"""Derived state from Django's cache, keyed by the register's latest change.

Decisions are events and state is derived (DESIGN.md §3); deriving it for every GI on every request is the slow
part of the pages people wait for. ``afgeleid`` serves a repeated read from the cache (``CACHES``: the database
in production, locmem in development, a directory when configured) under a key that holds the register's latest
change: the newest row of the history table of every domain model (register/domein.py), its id and its
``history_date``, read in one query. Every write goes through a service, the admin or the API and records history in its own transaction, so
any write changes the key and the next read derives afresh; nothing needs to be invalidated by hand.

The key also holds whatever else the value depends on (a year, a peildatum, the variant, today's date): a caller
names them all in ``delen``. A value that differs per reader right (the openbaar and vertrouwelijk variant) is
cached under different ``delen``, so one can never be served for the other.

A transaction that commits after a later-started one of the same model leaves the newest history_date and id the
same; ``AFGELEID_CACHE_SECONDEN`` (settings, default 300) bounds how long such a value can be served.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from register import domein, klok

T = TypeVar("T")
_ONTBREEKT = object()


@functools.cache
def codeversie() -> str:
    """Part of every key: the code that builds and renders a value (every module and template of the project and
    the static files' manifest, by name, size and modification time), so a new release never reads a value an older
    one left in a shared cache (the database cache outlives a restart)."""
    basis = Path(settings.BASE_DIR)
    pakketten = [p for p in basis.iterdir() if (p / "__init__.py").exists() or p.name == "templates"]
    bestanden = sorted(
        f for pakket in pakketten for f in pakket.rglob("*") if f.suffix in (".py", ".html", ".svg", ".json") and f.is_file()
    )
    # The static files' manifest (collectstatic): a page names its style sheet by the hash in the file name.
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json" if settings.STATIC_ROOT else None
    if manifest is not None and manifest.is_file():
        bestanden.append(manifest)
    h = hashlib.sha256()
    for f in bestanden:
        stat = f.stat()
        h.update(f"{f}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


@functools.cache
def _sql(vendor: str, ook: tuple[str, ...]) -> str:
    """The key query (built once per database kind: naming a model's history manager is not free). Per domain model
    its newest history row, read backwards along the primary key (one index lookup, fewer to plan than a MAX of
    each column), numbered so that a model without history leaves a gap instead of shifting the others."""
    q = connection.ops.quote_name
    delen = []
    for n, d in enumerate(domein.DOMEINMODELLEN):
        tabel = q(d.model.history.model._meta.db_table)
        delen.append(
            f"SELECT * FROM (SELECT {n} AS n, {q('history_date')} AS datum, {q('history_id')} AS nummer FROM {tabel} "
            f"ORDER BY {q('history_id')} DESC LIMIT 1) AS laatste{n}"
        )
    for n, label in enumerate(ook, start=len(domein.DOMEINMODELLEN)):  # an append-only table beside the register
        model = apps.get_model(label)  # (the archive of Kamer overviews): its newest row
        delen.append(f"SELECT {n}, NULL, (SELECT MAX({q(model._meta.pk.column)}) FROM {q(model._meta.db_table)})")
    return " UNION ALL ".join(delen)


def laatste_wijziging(ook: tuple[str, ...] = ()) -> str:
    """The register's latest change, in one query: per domain model the id and the history_date of its newest
    history row (a new history row always has a higher id; the date tells a register apart from an older copy with
    the same ids); '' when the register is empty. ``ook``: labels of append-only models whose newest row counts too
    (the archive a page lists)."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor, ook))
        rijen = cursor.fetchall()
    nummers = {n: nummer for n, _, nummer in rijen}
    datums = [str(datum) for _, datum, _ in rijen if datum is not None]  # only history rows have one
    if not datums:
        return ""
    return max(datums) + "|" + ",".join(str(nummers.get(n) or 0) for n in range(len(domein.DOMEINMODELLEN) + len(ook)))


def sleutel(naam: str, *delen, versie: str | None = None) -> str:
    """The cache key of ``naam`` with ``delen`` at register version ``versie`` (the latest change; read when None)."""
    versie = laatste_wijziging() if versie is None else versie
    tekst = "|".join(map(str, (codeversie(), connection.alias, versie, naam, *delen)))
    return f"afgeleid:{naam}:{hashlib.sha256(tekst.encode()).hexdigest()}"


def afgeleid(naam: str, delen: tuple, bereken: Callable[[], T]) -> T:
    """The value ``bereken()`` derives, from the cache when the register has not changed since it was cached.

    ``delen``: everything besides the register's content that the value depends on (year, peildatum, variant,
    the reader's rights). Today's date is always part of the key: the status of a GI depends on it."""
    key = sleutel(naam, klok.vandaag(), *delen)
    waarde = cache.get(key, _ONTBREEKT)
    if waarde is _ONTBREEKT:
        waarde = bereken()
        cache.set(key, waarde, getattr(settings, "AFGELEID_CACHE_SECONDEN", 300))
    return waarde


def _zonder_toestand(request) -> bool:
    """A GET without a session or messages cookie: an anonymous reader with nothing pending, for whom a public page
    is the same as for every other one (no user menu, no CSRF token, no messages)."""
    return request.method == "GET" and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES
    )


def _uit_cache(request, gecomprimeerd: bytes) -> HttpResponse:
    """A cached page: as kept (gzip) for a client that accepts it, else unpacked."""
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(gecomprimeerd, content_type="text/html; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(gecomprimeerd), content_type="text/html; charset=utf-8")
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def openbare_pagina(*parameters: str, ook: tuple[str, ...] = ()):
    """A public page, served from the cache to an anonymous reader while the register is unchanged: the rendered
    page under a key of the register's latest change (and of ``ook``, see ``laatste_wijziging``), today, the path and
    the query ``parameters`` the view reads (others do not change the page, so they make no new keys). Only a 200
    answer is kept, gzipped (a tenth of the size to read from the database cache, and sent as is to a browser that
    accepts gzip). Logged-in readers get the page rendered for them (their menu, their CSRF token)."""

    def decorator(view):
        @functools.wraps(view)
        def pagina(request, *args, **kwargs):
            if not _zonder_toestand(request):
                return view(request, *args, **kwargs)
            vraag = tuple((naam, request.GET.get(naam)) for naam in parameters)
            key = sleutel("pagina-gzip", klok.vandaag(), request.path, vraag, versie=laatste_wijziging(ook))
            gecomprimeerd = cache.get(key)
            if gecomprimeerd is not None:
                return _uit_cache(request, gecomprimeerd)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                gecomprimeerd = gzip.compress(response.content, compresslevel=6, mtime=0)
                cache.set(key, gecomprimeerd, getattr(settings, "AFGELEID_CACHE_SECONDEN", 300))
                patch_vary_headers(response, ("Accept-Encoding",))
            return response

        return pagina

    return decorator
