"""The database cache (``CACHE=database``) with one statement per write.

Every API request counts itself against its rate limit in the cache (api/throttling.py), and every derived value
the register serves from the cache was written there once (register/cache.py). Django's DatabaseCache writes a
value with four statements: it counts the table's rows (to cull it when over ``MAX_ENTRIES``), reads the key, then
updates or inserts it in a transaction. ``RegisterDatabaseCache.set`` writes with one statement, an upsert on the
primary key (``INSERT … ON CONFLICT (cache_key) DO UPDATE``, on PostgreSQL and SQLite alike), so two workers writing
the same key at once cannot both insert it. Once every ``CULL_ELKE`` writes of a process
(instead of on every write) the expired rows are deleted, whatever the table's size, and the table is counted and
culled as Django does (a ``CULL_FREQUENCY`` part when still over ``MAX_ENTRIES``); between two culls it can hold at
most ``CULL_ELKE`` rows per process more than ``MAX_ENTRIES``, and an expired row lasts at most until a process has
written ``CULL_ELKE`` more values (every API request writes its rate-limit counter).

The rows are bounded, and so are the bytes: with the option ``MAX_MB`` (``CACHE_MAX_MB``, register/settings.py) the
same cull also measures the values (``SUM(octet_length(value))`` on PostgreSQL, which reads only the stored value's
header, ``SUM(length(value))`` on SQLite; the values are base64 or digits, so characters are bytes) in the statement
that counts the rows. Over ``MAX_MB`` (in millions of bytes, as bench/api.py reports the table), the values that
expire first (with one timeout per kind of value: the oldest written) are deleted in one statement until the rest
is at most three quarters of it, so the next few culls need not delete again. The rate-limit counters are never
deleted by this cull: the API's (``api-teller:`` keys, written by ``tellen``) and the login limits' and slots'
(``inloggen:`` keys, register/blokkade.py). Deleting one would start a client's window again before its end, and
they are tiny (a number, or a short pickle) and expire with their window anyway.

``met_versie`` reads a value together with the version it is checked against (register/cache.py) in one statement:
every cached answer is read with its version, so a warm read costs one query instead of two.

``get_many_herkend`` reads the parts a page is put together from (a part per GI, register/cache.py ``delen_lezen``):
a row that did not change since this process last read it (its expiry, written to the microsecond, and its size)
is neither sent nor unpickled again (at 500 GI's reading and unpickling every part was half of putting the Kamer
overview together after a write).

``tellen`` counts a request against an API rate limit (api/throttling.py) in one statement: an upsert that adds one
to the counter of the current window (or starts a new window when the previous one has ended) and returns the count
and the window's end, with other values (the tokens' generation, gebruikers/tokencache.py) read in the same statement.
PostgreSQL takes the row's lock for the update, so two workers counting at once each add their one: no count is lost.
A counter is kept as the number in plain text, not as a pickle: only ``tellen`` reads it (its keys are its own).

Reading, ``add``, ``touch`` and deleting are Django's own; other databases get Django's ``set``.
"""

from __future__ import annotations

import base64
import itertools
import pickle
import threading
from collections import OrderedDict
from datetime import datetime, timezone

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router
from django.utils.timezone import now as tz_now

# What get_many_herkend remembers per process, bounded by the size of the values' stored text (it keeps only what
# they unpickled to, about twice as much in memory): the parts of the Kamer overview of 500 GI's are 13 MB of text.
HERKEND_MAX_TEKST = 24_000_000
CULL_ELKE = 100  # count and cull the table once every so many writes of a process
# Keys (after the cache's prefix and version) of rate-limit counters: never deleted by the byte cull (see above).
TELLERS = ("api-teller:", "inloggen:")


class RegisterDatabaseCache(DatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._schrijvingen = itertools.count(1)
        max_mb = params.get("OPTIONS", {}).get("MAX_MB")
        self._max_bytes = None if max_mb is None else int(float(max_mb) * 1_000_000)
        self._herkend: OrderedDict[str, tuple[datetime, int, object]] = OrderedDict()  # key: (expiry, size, value)
        self._herkend_tekst = 0
        self._herkend_slot = threading.Lock()

    def get_many_herkend(self, keys, version=None) -> dict:
        """``get_many`` for values this process reads again and again while they stay the same (the parts a page is
        put together from): first only each row's expiry and size, then the values of only the rows that changed
        since this process last read them; an unchanged one is the object it unpickled to then. A row is unchanged
        when its expiry, which ``set`` writes to the microsecond (so it tells one write from another: whatever wrote
        the row, another process, a restored database, a cleared cache), and its size are the same. The caller must
        never change what it gets (it may be the same object for the next caller). Remembers at most
        HERKEND_MAX_TEKST characters of values; the least recently read go first. Other databases than PostgreSQL
        and SQLite (whose rows ``set`` does not write): ``get_many``."""
        if not keys:
            return {}
        db = router.db_for_read(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in ("postgresql", "sqlite"):
            return self.get_many(keys, version)
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        q = connection.ops.quote_name
        tabel, sleutel, inhoud, verloopt = q(self._table), q("cache_key"), q("value"), q("expires")
        result, verlopen, nu, lezen = {}, [], tz_now(), []
        tijdstip = self._tijdstip_lezer(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {sleutel}, {verloopt}, {self._lengte(connection)}({inhoud}) FROM {tabel} "
                f"WHERE {sleutel} IN ({', '.join(['%s'] * len(key_map))})",
                list(key_map),
            )
            with self._herkend_slot:
                for key, verloopt_op, lengte in cursor.fetchall():
                    verloopt_op = tijdstip(verloopt_op)
                    if verloopt_op < nu:
                        verlopen.append(key)
                        continue
                    eerder = self._herkend.get(key)
                    if eerder is not None and eerder[:2] == (verloopt_op, lengte) and verloopt_op.year < 9999:
                        self._herkend.move_to_end(key)
                        result[key_map[key]] = eerder[2]
                    else:
                        lezen.append(key)
            if lezen:
                cursor.execute(
                    f"SELECT {sleutel}, {inhoud}, {verloopt} FROM {tabel} WHERE {sleutel} IN ({', '.join(['%s'] * len(lezen))})",
                    lezen,
                )
                rijen = cursor.fetchall()
            else:
                rijen = []
        with self._herkend_slot:
            for key, tekst, verloopt_op in rijen:
                verloopt_op = tijdstip(verloopt_op)
                if verloopt_op < nu:
                    continue
                tekst = connection.ops.process_clob(tekst)
                waarde = pickle.loads(base64.b64decode(tekst.encode()))
                result[key_map[key]] = waarde
                eerder = self._herkend.pop(key, None)
                if eerder is not None:
                    self._herkend_tekst -= eerder[1]
                self._herkend[key] = (verloopt_op, len(tekst), waarde)
                self._herkend_tekst += len(tekst)
            while self._herkend_tekst > HERKEND_MAX_TEKST and self._herkend:
                _, (_, lengte, _) = self._herkend.popitem(last=False)
                self._herkend_tekst -= lengte
        self._base_delete_many(verlopen)
        return result

    def herkend_vergeten(self) -> None:
        """Forget what ``get_many_herkend`` remembers (for tests; a changed value is never mistaken anyway)."""
        with self._herkend_slot:
            self._herkend.clear()
            self._herkend_tekst = 0

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in ("postgresql", "sqlite"):
            return super().set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            exp = datetime.max
        else:
            exp = datetime.fromtimestamp(timeout, tz=timezone.utc if settings.USE_TZ else None)
        # To the microsecond (Django's own set drops them): the expiry tells one write of a row from another
        # (``get_many_herkend``).
        exp = connection.ops.adapt_datetimefield_value(exp)
        # As Django stores it: the pickle in base64, as text.
        waarde = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        q = connection.ops.quote_name
        tabel, sleutel, inhoud, verloopt = q(self._table), q("cache_key"), q("value"), q("expires")
        with connection.cursor() as cursor:
            if next(self._schrijvingen) % CULL_ELKE == 0:
                self._opruimen(db, cursor)
            cursor.execute(
                f"INSERT INTO {tabel} ({sleutel}, {inhoud}, {verloopt}) VALUES (%s, %s, %s) "
                f"ON CONFLICT ({sleutel}) DO UPDATE SET {inhoud} = EXCLUDED.{inhoud}, {verloopt} = EXCLUDED.{verloopt}",
                [key, waarde, exp],
            )

    def leest_met(self, alias: str) -> bool:
        """Can ``met_versie`` read a version of database ``alias`` in the same statement as a value?"""
        return router.db_for_read(self.cache_model_class) == alias and connections[alias].vendor in ("postgresql", "sqlite")

    def met_versie(self, key, versie_sql: tuple[str, list], version=None) -> tuple[str, object]:
        """(the version, the value under ``key`` or None) in one statement: ``versie_sql`` is an SQL expression with
        its parameters (register/standversie.py) on the database of this cache (``leest_met``). One snapshot, so
        the value is never newer than the version read with it. An expired value is None, as with ``get``."""
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_read(self.cache_model_class)
        connection = connections[db]
        q = connection.ops.quote_name
        expressie, parameters = versie_sql
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT ({expressie}), c.{q('value')}, c.{q('expires')} FROM (SELECT 1 AS een) AS v "
                f"LEFT JOIN {q(self._table)} AS c ON c.{q('cache_key')} = %s",
                [*parameters, key],
            )
            versie, waarde, verloopt = cursor.fetchone()
        if waarde is None:
            return str(versie), None
        if self._tijdstip(connection, verloopt) < tz_now():
            self._base_delete_many([key])  # as Django's get does
            return str(versie), None
        return str(versie), pickle.loads(base64.b64decode(connection.ops.process_clob(waarde).encode()))

    def telt(self) -> bool:
        """Can ``tellen`` count in one statement here (the database of this cache is PostgreSQL or SQLite)?"""
        return connections[router.db_for_write(self.cache_model_class)].vendor in ("postgresql", "sqlite")

    def tellen(self, key, duur: float, nu: float, lees: tuple[str, ...] = (), version=None) -> tuple[int, float, dict]:
        """Count one under ``key`` (``telt``): (the count in the current window, including this one; the window's end
        as a timestamp; the values of the keys ``lees``, read in the same statement). A window lasts ``duur`` seconds
        from the first count after the previous one ended; ``nu`` is the time of this count (a timestamp). The
        counter row expires with its window, so the periodic cleanup removes it once it no longer counts."""
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        q = connection.ops.quote_name
        tabel, sleutel, inhoud, verloopt = q(self._table), q("cache_key"), q("value"), q("expires")
        tz = timezone.utc if settings.USE_TZ else None
        moment = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(nu, tz=tz))
        einde = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(nu + duur, tz=tz))
        gelezen = [self.make_and_validate_key(k, version=version) for k in lees]
        extra = "".join(
            f", (SELECT g.{inhoud} FROM {tabel} AS g WHERE g.{sleutel} = %s)"
            f", (SELECT g.{verloopt} FROM {tabel} AS g WHERE g.{sleutel} = %s)"
            for _ in gelezen
        )
        with connection.cursor() as cursor:
            if next(self._schrijvingen) % CULL_ELKE == 0:
                self._opruimen(db, cursor)
            cursor.execute(
                f"INSERT INTO {tabel} AS c ({sleutel}, {inhoud}, {verloopt}) VALUES (%s, '1', %s) "
                f"ON CONFLICT ({sleutel}) DO UPDATE SET "
                f"{inhoud} = CASE WHEN c.{verloopt} <= %s THEN '1' "
                f"ELSE CAST(CAST(c.{inhoud} AS INTEGER) + 1 AS TEXT) END, "
                f"{verloopt} = CASE WHEN c.{verloopt} <= %s THEN EXCLUDED.{verloopt} ELSE c.{verloopt} END "
                f"RETURNING {inhoud}, {verloopt}{extra}",
                [key, einde, moment, moment, *[k for k in gelezen for _ in range(2)]],
            )
            rij = cursor.fetchone()
        aantal, venster_einde = int(rij[0]), self._tijdstip(connection, rij[1]).timestamp()
        waarden = {}
        for i, naam in enumerate(lees):
            waarde, vervalt = rij[2 + 2 * i], rij[3 + 2 * i]
            if waarde is not None and self._tijdstip(connection, vervalt) >= tz_now():
                waarden[naam] = pickle.loads(base64.b64decode(connection.ops.process_clob(waarde).encode()))
        return aantal, venster_einde, waarden

    @classmethod
    def _tijdstip(cls, connection, waarde) -> datetime:
        """A value of the ``expires`` column, as Django's backend reads it (aware with USE_TZ)."""
        return cls._tijdstip_lezer(connection)(waarde)

    @staticmethod
    def _tijdstip_lezer(connection):
        """``_tijdstip`` for many values: the converters looked up once."""
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)

        def lezen(waarde):
            for converter in converters:
                waarde = converter(waarde, expression, connection)
            return waarde

        return lezen

    def _opruimen(self, db, cursor) -> None:
        """Expired rows are deleted every time, whatever the count (an expired value is never read again, so it
        should not linger in the table, its backups or its dumps); the rest is counted and its values measured in
        one statement; over ``MAX_MB`` the values that expire first go (``_bytes_ruimen``); then Django's cull of a
        part of the rest when the table is still over MAX_ENTRIES."""
        connection = connections[db]
        q = connection.ops.quote_name
        tabel = q(self._table)
        nu = tz_now().replace(microsecond=0)
        cursor.execute(f"DELETE FROM {tabel} WHERE {q('expires')} < %s", [connection.ops.adapt_datetimefield_value(nu)])
        cursor.execute(f"SELECT COUNT(*), COALESCE(SUM({self._lengte(connection)}({q('value')})), 0) FROM {tabel}")
        aantal, bytes_ = cursor.fetchone()
        if self._max_bytes is not None and bytes_ > self._max_bytes:
            aantal -= self._bytes_ruimen(connection, cursor, int(bytes_) - self._max_bytes * 3 // 4)
        if aantal > self._max_entries:
            self._cull(db, cursor, nu, aantal)

    @staticmethod
    def _lengte(connection) -> str:
        """The SQL function that gives a value's size in bytes."""
        return "octet_length" if connection.vendor == "postgresql" else "length"

    def _bytes_ruimen(self, connection, cursor, te_veel: int) -> int:
        """Delete the values that expire first (ties by key), rate-limit counters excepted (``TELLERS``), until at
        least ``te_veel`` bytes are gone, in one statement: a row goes when the values ordered before it hold less
        than ``te_veel``. Returns the number of rows deleted."""
        q = connection.ops.quote_name
        tabel, sleutel = q(self._table), q("cache_key")
        tellers = [self.make_key(prefix) for prefix in TELLERS]
        uitgezonderd = " AND ".join(f"substr({sleutel}, 1, {len(t)}) <> %s" for t in tellers)
        cursor.execute(
            f"DELETE FROM {tabel} WHERE {sleutel} IN (SELECT {sleutel} FROM ("
            f"SELECT {sleutel}, SUM({self._lengte(connection)}({q('value')})) OVER (ORDER BY {q('expires')}, {sleutel} "
            f"ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ervoor FROM {tabel} WHERE {uitgezonderd}"
            f") AS oudste WHERE COALESCE(ervoor, 0) < %s)",
            [*tellers, te_veel],
        )
        return cursor.rowcount
