"""Benchmark of the Kamer overview on a synthetic register in its own SQLite file.

    DEBUG=1 .venv/bin/python bench/kameroverzicht.py --instellingen 13 --jaren 1 --events 6
    DEBUG=1 .venv/bin/python bench/kameroverzicht.py --instellingen 500 --jaren 10 \
        --database-url postgres://postgres@127.0.0.1:5432/bench_kameroverzicht

Fills a fresh database (default gi-register-bench-kameroverzicht.sqlite3 in the temp directory, never db.sqlite3;
with --database-url a PostgreSQL database that is dropped and created empty first, never the DATABASE_URL of the
environment) with N GI's, each with E events per year over J years (bulk inserts including history rows), then
times building the overview and rendering it (PDF, JSON, CSV, HTML) separately, counts queries and measures peak
memory (a traced run after the timed ones). With --herhaal K every step is timed K times (minimum and median).
Prints a table, the process's peak RSS after building and rendering (before tracing) and the PDF's time against a bare-reportlab floor: the same text
(read back from the PDF, page by page) set as plain paragraphs, one page for each page of the overview.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent


def _opties():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instellingen", type=int, default=13)
    parser.add_argument("--jaren", type=int, default=1)
    parser.add_argument("--events", type=int, default=6, help="gebeurtenissen per instelling per jaar")
    parser.add_argument("--database", type=Path, default=Path(tempfile.gettempdir()) / "gi-register-bench-kameroverzicht.sqlite3")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL-database voor de benchmark (postgres://…/naam); wordt eerst leeg aangemaakt. "
        "Zonder: het SQLite-bestand van --database.",
    )
    parser.add_argument("--variant", default="vertrouwelijk", choices=("openbaar", "vertrouwelijk"))
    parser.add_argument("--herhaal", type=int, default=1, help="zo vaak opbouwen en renderen; toont minimum en mediaan")
    return parser.parse_args()


def lege_postgres(url: str) -> None:
    """Drops and creates the benchmark's own PostgreSQL database; refuses the app's DATABASE_URL."""
    if os.environ.get("DATABASE_URL") and os.environ["DATABASE_URL"].rstrip("/") == url.rstrip("/"):
        sys.exit(f"{url} is de DATABASE_URL van de omgeving; kies een eigen database voor de benchmark (die wordt leeggemaakt).")
    import subprocess

    resultaat = subprocess.run([sys.executable, str(BASIS / "scripts" / "_lege_database.py"), url])
    if resultaat.returncode:
        sys.exit(f"Kon de benchmarkdatabase {url} niet leeg aanmaken.")


def _django(database: Path, database_url: str | None = None):
    if database_url:
        lege_postgres(database_url)
        os.environ["DATABASE_URL"] = database_url
    else:
        if database.resolve() == (BASIS / "db.sqlite3").resolve():
            sys.exit("Kies een eigen databasebestand voor de benchmark, niet db.sqlite3.")
        for pad in (database, database.with_name(database.name + "-journal")):
            pad.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database.resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "register.settings")
    sys.path.insert(0, str(BASIS))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the database cache of production (CACHE=database), as scripts/serve makes it


def _vullen(n: int, jaren: int, events: int, laatste_jaar: int) -> dict[str, int]:
    from django.contrib.auth.models import User
    from simple_history.utils import bulk_create_with_history

    from certification.models import Audit, Certificaatbesluit
    from register.models import Instelling, Monitormeting
    from register.rules import last_day_of_years
    from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Thema, Toezichtbesluit

    actor = User.objects.create(username="bench")
    bron = "synthetische benchmarkdata"
    gis = bulk_create_with_history(
        [
            Instelling(naam=f"Jeugdbescherming Synthetisch {i:04d}", afkorting=f"S{i:04d}", soort="regionaal", bron=bron)
            for i in range(n)
        ],
        Instelling,
        default_user=actor,
    )
    gis = list(Instelling.objects.order_by("afkorting"))
    themas = list(Thema.objects.order_by("volgorde")[:3])
    soorten = ("audit", "certificaatbesluit", "inspectieonderzoek", "toezichtbesluit", "handhavingsmaatregel")
    cert_cyclus = ("volledig", "overbrugging", "volledig", "voorlopig", "geschorst", "volledig")
    niveau_cyclus = ("verscherpt", "regulier", "geintensiveerd", "regulier")
    waarden = ("voldoende", "grotendeels_voldoende", "grotendeels_onvoldoende", "onvoldoende")
    rijen = {k: [] for k in soorten}
    for g, gi in enumerate(gis):
        teller = 0
        for jaar in range(laatste_jaar - jaren + 1, laatste_jaar + 1):
            stap = 360 // max(events, 1)
            for e in range(events):
                datum = dt.date(jaar, 1, 1) + dt.timedelta(days=2 + e * stap + (g % 3))
                soort = soorten[(e + g) % len(soorten)]
                teller += 1
                if soort == "audit":
                    rijen[soort].append(Audit(
                        instelling=gi, soort="periodiek", startdatum=datum, einddatum=datum + dt.timedelta(days=3),
                        aantal_kritische_afwijkingen=teller % 3, aantal_afwijkingen=teller % 7,
                        samenvatting=f"Vertrouwelijke bevindingen {gi.afkorting} {teller}", rapportkenmerk=f"KMI-{teller}", bron=bron,
                    ))
                elif soort == "certificaatbesluit":
                    status = cert_cyclus[teller % len(cert_cyclus)]
                    tot = {"volledig": last_day_of_years(datum, 3), "voorlopig": last_day_of_years(datum, 2)}.get(status, datum + dt.timedelta(days=270))
                    rijen[soort].append(Certificaatbesluit(
                        instelling=gi, status=status, besluitdatum=datum, ingangsdatum=datum, geldig_tot=tot,
                        motivering_openbaar="Synthetisch besluit.", motivering_vertrouwelijk="Vertrouwelijk.", bron=bron,
                    ))
                elif soort == "toezichtbesluit":
                    niveau = niveau_cyclus[teller % len(niveau_cyclus)]
                    einde = None if niveau == "regulier" else datum + dt.timedelta(days=200)
                    rijen[soort].append(Toezichtbesluit(
                        instelling=gi, niveau=niveau, door="IGJ_IJenV", besluitdatum=datum, ingangsdatum=datum,
                        voorziene_einddatum=einde, bron=bron,
                    ))
                elif soort == "handhavingsmaatregel":
                    rijen[soort].append(Handhavingsmaatregel(
                        instelling=gi, soort="aanwijzing", door="IGJ", datum=datum, termijn=datum + dt.timedelta(days=90), bron=bron,
                    ))
                else:
                    onderzoek = Inspectieonderzoek(
                        soort="thematisch", door="IGJ_IJenV", rapportdatum=datum,
                        titel=f"Rapport {gi.afkorting} {datum:%Y-%m-%d}", bron=bron,
                    )
                    onderzoek.gi = gi  # linked to its GI once it has an id (below)
                    rijen[soort].append(onderzoek)
    modellen = {"audit": Audit, "certificaatbesluit": Certificaatbesluit, "toezichtbesluit": Toezichtbesluit,
                "handhavingsmaatregel": Handhavingsmaatregel, "inspectieonderzoek": Inspectieonderzoek}
    for soort, model in modellen.items():
        bulk_create_with_history(rijen[soort], model, batch_size=2000, default_user=actor)
    gi_per_titel = {o.titel: o.gi for o in rijen["inspectieonderzoek"]}
    koppelingen = [
        OnderzochteInstelling(onderzoek_id=o_id, instelling=gi_per_titel[titel])
        for o_id, titel in Inspectieonderzoek.objects.values_list("id", "titel")
    ]
    bulk_create_with_history(koppelingen, OnderzochteInstelling, batch_size=2000, default_user=actor)
    oordelen = [
        Oordeel(onderzoek_id=k.onderzoek_id, instelling=k.instelling, thema=thema, waarde=waarden[(k.onderzoek_id + t) % len(waarden)])
        for k in koppelingen
        for t, thema in enumerate(themas)
    ]
    bulk_create_with_history(oordelen, Oordeel, batch_size=2000, default_user=actor)
    metingen = [
        Monitormeting(peildatum=dt.date(jaar, m, 1), aantal_kinderen_met_maatregel=33000 + jaar, wachtlijst_totaal=1500, bron=bron)
        for jaar in range(laatste_jaar - jaren + 1, laatste_jaar + 1)
        for m in (4, 10)
    ]
    bulk_create_with_history(metingen, Monitormeting, default_user=actor)
    aantallen = {k: len(v) for k, v in rijen.items()}
    aantallen["oordelen"] = len(oordelen)
    return aantallen


def _meet(functie):
    """(result, seconds, queries) of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    gc.collect()
    connection.queries_log.clear()  # it holds at most 9000 (queries_limit): a full log would count none
    with CaptureQueriesContext(connection) as queries:
        begin = time.perf_counter()
        resultaat = functie()
        duur = time.perf_counter() - begin
    return resultaat, duur, len(queries.captured_queries)


def _piek(functie) -> int:
    """Peak traced memory (bytes) of a second run, under tracemalloc (which slows it down and costs memory itself,
    so it runs after every timed run and after the process's RSS was read)."""
    gc.collect()
    tracemalloc.start()
    functie()
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return piek


def _reportlab_vloer(pdf: bytes):
    """(render, pages): a function that renders with bare reportlab the same text as ``pdf`` (each page's text, read
    back with pypdf, as plain paragraphs on a page of its own), and the number of pages. Timed by ``main`` in turns
    with the overview's own PDF, so a burst of other work on the machine falls on both alike."""
    import io

    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    paginas = [pagina.extract_text() or "" for pagina in PdfReader(io.BytesIO(pdf)).pages]
    stijl = getSampleStyleSheet()["BodyText"]

    def render() -> bytes:
        verhaal = []
        for tekst in paginas:
            verhaal.extend(Paragraph(escape(regel), stijl) for regel in tekst.splitlines() if regel.strip())
            verhaal.append(PageBreak())
        uit = io.BytesIO()
        SimpleDocTemplate(uit, pagesize=A4).build(verhaal)
        return uit.getvalue()

    return render, len(paginas)


def main():
    opties = _opties()
    _django(opties.database, opties.database_url)
    from register.klok import vandaag
    from reports.overzicht import kameroverzicht
    from reports.pdf import render_pdf
    from reports.renderers import render_csv, render_html, render_json

    laatste_jaar = vandaag().year - 1
    begin = time.perf_counter()
    aantallen = _vullen(opties.instellingen, opties.jaren, opties.events, laatste_jaar)
    vullen = time.perf_counter() - begin
    rss_na_vullen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peildatum = vandaag()

    def opbouwen():
        return kameroverzicht(laatste_jaar, peildatum, opties.variant)

    data = opbouwen()  # once before timing: lazy imports
    vloer_render, paginas = _reportlab_vloer(render_pdf(data))
    vloer_render()  # once before timing too
    stappen = [("opbouwen (kameroverzicht)", opbouwen)]
    for naam, renderer in (("PDF", render_pdf), ("JSON", render_json), ("CSV", render_csv), ("HTML", render_html)):
        stappen.append((f"renderen {naam}", lambda r=renderer: r(data)))
    tijden = {naam: [] for naam, _ in stappen}
    vloer_tijden: list[float] = []
    queries, omvang = {}, {}
    for _ in range(max(opties.herhaal, 1)):
        for naam, functie in stappen:
            resultaat, duur, queries[naam] = _meet(functie)
            tijden[naam].append(duur)
            if naam != stappen[0][0]:
                omvang[naam] = f"{len(resultaat) / 1024:.0f} KiB"
            del resultaat
            if naam == stappen[1][0]:  # the floor right after the PDF, in every round: subject and floor alternate
                vloer_tijden.append(_meet(vloer_render)[1])
    # The process's peak RSS after building the overview and rendering it, before anything is traced.
    rss_na_renderen = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pieken = {naam: _piek(functie) for naam, functie in stappen}
    opbouw_naam, pdf_naam = stappen[0][0], stappen[1][0]
    samen = [a + b for a, b in zip(tijden[opbouw_naam], tijden[pdf_naam])]
    verhoudingen = [a / b for a, b in zip(tijden[pdf_naam], vloer_tijden)]

    def cel(waarden: list[float]) -> str:
        return f"{min(waarden):.3f} / {statistics.median(waarden):.3f}"

    print()
    print(f"Kameroverzicht {laatste_jaar} ({opties.variant}) — {opties.instellingen} GI's × {opties.jaren} jaar × "
          f"{opties.events} gebeurtenissen/jaar; database "
          f"{opties.database_url.rsplit('/', 1)[-1] + ' (PostgreSQL)' if opties.database_url else opties.database.name}")
    print(f"Synthetisch register: {sum(aantallen.values()) + opties.instellingen} records "
          f"({', '.join(f'{k} {v}' for k, v in aantallen.items())}), gevuld in {vullen:.1f} s")
    print(f"{opties.herhaal} meting(en) per stap; tijd: minimum / mediaan")
    print()
    print(f"| {'stap':<28} | {'tijd (s)':>17} | {'queries':>7} | {'piekgeheugen (MiB)':>18} | {'omvang':>10} |")
    print(f"|{'-' * 30}|{'-' * 19}|{'-' * 9}|{'-' * 20}|{'-' * 12}|")
    for naam, _ in stappen:
        print(f"| {naam:<28} | {cel(tijden[naam]):>17} | {queries[naam]:>7} | {pieken[naam] / 2**20:>18.1f} | {omvang.get(naam, ''):>10} |")
    print(f"| {'opbouwen + PDF':<28} | {cel(samen):>17} | {queries[opbouw_naam]:>7} | {'':>18} | {'':>10} |")
    print()
    print(f"Maximale RSS van het proces (getrusage) na opbouwen en renderen, vóór tracemalloc: {rss_na_renderen:.0f} MiB "
          f"(na het vullen: {rss_na_vullen:.0f} MiB; aan het eind, met tracemalloc en de vloer: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
    print(f"Kale reportlab-vloer (dezelfde tekst, {paginas} pagina's, platte alinea's), om beurten met de PDF gemeten: "
          f"{cel(vloer_tijden)} s; renderen PDF / vloer per ronde = {min(verhoudingen):.2f}× (minimum) / "
          f"{statistics.median(verhoudingen):.2f}× (mediaan); minimum / minimum = "
          f"{min(tijden[pdf_naam]) / min(vloer_tijden):.2f}×")
    print(f"Instellingen niet in de pas: {sum(1 for gi in data['instellingen'] if gi['pasoordeel']['waarde'] == 'niet_in_de_pas')} van {len(data['instellingen'])}")


if __name__ == "__main__":
    main()
