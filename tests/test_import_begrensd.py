"""An import is bounded in time and memory whatever the file (DESIGN.md §7, "Uploads and feeds are bounded"; README,
"Historische gegevens importeren"): a huge header, a sheet reaching column XFD, a zip bomb or damaged XML is refused
with a Dutch message (HTTP 400 on the upload page) before it costs much, and a file within the bounds costs a fixed
number of queries per row, with every rule of the services still applied."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from certification.models import Audit
from historisch import bestanden
from historisch import importeren as imp
from supervision.models import Toezichtbesluit
from tests import maak

pytestmark = pytest.mark.django_db

KOP = "instelling;niveau;door;besluitdatum;ingangsdatum;bron"


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


def _importeer(actor, inhoud: bytes, naam: str = "besluiten.csv", soort: str = "toezichtbesluiten", opslaan=False):
    return imp.importeren(actor=actor, soort=soort, bestandsnaam=naam, inhoud=inhoud, opslaan=opslaan)


def _xlsx(rijen: list[list], zonder_afmeting: bool = False) -> bytes:
    werkmap = Workbook()
    blad = werkmap.active
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    werkmap.save(uit)
    return _zonder_afmeting(uit.getvalue()) if zonder_afmeting else uit.getvalue()


def _herschrijf(xlsx: bytes, deel: str, wijzig) -> bytes:
    """The same archive with one member rewritten."""
    bron, uit = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            data = bron.read(info.filename)
            doel.writestr(info.filename, wijzig(data) if info.filename == deel else data)
    return uit.getvalue()


def _zonder_afmeting(xlsx: bytes) -> bytes:
    """A sheet without <dimension>, as some programs write it: nothing tells how wide it is before it is read."""
    return _herschrijf(xlsx, "xl/worksheets/sheet1.xml", lambda d: re.sub(rb"<dimension[^>]*/>", b"", d))


# --- CSV -----------------------------------------------------------------------------------------------------------


def test_een_kopregel_van_een_megabyte_wordt_snel_geweigerd(inspecteur, jbn):
    """The duplicate-column check was quadratic (list.count per column): a 1 MB header held a worker for minutes."""
    kop = ";".join(f"k{i}" for i in range(120_000)).encode()
    assert len(kop) < bestanden.MAX_BYTES
    begin = time.perf_counter()
    verslag = _importeer(inspecteur, kop + b"\nJBN\n")
    assert time.perf_counter() - begin < 2
    assert "noemt 120.000 kolommen; hoogstens 200" in verslag.bestandsfout


def test_dubbele_kolommen_worden_in_een_keer_genoemd(inspecteur, jbn):
    verslag = _importeer(inspecteur, b"instelling;niveau;niveau;door;door\nJBN;regulier;regulier;IGJ;IGJ\n")
    assert "De kolom door, niveau staat meer dan eens in de eerste rij" in verslag.bestandsfout


def test_te_veel_onbekende_kolommen_geven_een_korte_melding(inspecteur, jbn):
    kop = "instelling;ingangsdatum;" + ";".join(f"kolom{i}" for i in range(150))
    verslag = _importeer(inspecteur, kop.encode() + b"\nJBN;2023-01-01\n")
    assert "'kolom0', " in verslag.bestandsfout and "en 140 meer hoort niet bij toezichtbesluiten" in verslag.bestandsfout
    assert len(verslag.bestandsfout) < 600


def test_een_rij_boven_de_grens_stopt_het_lezen(inspecteur, jbn):
    rijen = "\n".join(f"JBN;regulier;IGJ;2023-01-01;2023-01-{1 + i % 28:02d};b" for i in range(bestanden.MAX_RIJEN + 1))
    verslag = _importeer(inspecteur, (KOP + "\n" + rijen).encode())
    assert "meer dan 5.000 rijen" in verslag.bestandsfout and verslag.rijen == []


def test_een_te_lange_cel_in_csv_is_een_melding_en_geen_fout_500(inspecteur, jbn):
    inhoud = (KOP + "\nJBN;regulier;IGJ;2023-01-01;2023-02-01;\"" + "x" * 200_000 + "\"\n").encode()
    client = Client()
    client.force_login(inspecteur)
    antwoord = client.post("/admin/historisch/toezichtbesluiten/importeren/",
                           {"bestand": SimpleUploadedFile("besluiten.csv", inhoud, content_type="text/csv")})
    assert antwoord.status_code == 400
    assert "Het CSV-bestand kan niet worden gelezen bij rij 2" in antwoord.content.decode()


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _met_cel_in_xfd(aantal: int, zonder_afmeting: bool) -> bytes:
    werkmap = Workbook()
    blad = werkmap.active
    blad.append(["instelling", "niveau", "door", "besluitdatum", "ingangsdatum", "bron"])
    for r in range(2, aantal + 2):
        blad.cell(row=r, column=1, value="JBN")
        blad.cell(row=r, column=16_384, value="x")  # column XFD, the last one a sheet has
    uit = io.BytesIO()
    werkmap.save(uit)
    return _zonder_afmeting(uit.getvalue()) if zonder_afmeting else uit.getvalue()


def test_een_werkblad_tot_kolom_xfd_wordt_geweigerd_voor_een_rij_wordt_gelezen(inspecteur, jbn):
    inhoud = _met_cel_in_xfd(200, zonder_afmeting=False)
    tracemalloc.start()
    verslag = _importeer(inspecteur, inhoud, naam="besluiten.xlsx")
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "loopt tot kolom XFD (16.384 kolommen); hoogstens 200" in verslag.bestandsfout
    assert piek < 5_000_000


def test_een_cel_in_xfd_zonder_opgegeven_afmeting_maakt_geen_rij_van_16384_cellen(inspecteur, jbn):
    """200 rows each padded to column XFD were 26 MB of cells before the file was refused (5,000 rows: 0.7 GB)."""
    inhoud = _met_cel_in_xfd(200, zonder_afmeting=True)
    tracemalloc.start()
    verslag = _importeer(inspecteur, inhoud, naam="besluiten.xlsx")
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert piek < 5_000_000
    assert verslag.rijen == [] or all(r.status == imp.GEWEIGERD for r in verslag.rijen)
    assert Toezichtbesluit.objects.count() == 0


def test_een_cel_naast_de_laatste_kolom_wordt_ook_zonder_afmeting_opgemerkt(inspecteur, jbn):
    inhoud = _xlsx([["instelling", "ingangsdatum"], ["JBN", "2023-01-01", "over"]], zonder_afmeting=True)
    verslag = _importeer(inspecteur, inhoud, naam="besluiten.xlsx")
    assert "Rij 2 heeft meer cellen dan de eerste rij kolommen noemt" in verslag.bestandsfout


def test_een_werkblad_dat_verder_loopt_dan_de_rijengrens_wordt_geweigerd_voor_het_lezen(inspecteur, jbn):
    werkmap = Workbook()
    blad = werkmap.active
    blad.append(["instelling", "ingangsdatum"])
    blad.cell(row=bestanden.MAX_RIJEN + 50, column=1, value="JBN")
    uit = io.BytesIO()
    werkmap.save(uit)
    verslag = _importeer(inspecteur, uit.getvalue(), naam="besluiten.xlsx")
    assert "loopt tot rij 5.050; hoogstens 5.000 rijen" in verslag.bestandsfout


def test_een_zip_bom_wordt_geweigerd_voor_het_uitpakken(inspecteur, jbn):
    goed = _xlsx([["instelling", "ingangsdatum"], ["JBN", "2023-01-01"]])
    bom = _herschrijf(goed, "xl/worksheets/sheet1.xml", lambda d: d + b" " * 30_000_000)
    assert len(bom) < bestanden.MAX_BYTES
    tracemalloc.start()
    verslag = _importeer(inspecteur, bom, naam="besluiten.xlsx")
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "uitgepakt te groot (30.0" in verslag.bestandsfout and piek < 5_000_000


@pytest.mark.parametrize("deel, wijzig", [
    ("xl/worksheets/sheet1.xml", lambda d: d.replace(b"</sheetData>", b"<row r='3'><c r='A3' t='s'><v>1")),
    ("xl/worksheets/sheet1.xml", lambda d: d.replace(b"<sheetData>", b"<sheetData><row r='1'><c r='A1' t='s'><v>999</v></c></row>")),
    ("xl/workbook.xml", lambda d: d[: len(d) // 2]),
    ("xl/styles.xml", lambda d: b"<styleSheet><numFmts><numFmt></styleSheet>"),
    ("[Content_Types].xml", lambda d: b"niet eens XML"),
])
def test_beschadigde_xml_in_een_xlsx_is_een_melding_met_400(inspecteur, jbn, deel, wijzig):
    inhoud = _herschrijf(_xlsx([["instelling", "ingangsdatum"], ["JBN", "2023-01-01"]]), deel, wijzig)
    client = Client()
    client.force_login(inspecteur)
    antwoord = client.post("/admin/historisch/toezichtbesluiten/importeren/",
                           {"bestand": SimpleUploadedFile("besluiten.xlsx", inhoud, content_type=bestanden.XLSX_MIME)})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Het bestand is geweigerd" in html and "kan niet worden gelezen" in html
    assert "Sla het opnieuw op als Excel-werkmap (.xlsx)" in html


def test_een_goed_xlsx_bestand_wordt_nog_steeds_gelezen(inspecteur, jbn):
    inhoud = _xlsx([["instelling", "niveau", "door", "besluitdatum", "ingangsdatum", "bron"],
                    ["JBN", "regulier", "IGJ", "2023-01-10", "2023-02-01", "brief"], [], [None, None]])
    verslag = _importeer(inspecteur, inhoud, naam="besluiten.xlsx", opslaan=True)
    assert [r.status for r in verslag.rijen] == [imp.NIEUW], [r.fouten for r in verslag.rijen]
    assert Toezichtbesluit.objects.count() == 1


# --- Time: a fixed number of queries per row --------------------------------------------------------------------


def _audits(aantal: int) -> bytes:
    regels = ["instelling;soort;startdatum;einddatum;hersteltermijn;bron"]
    for i in range(aantal):
        regels.append(f"{('JBN', 'GIA')[i % 2]};periodiek;2020-{1 + i // 28:02d}-{1 + i % 28:02d};"
                      f"2020-{1 + i // 28:02d}-{1 + i % 28:02d};2021-01-01;brief")
    return "\n".join(regels).encode()


def test_een_import_doet_een_vast_aantal_queries_per_rij(kmi_gebruiker, beheerder, jbn):
    """Each row looked up its GI and its record, and Django asked the database for each check constraint:
    some 21 queries a row. GI's and records are now read once per file, the constraints judged in Python, and a
    row has one savepoint (its service's) instead of three."""
    maak.instelling(beheerder, "GIA", naam="Gecertificeerde Instelling A")
    for aantal in (10, 40):
        with CaptureQueriesContext(connection) as queries:
            verslag = _importeer(kmi_gebruiker, _audits(aantal), naam="audits.csv", soort="audits")
        assert [r.status for r in verslag.rijen] == [imp.NIEUW] * aantal, [r.fouten for r in verslag.rijen][:2]
        # Per row: the GI exists (the foreign key), no duplicate audit (the model's rule and the database
        # constraint), insert, history, and the service's savepoint with its release.
        assert len(queries) <= 8 * aantal + 12, (aantal, len(queries))


def test_de_regels_van_de_services_gelden_nog_bij_een_import(kmi_gebruiker, beheerder, jbn):
    """The constraints are judged in Python now: an audit ending before it starts and a hersteltermijn before the
    end are refused with the same messages as before."""
    inhoud = (
        "instelling;soort;startdatum;einddatum;hersteltermijn;bron\n"
        "JBN;periodiek;2020-01-10;2020-01-05;;brief\n"
        "JBN;periodiek;2020-02-01;2020-02-10;2020-02-05;brief\n"
    ).encode()
    verslag = _importeer(kmi_gebruiker, inhoud, naam="audits.csv", soort="audits")
    fouten = [dict(r.fouten) for r in verslag.rijen]
    assert "De einddatum van de audit ligt vóór de startdatum" in fouten[0]["einddatum"]
    assert "De hersteltermijn ligt vóór de einddatum" in fouten[1]["hersteltermijn"]
    assert Audit.objects.count() == 0


def test_een_rij_met_honderdduizenden_cellen_wordt_geweigerd_voor_openpyxl_haar_leest(inspecteur, jbn):
    """openpyxl holds every cell of a row at once, however often the XML repeats one: 300,000 cells in one row,
    a small archive, were some 100 MB before any bound was checked. The cells are counted first, streaming."""
    goed = _xlsx([["instelling", "ingangsdatum"], ["JBN", "2023-01-01"]])
    cellen = b"<c r='A2' t='inlineStr'><is><t>x</t></is></c>" * 300_000
    inhoud = _herschrijf(goed, "xl/worksheets/sheet1.xml", lambda d: re.sub(rb"(<row r=\"2\"[^>]*>)", lambda m: m.group(1) + cellen, d))
    assert len(inhoud) < bestanden.MAX_BYTES
    tracemalloc.start()
    verslag = _importeer(inspecteur, inhoud, naam="besluiten.xlsx")
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "Een rij van het eerste werkblad heeft meer dan 200 cellen" in verslag.bestandsfout
    assert piek < 30_000_000
