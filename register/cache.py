"""Derived state from Django's cache, keyed per part of the register that changed (register/standversie.py).

Decisions are events and state is derived (DESIGN.md §3); deriving it for every GI on every request is the slow
part of the pages people wait for. ``afgeleid`` serves a repeated read from the cache (``CACHES``: the database
in production, locmem in development, a directory when configured).

Keys and versions. A value is kept under a key of its name and of whatever else it depends on (a year, a
peildatum, the variant, the reader's class, and always today's Amsterdam date: the status of a GI depends on it, and
so does what an embargo lets through) - but not of the register's version: the version it was built at is stored
beside it, ``(versie, waarde)``, and a later build overwrites it. So a key is never superseded by a new key, and the
cache holds one value per question instead of one per question per write. The version is:

- for what is derived from one GI (its status, tijdlijn, page): that GI's change counter and the global one
  (``versie_gi``): a write to another GI leaves it valid;
- for what is derived from the whole register (lists, ``/``, ``/signalen``, the overview of today): the sum of all
  counters (``versie_register``); ``/``, ``/signalen`` and the public Kamer overview of today (reports/afgeleid.py)
  are assembled from parts per GI that a write to another GI leaves valid, so their rebuild costs the one GI that
  changed;
- for an overview as recorded at the end of a past peildatum: only the global counters (``versie_globaal``): the
  register as recorded before a moment never changes afterwards (history is append-only).

Public state, public version (DESIGN.md §7: an edit of confidential fields must not be learnt by a reader who may
not read them, also not from the time an answer takes). A value built for a reader who may read no confidential
field (every public page, the openbaar values, the API answers for such readers) carries the ``:openbaar`` counters,
which move only with a change such a reader could see (standversie.py, by the one policy). A value that differs
per reader right is cached under different key parts (``delen``), so one can never be served for the other.

Where a value is kept: a value everyone may read in the shared cache; a value built for a reader of confidential
fields only in this process's memory (``VERTROUWELIJK``), never in the database cache.

One rebuild at a time, never a stall (``_bewaard``). A value whose version is behind is rebuilt by one reader: the
one that takes the rebuild lock (``cache.add`` of ``<key>:slot`` in the same cache, so both gunicorn workers see it,
with a timeout of SLOT_SECONDEN so a worker that dies while rebuilding cannot hold it). Every other reader meanwhile
gets the previous answer (stale-while-revalidate) instead of queueing behind the rebuild or rebuilding it too. A
value that was never built has no previous answer: its first reader builds it. There is no expiry by time (no
cliff where every reader of a popular page rebuilds at once): a value is replaced when its version is behind, and
the values of past days leave by the timeout of BEWAARTERMIJN (two days: a value keyed by today is no longer asked
for after tomorrow) and by the culling of the database cache (``CACHE_MAX_ENTRIES``, ``CACHE_MAX_MB``). After a write commits, the
writer refreshes the public page and status of the GI's it wrote and the public ``/`` (``na_schrijven``), within
NA_SCHRIJVEN_SECONDEN, so the next reader finds them built.

One worker at a time on derived work (``BEZIG``): a rebuild after an answer, and a write request until its own
rebuilds are done, hold one marker in the shared cache; a worker that finds it held leaves its rebuilds to a later
reader, so with two workers one always answers readers while the other writes or rebuilds.

What the previous answer may be: at most the answer of before the write, for as long as one worker needs to
rebuild or another worker is busy writing or rebuilding (a reader who wrote and reads at once can get it meanwhile).
It is always an answer built for the reader's own class, under the same key.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from register import domein, klok, standversie, vertrouwelijkheid

logger = logging.getLogger(__name__)

T = TypeVar("T")


@functools.cache
def codeversie() -> str:
    """Part of every key: the code that builds and renders a value (every module and template of the project, by
    name, size and modification time, and the static files' manifest by its content), so a new release never reads
    a value an older one left in a shared cache (the database cache outlives a restart), and a restart of the same
    release reads the values it left."""
    basis = Path(settings.BASE_DIR)
    pakketten = [p for p in basis.iterdir() if (p / "__init__.py").exists() or p.name == "templates"]
    bestanden = sorted(
        f for pakket in pakketten for f in pakket.rglob("*") if f.suffix in (".py", ".html", ".svg", ".json") and f.is_file()
    )
    h = hashlib.sha256()
    for f in bestanden:
        stat = f.stat()
        h.update(f"{f}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    # The static files' manifest (collectstatic): a page names its style sheet by the hash in the file name. By its
    # content, not its time: scripts/serve runs collectstatic at every start, which writes the manifest again with
    # the same content, and a restart must not make every value in the shared cache cold (and leave the old ones).
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json" if settings.STATIC_ROOT else None
    if manifest is not None and manifest.is_file():
        h.update(b"manifest:" + hashlib.sha256(manifest.read_bytes()).digest())
    return h.hexdigest()[:16]


def _verborgen(user) -> list[tuple]:
    """(domain model, the fields ``user`` may not read of it), for every domain model."""
    return [(d, vertrouwelijkheid.verborgen_velden(user, d.model)) for d in domein.DOMEINMODELLEN]


def leest_vertrouwelijk(user, verborgen: list[tuple] | None = None) -> bool:
    """May ``user`` read any confidential field? Then what is built for them may hold one (see VERTROUWELIJK), and
    its version counts every change (not only the public ones). ``verborgen``: ``_verborgen(user)``, when known."""
    return any(set(d.vertrouwelijke_velden) - velden for d, velden in verborgen or _verborgen(user))


def delen_lezen(opslag, sleutels: list[str]) -> dict:
    """The parts of a page under ``sleutels`` (a part per GI, each kept as (its version, its value)), read at once
    from ``opslag``; from the database cache without unpickling again what this process read before and is stored
    unchanged (register/databasecache.py ``get_many_herkend``). What it returns may be shared with the next reader:
    never change it."""
    lezen = getattr(opslag, "get_many_herkend", None)
    return lezen(sleutels) if lezen is not None else opslag.get_many(sleutels)


def sleutel(naam: str, *delen) -> str:
    """The cache key of ``naam`` with ``delen`` (without the register's version: that is stored with the value)."""
    tekst = "|".join(map(str, (codeversie(), connection.alias, naam, *delen)))
    return f"afgeleid:{naam}:{hashlib.sha256(tekst.encode()).hexdigest()}"


def _versie_sql(*, openbaar: bool, afkorting: str | None = None, vast_tot: dt.date | None = None,
                ook: tuple[str, ...] = ()) -> tuple[str, list]:
    """The SQL of the version a value is valid at (see the module's doc): of one GI (``afkorting``), of the register
    as recorded up to a past day (``vast_tot`` before today: only the global parts and ``ook``), or of the whole
    register. ``openbaar``: the public counters."""
    if afkorting is not None:
        return standversie.sql_gi(afkorting, openbaar=openbaar)
    if vast_tot is not None and vast_tot < klok.vandaag():
        return standversie.sql_globaal(openbaar=openbaar, ook=ook)
    return standversie.sql_register(openbaar=openbaar)


def versie(*, openbaar: bool, afkorting: str | None = None, vast_tot: dt.date | None = None, ook: tuple[str, ...] = ()) -> str:
    """The version a value is valid at (``_versie_sql``). One query."""
    return standversie.lezen(_versie_sql(openbaar=openbaar, afkorting=afkorting, vast_tot=vast_tot, ook=ook))


def _versie_en_gevonden(key: str, opslag, **versie) -> tuple[str, tuple | None]:
    """(the version the value under ``key`` must have, what ``opslag`` keeps under ``key``). From the database
    cache in one statement (register/databasecache.py, ``met_versie``): a warm read costs one query; from any other
    store the version is one query and the value is read from the store."""
    versie_sql = _versie_sql(**versie)
    leest_met = getattr(opslag, "leest_met", None)  # RegisterDatabaseCache (``cache`` is a proxy of it)
    if leest_met is not None and leest_met(connection.alias):
        return opslag.met_versie(key, versie_sql)
    return standversie.lezen(versie_sql), opslag.get(key)


# Answers that may hold a confidential field (built for a reader who may read one) are kept in this process's
# memory only, never in the shared cache: the database cache is a table that backups, dumps and a restore copy like
# any other, and it keeps a value until it is culled. Confidential answers are few (the toezichthouders' own reads),
# cheap to build again in another worker, and gone with the process. MAX_ENTRIES bounds the memory per process.
VERTROUWELIJK = LocMemCache("register-vertrouwelijk", {"OPTIONS": {"MAX_ENTRIES": 500}})

# How long a rebuild lock holds at most: a worker that dies while rebuilding frees it after this. Longer than the
# slowest rebuild (the Kamer overview of 500 GI's: a few seconds), so two workers never rebuild one value at once.
SLOT_SECONDEN = 60
# How long a value is kept at most: every key holds today's date, so a value is not asked for after tomorrow; this
# lets the database cache delete the values of past days (register/databasecache.py) instead of waiting for a cull.
# Not an expiry a reader waits for: within its day a value is replaced only when its version is behind.
BEWAARTERMIJN = 2 * 24 * 3600


# Rebuilds put off until the answer of this request was sent (AFGELEID_NA_ANTWOORD): None outside a request.
_NA_ANTWOORD = threading.local()

# One worker at a time on derived work (AFGELEID_NA_ANTWOORD). A rebuild after an answer, and a write request from
# its start to the end of its own rebuilds after the answer, hold BEZIG in the shared cache (``cache.add``, so every
# gunicorn worker sees it). A worker that finds it held skips its rebuilds after the answer (it frees their locks:
# the next reader takes them again) instead of running them beside it. So derived work never occupies every worker
# at once: while one worker writes or rebuilds, the others only answer readers, from the cache, with the previous
# answer where a value is behind. A write is never held up by it (a writer that finds BEZIG taken writes anyway).
# BEZIG_SECONDEN: how long it holds at most, when a worker dies while holding it (its readers meanwhile get the
# previous answers; a value never built is still built by its first reader).
BEZIG = "afgeleid:bezig"
BEZIG_SECONDEN = 30
# After finding BEZIG held, this process leaves values that are behind as they are for BEZIG_WACHTEN seconds (the
# previous answer, without taking a lock or asking for BEZIG again): a write or a rebuild takes about that long, and
# every reader in the meantime would otherwise write and delete a lock in the shared cache for nothing.
BEZIG_WACHTEN = 0.1
_anders_bezig_tot = [0.0]
_ALLEEN_LEZEN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class _Herbouw:
    """A rebuild put off until after the answer (``_herbouwen`` of its arguments), or, when another worker is busy
    with derived work, given up: its lock freed."""

    def __init__(self, key: str, versie_nu: str, bereken: Callable, opslag, slot: str):
        self.key, self.versie_nu, self.bereken, self.opslag, self.slot = key, versie_nu, bereken, opslag, slot

    def __call__(self) -> None:
        _herbouwen(self.key, self.versie_nu, self.bereken, self.opslag, self.slot)

    def opgeven(self) -> None:
        self.opslag.delete(self.slot)


def _bezig_nemen() -> bool:
    """Take BEZIG; False when another worker holds it, or when the cache cannot be reached (a request never fails
    on it: without BEZIG a rebuild only runs beside other work, as before)."""
    try:
        return cache.add(BEZIG, 1, BEZIG_SECONDEN)
    except Exception:  # noqa: BLE001
        logger.warning("Het teken voor afgeleid werk kon niet worden genomen", exc_info=True)
        return False


def _bezig_vrijgeven() -> None:
    try:
        cache.delete(BEZIG)
    except Exception:  # noqa: BLE001 (it expires after BEZIG_SECONDEN)
        logger.warning("Het teken voor afgeleid werk kon niet worden vrijgegeven", exc_info=True)


def _verzoek_begonnen(environ=None, **kwargs) -> None:
    _NA_ANTWOORD.taken = []
    _NA_ANTWOORD.bezig = False
    if (environ or {}).get("REQUEST_METHOD", "GET") not in _ALLEEN_LEZEN and getattr(settings, "AFGELEID_NA_ANTWOORD", False):
        _NA_ANTWOORD.bezig = _bezig_nemen()


def _verzoek_beeindigd(**kwargs) -> None:
    """Django's request_finished (sent when the WSGI server closes the response, after the last byte went out):
    the rebuilds this request took the lock for, while no other worker is busy with derived work (BEZIG). Each
    frees its lock, also when it fails."""
    taken, _NA_ANTWOORD.taken = getattr(_NA_ANTWOORD, "taken", None) or [], None
    bezig, _NA_ANTWOORD.bezig = getattr(_NA_ANTWOORD, "bezig", False), False
    if taken and not bezig:
        bezig = _bezig_nemen()
        if not bezig:
            _anders_bezig_tot[0] = time.monotonic() + BEZIG_WACHTEN
            for taak in taken:
                taak.opgeven()
            return
    try:
        for taak in taken:
            try:
                taak()
            except Exception:  # noqa: BLE001 (the answer was sent; the next reader rebuilds what this left)
                logger.warning("Herbouwen na het antwoord mislukt", exc_info=True)
    finally:
        if bezig:
            _bezig_vrijgeven()


request_started.connect(_verzoek_begonnen, dispatch_uid="register.cache.begonnen")
request_finished.connect(_verzoek_beeindigd, dispatch_uid="register.cache.beeindigd")


# A value that takes long to build (the Kamer overview of today, of hundreds of GI's: a few hundred milliseconds put
# together from its parts, seconds in one piece) is rebuilt after a write at most once per HERBOUW_FACTOR times its
# build time, when the rebuild is done after the answer (AFGELEID_NA_ANTWOORD): at most a tenth of one worker's time
# goes to rebuilding it however often the register is written, and its readers meanwhile get the previous answer.
# Values built within LANGE_BOUW seconds (a GI's status, tijdlijn, page, a page of a list: tens of milliseconds at
# most) are rebuilt at the first read after a write, as always.
HERBOUW_FACTOR = 10
LANGE_BOUW = 0.1


def _herbouwen(key: str, versie_nu: str, bereken: Callable[[], T], opslag, slot: str) -> T:
    """Build the value, keep it with its version (and when and how long it was built) and free the lock. A refusal
    (an exception: a GI that no longer exists, a 404) also removes the previous value, so the next reader gets the
    refusal instead of that value."""
    begin = time.monotonic()
    try:
        waarde = bereken()
    except BaseException:
        opslag.delete(key)
        raise
    else:
        opslag.set(key, (versie_nu, waarde, time.time(), time.monotonic() - begin), BEWAARTERMIJN)
    finally:
        opslag.delete(slot)
    return waarde


def _te_vroeg(gevonden: tuple) -> bool:
    """Is it too soon to rebuild this value again (see HERBOUW_FACTOR)? Only for a value that took long to build."""
    _, _, gebouwd_op, bouwtijd = gevonden
    return bouwtijd > LANGE_BOUW and time.time() < gebouwd_op + HERBOUW_FACTOR * bouwtijd


_NIET_GELEZEN = object()


def _bewaard(key: str, versie_nu: str, bereken: Callable[[], T], opslag, gevonden=_NIET_GELEZEN) -> T:
    """The value under ``key`` if it was built at ``versie_nu``; else rebuilt by the one reader that takes the
    rebuild lock, while every other reader gets the previous value (stale-while-revalidate). With
    AFGELEID_NA_ANTWOORD the reader that took the lock gets the previous value too, and its worker rebuilds after
    sending that answer (request_finished), so no reader waits for a rebuild. A refusal (an exception of
    ``bereken``) is never kept and frees the lock. ``gevonden``: what ``opslag`` keeps under ``key``, when the
    caller read it already (``_versie_en_gevonden``)."""
    if gevonden is _NIET_GELEZEN:
        gevonden = opslag.get(key)
    if gevonden is not None and gevonden[0] == versie_nu:
        return gevonden[1]
    na_antwoord = getattr(settings, "AFGELEID_NA_ANTWOORD", False)
    if gevonden is not None and na_antwoord and (_te_vroeg(gevonden) or time.monotonic() < _anders_bezig_tot[0]):
        # Rebuilt a moment ago and costly, or another worker is busy with derived work (BEZIG_WACHTEN): the
        # previous answer a little longer.
        return gevonden[1]
    slot = key + ":slot"
    if not opslag.add(slot, 1, SLOT_SECONDEN) and gevonden is not None:
        return gevonden[1]  # another worker rebuilds it: the previous answer meanwhile
    taken = getattr(_NA_ANTWOORD, "taken", None)
    if gevonden is not None and taken is not None and na_antwoord:
        taken.append(_Herbouw(key, versie_nu, bereken, opslag, slot))
        return gevonden[1]
    # Without a previous answer, a reader who finds the lock taken builds it too rather than wait: only on a cold
    # start, and a wait could never be shorter than building.
    return _herbouwen(key, versie_nu, bereken, opslag, slot)


def afgeleid(
    naam: str, delen: tuple, bereken: Callable[[], T], *, openbaar: bool = False, ook: tuple[str, ...] = (),
    afkorting: str | None = None, vast_tot: dt.date | None = None,
) -> T:
    """The value ``bereken()`` derives, from the cache while what it depends on has not changed since it was built.

    ``delen``: everything besides the register's content that the value depends on (year, peildatum, variant).
    Today's date is always part of the key: the status of a GI depends on it. ``openbaar``: the value is built from
    what everyone may read and is the same for every reader (the openbaar variant, the status of every GI): its
    version moves only with a change everyone can see, and it is kept in the shared cache. Otherwise every change
    moves it and the value is kept in this process only (it may hold a confidential field). ``afkorting``: the value
    is derived from that GI only (and the global parts). ``vast_tot``: the value reads the register as recorded up to
    the end of that day (a peildatum): when that day is past, no later write of a GI changes it; ``ook``: the
    append-only parts it reads too (standversie.NOTITIES, ARCHIEF)."""
    key = sleutel(naam, klok.vandaag(), openbaar, *delen)
    opslag = cache if openbaar else VERTROUWELIJK
    versie_nu, gevonden = _versie_en_gevonden(key, opslag, openbaar=openbaar, afkorting=afkorting, vast_tot=vast_tot, ook=ook)
    return _bewaard(key, versie_nu, bereken, opslag, gevonden)


def lezersklasse(user, verborgen: list[tuple] | None = None) -> tuple:
    """What about the reader a value built for them depends on: the fields they may not see, per domain model, and
    whether they see the records under embargo (a ministerie user reads the same fields as the public, but also a
    report before its rapportdatum; today is in every key, so on the rapportdatum every reader's key moves and the
    report appears). Two readers with the same class get the same answer; readers with other rights never share one.
    ``verborgen``: ``_verborgen(user)``, when known."""
    per_model = tuple(tuple(sorted(velden)) for _, velden in verborgen or _verborgen(user))
    return (per_model, "embargo" if vertrouwelijkheid.ziet_embargo(user) else "openbaar")


def voor_lezer(user, naam: str, delen: tuple, bereken: Callable[[], T], *, afkorting: str | None = None) -> T:
    """The value ``bereken()`` derives for ``user`` (an API answer, built with what ``user`` may read), from the
    cache while the register is unchanged for ``user``. The key holds the reader's class (``lezersklasse``), so
    readers with other rights never share one. For a reader who may read no confidential field the version moves
    only with a public change (register/standversie.py; the creation or an edit of a report under embargo counts as
    one, so the ministerie sees it at once): an edit of confidential fields only changes nothing they read, so it
    leaves the answer, and the time to answer, as it was. A value for a reader who may read a confidential field
    moves with every change; it, and one for a reader of reports under embargo, is kept in this process only
    (``VERTROUWELIJK``). ``afkorting``: the answer is
    derived from one GI (its status, its tijdlijn): only a write to that GI or to the global parts moves it."""
    verborgen = _verborgen(user)
    vertrouwelijk = leest_vertrouwelijk(user, verborgen)
    key = sleutel(naam, klok.vandaag(), lezersklasse(user, verborgen), *delen)
    opslag = VERTROUWELIJK if vertrouwelijk or vertrouwelijkheid.ziet_embargo(user) else cache
    versie_nu, gevonden = _versie_en_gevonden(key, opslag, openbaar=not vertrouwelijk, afkorting=afkorting)
    return _bewaard(key, versie_nu, bereken, opslag, gevonden)


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


class _Geweigerd(Exception):
    """A page that is not a 200 answer: never kept, passed on as it is."""

    def __init__(self, response):
        self.response = response


def openbare_pagina(*parameters: str, ook: tuple[str, ...] = (), per_gi: str | None = None, peildatum: str | None = None):
    """A public page, served from the cache to an anonymous reader while what it shows is unchanged: the rendered
    page (gzipped: a tenth of the size to read from the database cache, and sent as is to a browser that accepts
    gzip) under a key of today, the path and the query ``parameters`` the view reads (others do not change the page,
    so they make no new keys). ``per_gi``: the name of the view's argument that names the one GI the page shows (its
    version then is that GI's, see ``versie``). ``peildatum``: the query parameter naming the day as of which the
    page reads the register (a past day: only the global parts move it). ``ook``: see ``afgeleid``. Only a 200
    answer is kept. Logged-in readers get the page rendered for them (their menu, their CSRF token)."""

    def decorator(view):
        @functools.wraps(view)
        def pagina(request, *args, **kwargs):
            if not _zonder_toestand(request):
                return view(request, *args, **kwargs)
            vraag = tuple((naam, request.GET.get(naam)) for naam in parameters)
            vast_tot = None
            if peildatum is not None and request.GET.get(peildatum):
                try:
                    vast_tot = dt.date.fromisoformat(request.GET[peildatum])
                except ValueError:
                    vast_tot = None
            key = sleutel("pagina-gzip", klok.vandaag(), request.path, vraag)
            versie_nu, gevonden = _versie_en_gevonden(
                key, cache, openbaar=True, afkorting=kwargs.get(per_gi) if per_gi else None, vast_tot=vast_tot, ook=ook
            )

            def bouwen() -> bytes:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    raise _Geweigerd(response)
                return gzip.compress(response.content, compresslevel=6, mtime=0)

            try:
                return _uit_cache(request, _bewaard(key, versie_nu, bouwen, cache, gevonden))
            except _Geweigerd as geweigerd:
                return geweigerd.response

        return pagina

    return decorator


# --- After a write: refresh what it invalidated ------------------------------------------------------------------------

# How long a writer spends at most, after its commit, refreshing the public answers of what it wrote, and for how many
# GI's: the writer pays a bounded moment so that the next reader of those pages finds them built.
NA_SCHRIJVEN_SECONDEN = 0.25
NA_SCHRIJVEN_GI = 3


def na_schrijven(afkortingen: list[str]) -> None:
    """After a write of ``afkortingen``'s records committed (transaction.on_commit, register/standversie.py): render
    again the public pages that write made behind (each GI's page, then ``/``), as an anonymous reader would ask for
    them, until NA_SCHRIJVEN_SECONDEN has passed. Never fails the write: a refresh that fails is left to the next
    reader. Off with AFGELEID_NA_SCHRIJVEN = False (settings)."""
    if not getattr(settings, "AFGELEID_NA_SCHRIJVEN", True):
        return
    from django.test import RequestFactory  # noqa: PLC0415 (a request as an anonymous reader sends it)
    from django.urls import resolve, reverse  # noqa: PLC0415

    einde = time.monotonic() + NA_SCHRIJVEN_SECONDEN
    paden = [reverse("register:instelling", args=[a]) for a in afkortingen[:NA_SCHRIJVEN_GI]] + [reverse("register:index")]
    for pad in paden:
        if time.monotonic() >= einde:
            break
        try:
            match = resolve(pad)
            match.func(RequestFactory().get(pad), *match.args, **match.kwargs)
        except Exception:  # noqa: BLE001 (a refresh is a courtesy; the reader rebuilds what it left)
            logger.warning("Verversen na schrijven mislukt: %s", pad, exc_info=True)


# After the commit of a write, standversie asks the cache to refresh what the write invalidated (looked up at call
# time, so a test may replace ``na_schrijven``).
standversie.NA_SCHRIJVEN.append(lambda afkortingen: na_schrijven(afkortingen))
