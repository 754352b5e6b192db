"""The database cache (``CACHE=database``) with one statement per write.

Every API request reads and writes its rate-limit counter in the cache (api/throttling.py), and every derived value
the register serves from the cache was written there once (register/cache.py). Django's DatabaseCache writes a
value with four statements: it counts the table's rows (to cull it when over ``MAX_ENTRIES``), reads the key, then
updates or inserts it in a transaction. ``RegisterDatabaseCache.set`` writes with one statement, an upsert on the
primary key (``INSERT … ON CONFLICT (cache_key) DO UPDATE``, on PostgreSQL and SQLite alike), so two workers writing
the same key at once cannot both insert it. Once every ``CULL_ELKE`` writes of a process
(instead of on every write) the expired rows are deleted, whatever the table's size, and the table is counted and
culled as Django does (a ``CULL_FREQUENCY`` part when still over ``MAX_ENTRIES``); between two culls it can hold at
most ``CULL_ELKE`` rows per process more than ``MAX_ENTRIES``, and an expired row lasts at most until a process has
written ``CULL_ELKE`` more values (every API request writes its rate-limit counter).

Reading, ``add``, ``touch`` and deleting are Django's own; other databases get Django's ``set``.
"""

from __future__ import annotations

import base64
import itertools
import pickle
from datetime import datetime, timezone

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now

CULL_ELKE = 100  # count and cull the table once every so many writes of a process


class RegisterDatabaseCache(DatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._schrijvingen = itertools.count(1)

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
        exp = connection.ops.adapt_datetimefield_value(exp.replace(microsecond=0))
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

    def _opruimen(self, db, cursor) -> None:
        """Expired rows are deleted every time, whatever the count (an expired value is never read again, so it
        should not linger in the table, its backups or its dumps); then Django's cull of a part of the rest when the
        table is still over MAX_ENTRIES."""
        connection = connections[db]
        tabel = connection.ops.quote_name(self._table)
        nu = tz_now().replace(microsecond=0)
        cursor.execute(
            f"DELETE FROM {tabel} WHERE {connection.ops.quote_name('expires')} < %s",
            [connection.ops.adapt_datetimefield_value(nu)],
        )
        cursor.execute(f"SELECT COUNT(*) FROM {tabel}")
        aantal = cursor.fetchone()[0]
        if aantal > self._max_entries:
            self._cull(db, cursor, nu, aantal)
