"""Benchmark of the pages people wait for, on a synthetic register (the generator of bench/kameroverzicht.py).

    DEBUG=1 .venv/bin/python bench/snelheid.py --instellingen 500 --jaren 10 --events 6

Times each address with Django's test client (in-process, no network): the first request and the median and p99 of
the next ones, with the number of queries of a repeated request. A floor (one SELECT, the same middleware) is
measured alongside. Prints a table; this is a measurement, not a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kameroverzicht as generator  # noqa: E402


def _opties():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instellingen", type=int, default=500)
    parser.add_argument("--jaren", type=int, default=10)
    parser.add_argument("--events", type=int, default=6, help="gebeurtenissen per instelling per jaar")
    parser.add_argument("--herhalingen", type=int, default=30)
    parser.add_argument("--database", type=Path, default=Path(tempfile.gettempdir()) / "gi-register-bench-snelheid.sqlite3")
    return parser.parse_args()


def _meet(client, url: str, herhalingen: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    begin = time.perf_counter()
    antwoord = client.get(url)
    eerste = time.perf_counter() - begin
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        tijden.append(time.perf_counter() - begin)
    tijden.sort()
    p99 = tijden[min(len(tijden) - 1, int(len(tijden) * 0.99))]
    return eerste, statistics.median(tijden), p99, len(queries.captured_queries)


def main():
    opties = _opties()
    generator._django(opties.database)
    from django.test import Client

    from register.klok import vandaag

    laatste_jaar = vandaag().year - 1
    begin = time.perf_counter()
    generator._vullen(opties.instellingen, opties.jaren, opties.events, laatste_jaar)
    print(f"{opties.instellingen} GI's × {opties.jaren} jaar × {opties.events} gebeurtenissen/jaar, gevuld in "
          f"{time.perf_counter() - begin:.1f} s")
    client = Client()
    adressen = [
        ("vloer: één SELECT (/api/v1/themas/goed_bestuur)", "/api/v1/themas/goed_bestuur"),
        ("/", "/"),
        ("GI-pagina", "/instellingen/S0001"),
        ("/kameroverzicht/", f"/kameroverzicht/?jaar={laatste_jaar}"),
        ("/kameroverzicht/<jaar>/<GI>", f"/kameroverzicht/{laatste_jaar}/S0001"),
        ("/api/v1/signalen (pagina 1)", f"/api/v1/signalen?jaar={laatste_jaar}"),
        ("tijdlijn", "/api/v1/instellingen/S0001/tijdlijn"),
    ]
    print()
    print(f"| {'adres':<48} | {'eerste (ms)':>11} | {'mediaan (ms)':>12} | {'p99 (ms)':>9} | {'queries':>7} |")
    print(f"|{'-' * 50}|{'-' * 13}|{'-' * 14}|{'-' * 11}|{'-' * 9}|")
    for naam, url in adressen:
        try:
            eerste, mediaan, p99, q = _meet(client, url, opties.herhalingen)
        except AssertionError as exc:
            print(f"| {naam:<48} | overgeslagen: {exc}")
            continue
        print(f"| {naam:<48} | {eerste * 1000:>11.1f} | {mediaan * 1000:>12.1f} | {p99 * 1000:>9.1f} | {q:>7} |")


if __name__ == "__main__":
    main()
