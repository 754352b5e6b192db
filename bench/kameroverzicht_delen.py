"""Benchmark: rebuilding the public Kamer overview of today after a write to one GI, in one piece (the whole register
read and derived again) against put together from the parts per GI (reports/afgeleid.py), in alternating turns.

    DEBUG=1 CACHE=database .venv/bin/python bench/kameroverzicht_delen.py --instellingen 200 --jaren 3 --herhaal 5

Fills a fresh database as bench/kameroverzicht.py does (its own SQLite file, or --database-url), builds the overview
once so every GI's part is kept, then per round: moves the counter of one GI (a write to it, another GI each round)
and times ``html_context`` of the overview built in one piece, and, after another such write, the same from the parts
(what a reader's rebuild costs). Prints minimum and median of each and the queries of one rebuild from the parts.
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
    with CaptureQueriesContext(connection) as queries:
        openbaar_overzicht_uit_delen(jaar, peildatum)

    def cel(waarden):
        return f"min {min(waarden) * 1000:7.0f} ms   mediaan {statistics.median(waarden) * 1000:7.0f} ms"

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"{opties.instellingen} GI's x {opties.jaren} jaar, {opties.herhaal} rondes (afwisselend), cache {backend}")
    print(f"  herbouw na schrijven, in een stuk:  {cel(een_stuk)}")
    print(f"  herbouw na schrijven, uit delen:    {cel(uit_delen)}")
    print(f"  queries van een herbouw uit delen:  {len(queries.captured_queries)}")


if __name__ == "__main__":
    main()
