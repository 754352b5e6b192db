"""Benchmark of the database cache's periodic cull (register/databasecache.py ``_opruimen``) on PostgreSQL: what the
hundredth write of a process costs extra, under CACHE_MAX_MB (the expired rows, then the rows counted and the values
measured) and over it (the same, and the values that expire first deleted until three quarters remain).

    .venv/bin/python bench/cacheopruimen.py --rijen 3750 --kb 16 --herhaal 5 \
        --database-url postgres://postgres@127.0.0.1:5432/bench_cacheopruimen

Drops and creates the database of --database-url (never the environment's DATABASE_URL) and its cache table
(``createcachetable``: unlogged, as in production). Fills it with --rijen values of --kb kB of random base64 (not
compressible, like a pickle in base64 at worst), with their expiry a second apart, plus 200 API counters. Then
--herhaal times each: the cull with the bound above the values (nothing deleted), and with the bound at 3/4 of the
values (the table filled again first, outside the timing), with CACHE_MAX_ENTRIES out of the way. Prints the median
and the maximum in milliseconds.
"""

import argparse
import base64
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rijen", type=int, default=3750)
    p.add_argument("--kb", type=int, default=16)
    p.add_argument("--herhaal", type=int, default=5)
    p.add_argument("--database-url", required=True)
    a = p.parse_args()

    import psycopg

    url = urlparse(a.database_url)
    naam = url.path.lstrip("/")
    with psycopg.connect(a.database_url.replace(url.path, "/postgres"), autocommit=True) as beheer:
        beheer.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        beheer.execute(f'CREATE DATABASE "{naam}"')
    os.environ.update(DATABASE_URL=a.database_url, DEBUG="1", CACHE="database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "register.settings")
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection

    call_command("createcachetable", verbosity=0)
    cache = caches["default"]
    tabel = cache._table
    waarden = [base64.b64encode(os.urandom(a.kb * 750)).decode() for _ in range(50)]  # a.kb * 1000 characters

    def vullen() -> int:
        with connection.cursor() as c:
            c.execute(f"DELETE FROM {tabel}")
            c.executemany(
                f"INSERT INTO {tabel} (cache_key, value, expires) VALUES (%s, %s, TIMESTAMPTZ '2099-01-01' + %s * INTERVAL '1 second')",
                [(cache.make_key(f"antwoord-{i}"), waarden[i % len(waarden)], i) for i in range(a.rijen)],
            )
            c.executemany(
                f"INSERT INTO {tabel} (cache_key, value, expires) VALUES (%s, '1', TIMESTAMPTZ '2098-01-01')",
                [(cache.make_key(f"api-teller:anon:10.0.{i // 250}.{i % 250}"),) for i in range(200)],
            )
            c.execute(f"VACUUM ANALYZE {tabel}")
            c.execute(f"SELECT COALESCE(SUM(octet_length(value)), 0) FROM {tabel}")
            return c.fetchone()[0]

    connection.ensure_connection()
    connection.connection.autocommit = True
    totaal = vullen()
    print(f"{a.rijen} waarden van {a.kb} kB + 200 API-tellers: {totaal / 1e6:.1f} MB aan waarden")

    def keer(max_bytes: int, opnieuw: bool) -> list[float]:
        tijden, over = [], []
        for _ in range(a.herhaal):
            if opnieuw:
                vullen()
            cache._max_bytes, cache._max_entries = max_bytes, 10**9  # the rows' bound (Django's cull) out of the way
            with connection.cursor() as c:
                begin = time.perf_counter()
                cache._opruimen("default", c)
                tijden.append((time.perf_counter() - begin) * 1000)
                c.execute(f"SELECT COUNT(*), COALESCE(SUM(octet_length(value)), 0), "
                          f"COUNT(*) FILTER (WHERE cache_key LIKE '%%api-teller:%%') FROM {tabel}")
                over.append(c.fetchone())
        rijen, omvang, tellers = over[-1]
        print(f"  grens {max_bytes / 1e6:.1f} MB: mediaan {statistics.median(tijden):.1f} ms, max {max(tijden):.1f} ms; "
              f"daarna {rijen} rijen, {omvang / 1e6:.1f} MB, {tellers} API-tellers")
        return tijden

    keer(totaal * 2, opnieuw=False)
    keer(totaal * 3 // 4, opnieuw=True)


if __name__ == "__main__":
    main()
