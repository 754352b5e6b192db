"""Benchmark of the cache key (register/cache.py) and of a public read after an edit, on a synthetic register (the
generator of bench/kameroverzicht.py).

    DEBUG=1 ALLOWED_HOSTS=testserver API_RATE_ANON=1000000/min .venv/bin/python bench/cachesleutel.py \
        --instellingen 500 --jaren 10 --database-url postgres://postgres@127.0.0.1:5432/bench_cachesleutel

Prints, in ms (median of --herhalingen): the version queries (register/standversie.py: of one GI, of the whole
register, for a reader of confidential fields and for the public), also after --reeks edits of confidential fields
only of one audit in a row, beside a floor of one SELECT 1; and the next anonymous read of public addresses: from the
cache, after an edit of a confidential field only, after an edit of a public field of S0001 (rebuilt where it
depends on S0001) and after an edit of a public field of another GI (S0002: the answers of S0001 stay valid). The
second column should be like the first; the fourth like the first for the addresses of S0001.
A measurement, not a timed test.
"""

from __future__ import annotations

import argparse
import gc
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
    parser.add_argument("--herhalingen", type=int, default=15)
    parser.add_argument("--reeks", type=int, default=100, help="vertrouwelijke wijzigingen na elkaar")
    parser.add_argument("--database", type=Path, default=Path(tempfile.gettempdir()) / "gi-register-bench-cachesleutel.sqlite3")
    parser.add_argument("--database-url", help="een eigen PostgreSQL-database (wordt leeggemaakt) in plaats van SQLite")
    return parser.parse_args()


def _ms(functie, herhalingen: int) -> float:
    tijden = []
    for _ in range(herhalingen):
        gc.collect()
        begin = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden) * 1000


def main():
    opties = _opties()
    generator._django(opties.database, opties.database_url)
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from certification.models import Audit
    from certification.services import audit_corrigeren
    from register import cache
    from register.klok import vandaag

    laatste_jaar = vandaag().year - 1
    generator._vullen(opties.instellingen, opties.jaren, opties.events, laatste_jaar)
    kmi = User.objects.create(username="bench-kmi")
    kmi.groups.add(Group.objects.get(name="kmi"))
    from register import standversie

    n = opties.herhalingen

    print(f"{opties.instellingen} GI's × {opties.jaren} jaar; {cache.connection.vendor}; mediaan van {n} (ms)\n")
    def vloer():
        with cache.connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchall()

    print(f"vloer: SELECT 1 {_ms(vloer, n * 10):.2f}\n")
    def versies():
        print(f"| één GI | {_ms(lambda: cache.versie(openbaar=False, afkorting='S0001'), n * 10):.2f} | "
              f"{_ms(lambda: cache.versie(openbaar=True, afkorting='S0001'), n * 10):.2f} |")
        print(f"| het hele register | {_ms(lambda: standversie.versie_register(openbaar=False), n * 10):.2f} | "
              f"{_ms(lambda: standversie.versie_register(openbaar=True), n * 10):.2f} |")

    print("| versiequery | alle wijzigingen | openbaar |")
    print("|---|---:|---:|")
    versies()
    audit = Audit.objects.filter(instelling__afkorting="S0001").order_by("-id").first()
    ander = Audit.objects.filter(instelling__afkorting="S0002").order_by("-id").first()
    for i in range(opties.reeks):
        audit_corrigeren(actor=kmi, audit=audit, reden="bench", samenvatting=f"vertrouwelijk {i}")
    print(f"| (na {opties.reeks} vertrouwelijke wijzigingen na elkaar) | | |")
    versies()

    adressen = ["/", "/instellingen/S0001", f"/kameroverzicht/?jaar={laatste_jaar}", f"/kameroverzicht/{laatste_jaar}/S0001",
                f"/api/v1/signalen?jaar={laatste_jaar}", "/api/v1/audits", "/api/v1/instellingen/S0001/tijdlijn"]
    print("\n| adres (anoniem) | uit de cache | na vertrouwelijke wijziging | na openbare wijziging | na wijziging andere GI |")
    print("|---|---:|---:|---:|---:|")
    for url in adressen:
        client = Client()
        client.get(url)
        uit_cache = _ms(lambda url=url: client.get(url), n)
        vertrouwelijk, openbaar_gewijzigd, andere_gi = [], [], []
        for i in range(n):
            audit_corrigeren(actor=kmi, audit=audit, reden="bench", samenvatting=f"nog eens {url} {i}")
            gc.collect()  # the garbage of the edit, not of the read
            begin = time.perf_counter()
            client.get(url)
            vertrouwelijk.append(time.perf_counter() - begin)
            audit_corrigeren(actor=kmi, audit=audit, reden="bench", normenkader_versie=f"{url[:30]} {i}")
            gc.collect()
            begin = time.perf_counter()
            client.get(url)
            openbaar_gewijzigd.append(time.perf_counter() - begin)
            audit_corrigeren(actor=kmi, audit=ander, reden="bench", normenkader_versie=f"{url[:30]} {i}")
            gc.collect()
            begin = time.perf_counter()
            client.get(url)
            andere_gi.append(time.perf_counter() - begin)
        print(f"| {url} | {uit_cache:.1f} | {statistics.median(vertrouwelijk) * 1000:.1f} | "
              f"{statistics.median(openbaar_gewijzigd) * 1000:.1f} | {statistics.median(andere_gi) * 1000:.1f} |")


if __name__ == "__main__":
    main()
