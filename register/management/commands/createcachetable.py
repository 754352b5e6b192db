"""Django's ``createcachetable``, and on PostgreSQL the table of the register's database cache made UNLOGGED.

Every API request writes its rate-limit counter to the cache (api/throttling.py). In a logged table each such write
is a commit that waits for the write-ahead log to reach the disk (a few milliseconds, longer than the whole rest of
a cached read); an unlogged table writes no WAL, so its commits do not wait. What a cache holds may be lost: after a
crash of PostgreSQL (not after a clean stop) the table is empty and a standby has none of it. The register then
rebuilds its derived state at the next read, the rate-limit and login counters start again at zero, and no API
token account kept by a process counts any more (a missing generation: gebruikers/tokencache.py). Transactions stay
as they are: a write of the register together with a cache value commits both or neither.

Run at every start (scripts/serve): a table made by an earlier release is changed once; one that is unlogged
already is left as it is."""

from django.conf import settings
from django.core.cache import caches
from django.core.management.commands import createcachetable
from django.db import connections, router

from register.databasecache import RegisterDatabaseCache


class Command(createcachetable.Command):
    help = createcachetable.Command.help + " On PostgreSQL the register's cache table is unlogged (no WAL)."

    def handle(self, *tablenames, **options):
        super().handle(*tablenames, **options)
        if tablenames:
            return
        for alias in settings.CACHES:
            cache = caches[alias]
            if isinstance(cache, RegisterDatabaseCache):
                self.zonder_wal(options["database"], cache, options["dry_run"])

    def zonder_wal(self, database: str, cache: RegisterDatabaseCache, dry_run: bool) -> None:
        connection = connections[database]
        if connection.vendor != "postgresql" or not router.allow_migrate_model(database, cache.cache_model_class):
            return
        tabel = connection.ops.quote_name(cache._table)
        with connection.cursor() as cursor:
            cursor.execute("SELECT relpersistence FROM pg_class WHERE oid = to_regclass(%s)", [tabel])
            rij = cursor.fetchone()
            if rij is None or rij[0] != "p":
                return  # not there (a dry run) or unlogged already
            statement = f"ALTER TABLE {tabel} SET UNLOGGED"
            if dry_run:
                self.stdout.write(statement + ";")
                return
            cursor.execute(statement)
        if self.verbosity > 0:
            self.stdout.write(f"Cachetabel '{cache._table}' is nu unlogged (geen WAL).")
