"""Benchmark of the import of historic records (README, "Historische gegevens importeren") against the worker timeout.

    .venv/bin/python bench/importeren.py --rijen 5000
    .venv/bin/python bench/importeren.py --rijen 5000 \
        --database-url postgres://postgres@127.0.0.1:5432/bench_importeren

Fills a fresh database (default gi-register-bench-importeren.sqlite3 in the temp directory, never db.sqlite3; with
--database-url a PostgreSQL database that is dropped and created empty first, never the DATABASE_URL of the
environment) with --instellingen GI's, builds a CSV of --rijen audits and one of --rijen inspectieonderzoeken (each
with an oordeel on three themes), and sends each through the admin's import page with Django's test client, as
the view runs in production: the upload (preview, which rolls back), the confirmation (save), and the same file
again (preview of a file that changes nothing). Prints per phase the seconds, rows per second and the margin to
GUNICORN_TIMEOUT (environment, default 120 s, as in scripts/serve; the margin is the timeout divided by the median
wall-clock seconds), the CPU seconds of this process (the rest is the database server and waiting for the machine's
cores) and the process's peak RSS. With --herhaal K
every phase is run K times on a fresh copy of the register (minimum and median). With --profiel the preview of the
audits is profiled once (cProfile, the 25 most expensive functions by cumulative time).

After the timed rounds, per kind: the peak of Python's memory (tracemalloc) of the preview and of the save, in one
extra round (tracemalloc slows Python down, so it is never part of a timed round), and a floor: the same records
saved with a bare bulk_create (and bulk_history_create) in one transaction, without reading a file or any rule,
timed in turns with the import's save (--herhaal times). --zonder-geheugen and --zonder-vloer leave those out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from html import unescape as html_unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kameroverzicht as generator  # noqa: E402

SOORTEN = ("audits", "inspectieonderzoeken")


def _opties():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rijen", type=int, default=5000, help="rijen per bestand")
    parser.add_argument("--instellingen", type=int, default=50)
    parser.add_argument("--soort", choices=SOORTEN, action="append", help="alleen deze soort (mag vaker)")
    parser.add_argument("--herhaal", type=int, default=1)
    parser.add_argument("--zonder-geheugen", action="store_true", help="geen extra ronde met tracemalloc")
    parser.add_argument("--zonder-vloer", action="store_true", help="geen kale bulk_create als vloer")
    parser.add_argument("--profiel", type=Path, help="profileer de voorvertoning van de eerste soort (cProfile) naar dit bestand")
    parser.add_argument("--database", type=Path, default=Path(tempfile.gettempdir()) / "gi-register-bench-importeren.sqlite3")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL-database voor de benchmark (postgres://…/naam); wordt eerst leeg aangemaakt. "
        "Zonder: het SQLite-bestand van --database.",
    )
    return parser.parse_args()


def _csv(kolommen: list[str], rijen: list[list]) -> bytes:
    import csv

    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(kolommen)
    schrijver.writerows(rijen)
    return buffer.getvalue().encode("utf-8")


def _datums(n: int, instellingen: int) -> list[tuple[str, dt.date]]:
    """n (GI afkorting, date) pairs, distinct, spread over the GI's and the days between 2005 and 2024."""
    begin = dt.date(2005, 1, 1)
    per_gi = -(-n // instellingen)
    stap = max(1, (dt.date(2024, 12, 31) - begin).days // per_gi)
    return [(f"S{i % instellingen:04d}", begin + dt.timedelta(days=stap * (i // instellingen))) for i in range(n)]


def audits(n: int, instellingen: int) -> bytes:
    kolommen = ["instelling", "soort", "startdatum", "einddatum", "normenkader_versie", "aantal_kritische_afwijkingen",
                "aantal_afwijkingen", "hersteltermijn", "samenvatting", "rapportkenmerk", "bron", "datum_bij_benadering"]
    soorten = ("periodiek", "hercertificering", "vervolg", "extra")
    rijen = []
    for i, (gi, datum) in enumerate(_datums(n, instellingen)):
        rijen.append([gi, soorten[i % len(soorten)], datum, datum + dt.timedelta(days=2), "3.1", i % 3, i % 7,
                      datum + dt.timedelta(days=90) if i % 3 else "", f"Synthetische audit {i} voor de benchmark.",
                      f"KMI-{i:05d}", "synthetische benchmarkdata", "nee"])
    return _csv(kolommen, rijen)


def inspectieonderzoeken(n: int, instellingen: int, themas: list[str]) -> bytes:
    kolommen = ["instelling", "soort", "door", "bezoek_van", "bezoek_tot", "rapportdatum", "titel", "samenvatting",
                "bron", "datum_bij_benadering"]
    for code in themas:
        kolommen += [f"oordeel_{code}", f"toelichting_{code}"]
    waarden = ("voldoende", "grotendeels_voldoende", "grotendeels_onvoldoende", "onvoldoende")
    rijen = []
    for i, (gi, datum) in enumerate(_datums(n, instellingen)):
        rij = [gi, "regulier", "IGJ_IJenV", datum - dt.timedelta(days=30), datum - dt.timedelta(days=28), datum,
               f"Onderzoek {i}", f"Onderzoek {i}.", "benchmark", "nee"]
        for t, _ in enumerate(themas):
            rij += [waarden[(i + t) % len(waarden)], f"T{i}-{t}"]
        rijen.append(rij)
    return _csv(kolommen, rijen)


def _vullen(instellingen: int):
    """The GI's (bulk, with history) and one user per writing role, in the register's groups."""
    from django.contrib.auth.models import Group, User
    from simple_history.utils import bulk_create_with_history

    from register.models import Instelling

    beheer = User.objects.create(username="bench-beheer", is_staff=True)
    bulk_create_with_history(
        [Instelling(naam=f"Jeugdbescherming Synthetisch {i:04d}", afkorting=f"S{i:04d}", soort="regionaal",
                    bron="synthetische benchmarkdata") for i in range(instellingen)],
        Instelling, default_user=beheer,
    )
    gebruikers = {}
    for rol in ("kmi", "inspectie"):
        user = User.objects.create(username=f"bench-{rol}", is_staff=True)
        user.groups.add(Group.objects.get(name=rol))
        gebruikers[rol] = user
    return gebruikers


def _leeg(soort: str) -> None:
    """Removes what an earlier round saved (records and history), so every round imports into the same register."""
    from django.db import connection, transaction

    from historisch.soorten import SOORTEN as DEFINITIES
    from supervision.models import OnderzochteInstelling, Oordeel
    from vroegsignalering.models import Signaalmelding

    model = DEFINITIES[soort].model
    with transaction.atomic():
        if model._meta.model_name == "inspectieonderzoek":
            for deel in (Oordeel, OnderzochteInstelling):
                deel.history.all().delete()
                deel.objects.all().delete()
        model.history.all().delete()
        model.objects.all().delete()
        Signaalmelding.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _fase(client, url: str, gegevens: dict, verwacht: int):
    begin, cpu = time.perf_counter(), time.process_time()
    antwoord = client.post(url, gegevens, secure=True)
    duur = (time.perf_counter() - begin, time.process_time() - cpu)
    if antwoord.status_code != verwacht:
        inhoud = antwoord.content.decode(errors="replace")
        raise SystemExit(f"{url}: HTTP {antwoord.status_code} in plaats van {verwacht}\n{inhoud[:2000]}")
    return antwoord, duur


def _ronde(client, soort: str, naam: str, inhoud: bytes, rijen: int, profiel: Path | None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/admin/historisch/{soort}/importeren/"
    if profiel:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        client.post(url, {"bestand": SimpleUploadedFile(naam, inhoud, content_type="text/csv")}, secure=True)
        profiler.disable()
        profiler.dump_stats(profiel)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        print(f"Profiel bewaard in {profiel} (python -m pstats {profiel})")
    voorvertoning, t_voor = _fase(client, url, {"bestand": SimpleUploadedFile(naam, inhoud, content_type="text/csv")}, 200)
    html = voorvertoning.content.decode()
    bevestiging = re.search(r'name="bevestiging" value="([^"]+)"', html)
    if f"{rijen} rijen: {rijen} nieuw." not in html or bevestiging is None:
        fouten = re.findall(r'<ul class="errorlist">(.*?)</ul>', html)[:3] or re.findall(r'class="errornote"[^>]*>(.*?)<', html)
        raise SystemExit(f"{soort}: de voorvertoning aanvaardt niet elke rij als nieuw: {fouten}")
    _, t_opslaan = _fase(client, url, {"bevestiging": html_unescape(bevestiging.group(1))}, 302)
    _controleer_opgeslagen(soort, rijen)
    opnieuw, t_opnieuw = _fase(client, url, {"bestand": SimpleUploadedFile(naam, inhoud, content_type="text/csv")}, 200)
    assert f"{rijen} rijen: {rijen} ongewijzigd." in opnieuw.content.decode(), "het opnieuw inlezen veranderde iets"
    return {"voorvertoning": t_voor, "opslaan (bevestiging)": t_opslaan, "opnieuw inlezen (ongewijzigd)": t_opnieuw}


def _controleer_opgeslagen(soort: str, rijen: int) -> None:
    """What the save left: every record with its history row (the importer, the reason), the oordelen too."""
    from historisch.soorten import SOORTEN as DEFINITIES
    from supervision.models import Oordeel

    model = DEFINITIES[soort].model
    historie = model.history.filter(history_type="+", history_change_reason__startswith="import ")
    assert model.objects.count() == rijen == historie.count(), (model.objects.count(), historie.count())
    assert not historie.filter(history_user__isnull=True).exists()
    if soort == "inspectieonderzoeken":
        assert Oordeel.objects.count() == Oordeel.history.filter(history_type="+").count() == 3 * rijen


def _geheugen(client, soort: str, naam: str, inhoud: bytes) -> dict[str, float]:
    """Peak of Python's memory (tracemalloc, MiB) of the preview and of the save, in an untimed round."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/admin/historisch/{soort}/importeren/"
    _leeg(soort)
    pieken = {}
    tracemalloc.start()
    voorvertoning = client.post(url, {"bestand": SimpleUploadedFile(naam, inhoud, content_type="text/csv")}, secure=True)
    pieken["voorvertoning"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    bevestiging = re.search(r'name="bevestiging" value="([^"]+)"', voorvertoning.content.decode())
    antwoord = client.post(url, {"bevestiging": html_unescape(bevestiging.group(1))}, secure=True)
    pieken["opslaan (bevestiging)"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert antwoord.status_code == 302, antwoord.status_code
    return pieken


def _vloer(soort: str, rijen: int, instellingen: int, themas: list[str], gebruiker) -> float:
    """The same records saved bare: bulk_create and bulk_history_create in one transaction, no file, no rule."""
    from django.db import transaction

    from certification.models import Audit
    from register.models import Instelling
    from supervision.models import Inspectieonderzoek, OnderzochteInstelling, Oordeel, Thema

    _leeg(soort)
    gis = {i.afkorting: i for i in Instelling.objects.all()}
    thema_objecten = list(Thema.objects.filter(code__in=themas))
    begin = time.perf_counter()
    with transaction.atomic():
        if soort == "audits":
            records = [
                Audit(instelling=gis[gi], soort=("periodiek", "hercertificering", "vervolg", "extra")[i % 4],
                      startdatum=datum, einddatum=datum + dt.timedelta(days=2), normenkader_versie="3.1",
                      aantal_kritische_afwijkingen=i % 3, aantal_afwijkingen=i % 7, samenvatting=f"Audit {i}.",
                      rapportkenmerk=f"KMI-{i:05d}", bron="synthetische benchmarkdata")
                for i, (gi, datum) in enumerate(_datums(rijen, instellingen))
            ]
            records = Audit.objects.bulk_create(records, batch_size=1000)
            Audit.history.bulk_history_create(records, batch_size=1000, default_user=gebruiker, default_change_reason="vloer")
        else:
            per_rij = list(enumerate(_datums(rijen, instellingen)))
            records = [
                Inspectieonderzoek(soort="regulier", door="IGJ_IJenV",
                                   bezoek_van=datum - dt.timedelta(days=30), bezoek_tot=datum - dt.timedelta(days=28),
                                   rapportdatum=datum, titel=f"Onderzoek {i}", samenvatting=f"Onderzoek {i}.", bron="benchmark")
                for i, (gi, datum) in per_rij
            ]
            records = Inspectieonderzoek.objects.bulk_create(records, batch_size=1000)
            Inspectieonderzoek.history.bulk_history_create(records, batch_size=1000, default_user=gebruiker,
                                                           default_change_reason="vloer")
            koppelingen = [OnderzochteInstelling(onderzoek=o, instelling=gis[gi]) for o, (_, (gi, _)) in zip(records, per_rij)]
            koppelingen = OnderzochteInstelling.objects.bulk_create(koppelingen, batch_size=1000)
            OnderzochteInstelling.history.bulk_history_create(koppelingen, batch_size=1000, default_user=gebruiker,
                                                              default_change_reason="vloer")
            oordelen = [Oordeel(onderzoek=o, instelling=gis[gi], thema=t, waarde="voldoende", toelichting=f"T{i}-{j}")
                        for o, (i, (gi, _)) in zip(records, per_rij) for j, t in enumerate(thema_objecten)]
            oordelen = Oordeel.objects.bulk_create(oordelen, batch_size=1000)
            Oordeel.history.bulk_history_create(oordelen, batch_size=1000, default_user=gebruiker, default_change_reason="vloer")
    return time.perf_counter() - begin


def main():
    opties = _opties()
    # As in production (scripts/serve): DEBUG off (no query log), the database cache; a throw-away key.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-importeren-" + os.urandom(16).hex())
    os.environ["ALLOWED_HOSTS"] = "testserver"
    generator._django(opties.database, opties.database_url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    # The static files' manifest exists only after collectstatic; the pages name their files without it here.
    override_settings(STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()

    from supervision.models import Thema

    timeout = float(os.environ.get("GUNICORN_TIMEOUT", "120"))
    gebruikers = _vullen(opties.instellingen)
    themas = list(Thema.objects.filter(actief=True).order_by("volgorde").values_list("code", flat=True)[:3])
    bestanden = {
        "audits": ("kmi", "audits.csv", audits(opties.rijen, opties.instellingen)),
        "inspectieonderzoeken": ("inspectie", "onderzoeken.csv",
                                 inspectieonderzoeken(opties.rijen, opties.instellingen, themas)),
    }
    print(f"{connection.vendor}, {opties.instellingen} GI's, {opties.rijen} rijen per bestand, "
          f"GUNICORN_TIMEOUT {timeout:.0f} s, {opties.herhaal} ronde(n)")
    print()
    print(f"| {'soort':<20} | {'fase':<30} | {'seconden':>15} | {'CPU (s)':>7} | {'rijen/s':>8} | {'marge':>6} |")
    print(f"|{'-' * 22}|{'-' * 32}|{'-' * 17}|{'-' * 9}|{'-' * 10}|{'-' * 8}|")
    pieken: dict[str, dict[str, float]] = {}
    for soort in opties.soort or SOORTEN:
        rol, naam, inhoud = bestanden[soort]
        client = Client()
        client.force_login(gebruikers[rol])
        tijden: dict[str, list[tuple[float, float]]] = {}
        for ronde in range(max(opties.herhaal, 1)):
            _leeg(soort)
            gemeten = _ronde(client, soort, naam, inhoud, opties.rijen, opties.profiel if ronde == 0 and soort == (opties.soort or SOORTEN)[0] else None)
            for fase, duur in gemeten.items():
                tijden.setdefault(fase, []).append(duur)
            if not opties.zonder_vloer:  # in turns with the import's save, so both meet the same machine
                tijden.setdefault("vloer: kale bulk_create", []).append(
                    (_vloer(soort, opties.rijen, opties.instellingen, themas, gebruikers[rol]), 0.0))
        for fase, lijst in tijden.items():
            wand = [w for w, _ in lijst]
            kortst, mediaan = min(wand), statistics.median(wand)
            seconden = f"{kortst:.1f} / {mediaan:.1f}" if len(lijst) > 1 else f"{kortst:.1f}"
            cpu = statistics.median(c for _, c in lijst)
            print(f"| {soort:<20} | {fase:<30} | {seconden:>15} | {cpu:>7.1f} | {opties.rijen / mediaan:>8.0f} | "
                  f"{timeout / mediaan:>5.1f}× |")
    # The RSS before any round under tracemalloc, which keeps a trace of every allocation and so inflates it.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for soort in () if opties.zonder_geheugen else opties.soort or SOORTEN:
        rol, naam, inhoud = bestanden[soort]
        client = Client()
        client.force_login(gebruikers[rol])
        pieken[soort] = _geheugen(client, soort, naam, inhoud)
    print()
    print(f"Piek-RSS van het proces na de gemeten rondes: {rss:.0f} MiB ({len(bestanden['audits'][2]) / 1024:.0f} KiB audits, "
          f"{len(bestanden['inspectieonderzoeken'][2]) / 1024:.0f} KiB onderzoeken). Marge: GUNICORN_TIMEOUT gedeeld "
          "door de mediaan. Vloer: CPU niet gemeten (0).")
    for soort, per_fase in pieken.items():
        print("Piekgeheugen (tracemalloc) " + soort + ": "
              + ", ".join(f"{fase} {mib:.0f} MiB" for fase, mib in per_fase.items()))


if __name__ == "__main__":
    main()
