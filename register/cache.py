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

Public state, public key (DESIGN.md §7: an edit of confidential fields must not be learnt by a reader who may not
read them, also not from the time an answer takes). The key of a value built for such a reader (every public page,
the openbaar values, the API answers for readers without the right) counts per model with confidential fields only
the newest history row that changed a field everyone may read (``beperking``, through
``vertrouwelijkheid.zichtbare_historie``: the one policy). An edit of confidential fields only leaves that key, so
the next public read comes from the cache as before the edit; any edit of a public field moves it at once. Such a
value is built from the public fields only, so it is the same whichever of the two keys it was built under.

Where a value is kept: a value everyone may read in the shared cache; a value built for a reader of confidential
fields only in this process's memory (``VERTROUWELIJK``), never in the database cache.

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
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from register import domein, klok, vertrouwelijkheid

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


def _nieuwste_zichtbare(n: int, model) -> tuple[str, list]:
    """SQL and parameters: the newest history row of ``model`` that a reader who may read none of its confidential
    fields can see (vertrouwelijkheid.zichtbare_historie, the one policy: an update that changed only confidential
    fields is left out). Read backwards along the primary key until the first such row, usually the newest."""
    q = connection.ops.quote_name
    rijen = vertrouwelijkheid.zichtbare_historie(AnonymousUser(), model, model.history.all())
    binnen, parameters = rijen.order_by("-history_id").values_list("history_date", "history_id")[:1].query.sql_with_params()
    return (
        f"SELECT {n} AS n, laatste{n}.{q('history_date')} AS datum, laatste{n}.{q('history_id')} AS nummer "
        f"FROM ({binnen}) AS laatste{n}",
        list(parameters),
    )


@functools.cache
def _sql(vendor: str, ook: tuple[str, ...], beperkt: frozenset[int] = frozenset()) -> tuple[str, tuple]:
    """The key query and its parameters (built once per database kind: naming a model's history manager is not
    free). Per domain model its newest history row, read backwards along the primary key (one index lookup, fewer
    to plan than a MAX of each column), numbered so that a model without history leaves a gap instead of shifting
    the others. For the models numbered in ``beperkt``: the newest row that changed a field everyone may read."""
    q = connection.ops.quote_name
    delen, parameters = [], []
    for n, d in enumerate(domein.DOMEINMODELLEN):
        if n in beperkt:
            deel, extra = _nieuwste_zichtbare(n, d.model)
            delen.append(deel)
            parameters += extra
            continue
        tabel = q(d.model.history.model._meta.db_table)
        delen.append(
            f"SELECT * FROM (SELECT {n} AS n, {q('history_date')} AS datum, {q('history_id')} AS nummer FROM {tabel} "
            f"ORDER BY {q('history_id')} DESC LIMIT 1) AS laatste{n}"
        )
    for n, label in enumerate(ook, start=len(domein.DOMEINMODELLEN)):  # an append-only table beside the register
        model = apps.get_model(label)  # (the archive of Kamer overviews): its newest row
        delen.append(f"SELECT {n}, NULL, (SELECT MAX({q(model._meta.pk.column)}) FROM {q(model._meta.db_table)})")
    return " UNION ALL ".join(delen), tuple(parameters)


def beperking(user) -> frozenset[int]:
    """The domain models (their place in DOMEINMODELLEN) of which ``user`` may read none of the confidential fields:
    for them the key of what ``user`` reads moves only with a change ``user`` could see. A model of which the user
    reads some confidential fields but not all is not in it (its every change counts, as for a full reader)."""
    result = set()
    for n, d in enumerate(domein.DOMEINMODELLEN):
        geheim = set(d.vertrouwelijke_velden)
        if geheim and geheim <= vertrouwelijkheid.verborgen_velden(user, d.model):
            result.add(n)
    return frozenset(result)


def leest_vertrouwelijk(user) -> bool:
    """May ``user`` read any confidential field? Then what is built for them may hold one (see VERTROUWELIJK)."""
    return any(set(d.vertrouwelijke_velden) - vertrouwelijkheid.verborgen_velden(user, d.model) for d in domein.DOMEINMODELLEN)


@functools.cache
def openbare_beperking() -> frozenset[int]:
    """``beperking`` of a reader without rights: every domain model with a confidential field."""
    return beperking(AnonymousUser())


def laatste_wijziging(ook: tuple[str, ...] = (), beperkt: frozenset[int] = frozenset()) -> str:
    """The register's latest change, in one query: per domain model the id and the history_date of its newest
    history row (a new history row always has a higher id; the date tells a register apart from an older copy with
    the same ids); '' when the register is empty. ``ook``: labels of append-only models whose newest row counts too
    (the archive a page lists). ``beperkt`` (see ``beperking``): for those models the newest row that changed a field
    everyone may read, so that an edit of confidential fields only leaves the key of a public answer as it was."""
    sql, parameters = _sql(connection.vendor, ook, frozenset(beperkt))
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
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


# Answers that may hold a confidential field (built for a reader who may read one) are kept in this process's
# memory only, never in the shared cache: the database cache is a table that backups, dumps and a restore copy like
# any other, and it keeps a value until it is culled. Confidential answers are few (the toezichthouders' own reads),
# cheap to build again in another worker, and gone with the process. MAX_ENTRIES bounds the memory per process; the
# timeout is AFGELEID_CACHE_SECONDEN, as for every derived value.
VERTROUWELIJK = LocMemCache("register-vertrouwelijk", {"OPTIONS": {"MAX_ENTRIES": 500}})


def _bewaard(key: str, bereken: Callable[[], T], opslag) -> T:
    waarde = opslag.get(key, _ONTBREEKT)
    if waarde is _ONTBREEKT:
        waarde = bereken()
        opslag.set(key, waarde, getattr(settings, "AFGELEID_CACHE_SECONDEN", 300))
    return waarde


def afgeleid(naam: str, delen: tuple, bereken: Callable[[], T], *, openbaar: bool = False, ook: tuple[str, ...] = ()) -> T:
    """The value ``bereken()`` derives, from the cache when the register has not changed since it was cached.

    ``delen``: everything besides the register's content that the value depends on (year, peildatum, variant).
    Today's date is always part of the key: the status of a GI depends on it. ``openbaar``: the value is built from
    what everyone may read and is the same for every reader (the openbaar variant, the status of every GI): its key
    moves only with a change everyone can see, and it is kept in the shared cache. Otherwise any write moves the key
    and the value is kept in this process only (it may hold a confidential field). ``ook``: labels of append-only
    models beside the register that the value reads too (as ``laatste_wijziging``)."""
    if openbaar:
        key = sleutel(naam, klok.vandaag(), *delen, versie=laatste_wijziging(ook, beperkt=openbare_beperking()))
        return _bewaard(key, bereken, cache)
    return _bewaard(sleutel(naam, klok.vandaag(), *delen, versie=laatste_wijziging(ook) if ook else None), bereken, VERTROUWELIJK)


def voor_lezer(user, naam: str, delen: tuple, bereken: Callable[[], T]) -> T:
    """The value ``bereken()`` derives for ``user`` (an API answer, built with what ``user`` may read), from the
    cache while the register is unchanged for ``user``. The key holds the fields ``user`` may not see per domain
    model (the only thing about the reader such a value depends on), so readers with other rights never share one,
    and whether ``user`` sees records under embargo, and the latest change ``user`` could see (``beperking``): for a reader without the right to confidential fields
    an edit of those fields only changes nothing they read, so it leaves the key, and the time to answer, as it was.
    A value for a reader who may read a confidential field is kept in this process only (``VERTROUWELIJK``)."""
    verborgen = tuple(tuple(sorted(vertrouwelijkheid.verborgen_velden(user, d.model))) for d in domein.DOMEINMODELLEN)
    # Whether the reader sees the records under embargo: the other thing an answer depends on (a KMI user reads the
    # same fields as an inspecteur, but not a report before its rapportdatum). Today is in the key as well, so on the
    # rapportdatum every reader's key moves and the report appears.
    embargo = "embargo" if vertrouwelijkheid.ziet_embargo(user) else "openbaar"
    key = sleutel(naam, klok.vandaag(), verborgen, embargo, *delen, versie=laatste_wijziging(beperkt=beperking(user)))
    return _bewaard(key, bereken, VERTROUWELIJK if leest_vertrouwelijk(user) or embargo == "embargo" else cache)


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
            versie = laatste_wijziging(ook, beperkt=openbare_beperking())
            key = sleutel("pagina-gzip", klok.vandaag(), request.path, vraag, versie=versie)
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
