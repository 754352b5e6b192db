"""Derived state from Django's cache, keyed by the register's latest change.

Decisions are events and state is derived (DESIGN.md §3); deriving it for every GI on every request is the slow
part of the pages people wait for. ``afgeleid`` serves a repeated read from the cache (``CACHES``: the database
in production, locmem in development, a directory when configured) under a key that holds the register's latest
change: the newest ``history_date`` and the highest history id of the history table of every domain model
(register/domein.py), read in one query. Every write goes through a service, the admin or the API and records history in its own transaction, so
any write changes the key and the next read derives afresh; nothing needs to be invalidated by hand.

The key also holds whatever else the value depends on (a year, a peildatum, the variant, today's date): a caller
names them all in ``delen``. A value that differs per reader right (the openbaar and vertrouwelijk variant) is
cached under different ``delen``, so one can never be served for the other.

A transaction that commits after a later-started one of the same model leaves the newest history_date and id the
same; ``AFGELEID_CACHE_SECONDEN`` (settings, default 300) bounds how long such a value can be served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from register import domein, klok

T = TypeVar("T")
_ONTBREEKT = object()
# Part of every key: a change in how a value is built (a new field in the structure) must not read an old one.
SLEUTELVERSIE = 1


def _sql() -> str:
    q = connection.ops.quote_name
    return " UNION ALL ".join(
        f"SELECT MAX({q('history_date')}), MAX({q('history_id')}) FROM {q(d.model.history.model._meta.db_table)}"
        for d in domein.DOMEINMODELLEN
    )


def laatste_wijziging() -> str:
    """The register's latest change, in one query: per domain model the newest history_date and the highest history
    id (two writes may share a timestamp, a new history row always has a higher id); '' when the register is empty."""
    with connection.cursor() as cursor:
        cursor.execute(_sql())
        rijen = cursor.fetchall()
    if all(datum is None for datum, _ in rijen):
        return ""
    laatste = max(str(datum) for datum, _ in rijen if datum is not None)
    return laatste + "|" + ",".join(str(nummer or 0) for _, nummer in rijen)


def sleutel(naam: str, *delen, versie: str | None = None) -> str:
    """The cache key of ``naam`` with ``delen`` at register version ``versie`` (the latest change; read when None)."""
    versie = laatste_wijziging() if versie is None else versie
    tekst = "|".join(map(str, (SLEUTELVERSIE, connection.alias, versie, naam, *delen)))
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
