"""Benchmark: rebuilding the public Kamer overview of today after a write to one GI, in one piece (the whole register
read and derived again) against put together from the parts per GI (reports/afgeleid.py), in alternating turns.

    DEBUG=1 CACHE=database .venv/bin/python bench/kameroverzicht_delen.py --instellingen 200 --jaren 3 --herhaal 5

Fills a fresh database as bench/kameroverzicht.py does (its own SQLite file, or --database-url), builds the overview
once so every GI's part is kept, then per round: moves the counter of one GI (a write to it, another GI each round)
and times ``html_context`` of the overview built in one piece, and, after another such write, the same from the parts
(what a reader's rebuild costs). Prints minimum and median of each and the queries of one rebuild from the parts.

Then the pages as an anonymous reader asks for them (the whole view: cache, context and template), per round after a
write to one GI: the first request of the public overview page of the year, then of that GI's page, and after another
write the first request of a GI's page before the overview page; and the bytes the cache table took per write (the
sum of the length of the value of every row that was added or changed, with the database cache).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent


def _bench_kameroverzicht():
    spec = importlib.util.spec_from_file_location("bench_kameroverzicht", BASIS / "bench" / "kameroverzicht.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instellingen", type=int, default=200)
    parser.add_argument("--jaren", type=int, default=3)
    parser.add_argument("--events", type=int, default=6)
    parser.add_argument("--herhaal", type=int, default=5)
    parser.add_argument("--database", type=Path, default=Path(tempfile.gettempdir()) / "gi-register-bench-delen.sqlite3")
    parser.add_argument("--database-url")
    opties = parser.parse_args()
    basis = _bench_kameroverzicht()
    basis._django(opties.database, opties.database_url)

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from register import standversie
    from register.klok import vandaag
    from register.models import Instelling
    from reports.afgeleid import openbaar_overzicht_uit_delen
    from reports.overzicht import kameroverzicht
    from reports.renderers import html_context
    from reports.varianten import OPENBAAR

    call_command("createcachetable", verbosity=0)
    jaar = vandaag().year - 1
    basis._vullen(opties.instellingen, opties.jaren, opties.events, jaar)
    afkortingen = list(Instelling.objects.order_by("afkorting").values_list("afkorting", flat=True))
    peildatum = vandaag()
    cache.clear()
    html_context(*openbaar_overzicht_uit_delen(jaar, peildatum))  # every part kept

    def schrijf(ronde: int) -> None:
        standversie.gewijzigd([standversie.gi(afkortingen[ronde % len(afkortingen)])])

    een_stuk, uit_delen = [], []
    for ronde in range(opties.herhaal):
        schrijf(2 * ronde)
        begin = time.perf_counter()
        html_context(kameroverzicht(jaar, peildatum, OPENBAAR))
        een_stuk.append(time.perf_counter() - begin)
        schrijf(2 * ronde + 1)
        begin = time.perf_counter()
        html_context(*openbaar_overzicht_uit_delen(jaar, peildatum))
        uit_delen.append(time.perf_counter() - begin)
    schrijf(2 * opties.herhaal)
    # The log holds at most 9000 queries (Django's queries_limit): after the fill it is full, and a capture would
    # count none.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        openbaar_overzicht_uit_delen(jaar, peildatum)

    # The pages as an anonymous reader asks for them, after a write.
    client = Client(HTTP_HOST="127.0.0.1")
    overzicht_pad = f"/kameroverzicht/?jaar={jaar}"

    def gi_pad(ronde: int) -> str:
        return f"/kameroverzicht/{jaar}/{afkortingen[ronde % len(afkortingen)]}"

    def getimed(pad: str) -> float:
        begin = time.perf_counter()
        antwoord = client.get(pad)
        duur = time.perf_counter() - begin
        assert antwoord.status_code == 200, (pad, antwoord.status_code)
        return duur

    database_cache = settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")

    def cache_rijen() -> dict:
        if not database_cache:
            return {}
        tabel = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT cache_key, expires, LENGTH(value) FROM {tabel}")
            return {k: (e, n) for k, e, n in cursor.fetchall()}

    getimed(overzicht_pad)
    getimed(gi_pad(1))
    pagina, gi_na_pagina, gi_eerst, geschreven = [], [], [], []
    for ronde in range(opties.herhaal):
        voor = cache_rijen()
        schrijf(100 + 2 * ronde)
        pagina.append(getimed(overzicht_pad))
        gi_na_pagina.append(getimed(gi_pad(100 + 2 * ronde)))
        na = cache_rijen()
        geschreven.append(sum(n or 0 for k, (e, n) in na.items() if voor.get(k, (None,))[0] != e))
        schrijf(101 + 2 * ronde)
        gi_eerst.append(getimed(gi_pad(101 + 2 * ronde)))
    grootste = max(cache_rijen().values(), key=lambda r: r[1] or 0, default=(None, 0))[1]

    def cel(waarden):
        return f"min {min(waarden) * 1000:7.0f} ms   mediaan {statistics.median(waarden) * 1000:7.0f} ms"

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"{opties.instellingen} GI's x {opties.jaren} jaar, {opties.herhaal} rondes (afwisselend), cache {backend}")
    print(f"  herbouw na schrijven, in een stuk:  {cel(een_stuk)}")
    print(f"  herbouw na schrijven, uit delen:    {cel(uit_delen)}")
    print(f"  queries van een herbouw uit delen:  {len(queries.captured_queries)}")
    print(f"  overzichtspagina, eerste verzoek na schrijven:        {cel(pagina)}")
    print(f"  pagina van die GI, daarna:                            {cel(gi_na_pagina)}")
    print(f"  pagina van een GI, eerste verzoek na schrijven:       {cel(gi_eerst)}")
    if database_cache:
        print(f"  geschreven in de cache per schrijven (beide paginas): min {min(geschreven) / 1e6:7.2f} MB   "
              f"mediaan {statistics.median(geschreven) / 1e6:7.2f} MB")
        print(f"  grootste waarde in de cache:                          {(grootste or 0) / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
