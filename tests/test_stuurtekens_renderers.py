"""Every renderer survives any stored string (DESIGN.md §7: control characters never break XML or CSV).

The doors refuse control characters (tests/test_stuurtekens.py), but a database may hold them from before that
rule, or from a raw write. Text is stored here with ``save()`` (no ``full_clean``; simple-history still records
it, so the change feed and the Atom feed see it), then every renderer must answer and its output must parse: the
Atom feed with an XML parser, the XLSX export with openpyxl, the CSV exports with the csv module, the Kamer overview
as PDF, HTML and CSV. A character XML cannot hold is shown as U+FFFD (register/tekens.py ``leesbaar``).

Lone surrogates cannot be stored (UTF-8 has none; SQLite and PostgreSQL refuse them), NUL not in PostgreSQL: the
strategies leave those out of stored text; ``leesbaar`` itself is tested with them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from register import tekens
from register.klok import vandaag
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_csv, render_html
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db

ALLE_STUURTEKENS = "".join(chr(c) for c in range(1, 32)) + "\x7f\ufffe\uffff"
# Text that can be stored: anything but lone surrogates and NUL, with the refused characters drawn often.
OPSLAGBAAR = st.one_of(
    st.characters(min_codepoint=1, max_codepoint=0x1F),
    st.sampled_from("\ufffe\uffff\x7f\x85\u2028"),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
)
TEKST = st.text(OPSLAGBAAR, min_size=1, max_size=60)
INSTELLINGEN = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def register(beheerder, inspecteur):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2020, 1, 1))
    besluit = maak.toezicht(inspecteur, gi, "verscherpt", D(2024, 7, 24), D(2025, 2, 23), aanleiding="Openbare aanleiding")
    return {"gi": gi, "besluit": besluit}


def _rauw_opslaan(obj, **velden):
    """A write as an old database or a raw script would have made it: no validation."""
    for naam, waarde in velden.items():
        setattr(obj, naam, waarde)
    obj.save()


def test_leesbaar_vervangt_elk_geweigerd_teken_en_laat_de_rest_staan():
    tekst = "a\x00b\x0bc\ud800d\udfffe\ufffe\uffff\tf\ng\rh\x7fi\u2028é"
    assert tekens.leesbaar(tekst) == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd\ufffd\tf\ng\rh\x7fi\u2028é"
    assert tekens.leesbaar(tekst).encode("utf-8")  # no surrogate left
    assert tekens.leesbaar_in({"k\x0b": ["x\x01", ("y\x02", 3)], "n": None}) == {"k\ufffd": ["x\ufffd", ("y\ufffd", 3)], "n": None}


def _atom(client) -> ET.Element:
    response = client.get("/open-data/wijzigingen.atom")
    assert response.status_code == 200, response.content[:300]
    return ET.fromstring(response.content)


def test_een_verticale_tab_in_een_tekstveld_breekt_de_atom_feed_niet(register):
    """The finding: one \\u000b stored in any text field made the public feed answer 500 for everyone."""
    _rauw_opslaan(register["besluit"], aanleiding="voor\x0bna")
    feed = _atom(Client())
    teksten = "".join(feed.itertext())
    assert "voor\ufffdna" in teksten


@INSTELLINGEN
@given(tekst=TEKST)
@example(tekst=ALLE_STUURTEKENS)
def test_de_atom_feed_is_xml_bij_elke_opgeslagen_tekst(register, tekst):
    _rauw_opslaan(register["besluit"], aanleiding=tekst, bron=tekst)
    _rauw_opslaan(register["gi"], naam=tekst, werkgebied=tekst)
    feed = _atom(Client())
    verwacht = tekens.leesbaar(tekst).replace("\r\n", "\n").replace("\r", "\n")  # XML reads every line end as LF
    assert verwacht in "".join(feed.itertext())


def _export(client, formaat: str) -> list[dict]:
    response = client.get(f"/admin/historisch/toezichtbesluiten/exporteren.{formaat}")
    assert response.status_code == 200, response.content[:300]
    if formaat == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    blad = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rijen = [list(r) for r in blad.iter_rows(values_only=True)]
    return [dict(zip(rijen[0], (c if c is not None else "" for c in r))) for r in rijen[1:]]


def test_een_verticale_tab_breekt_de_xlsx_export_niet(register, inspecteur):
    _rauw_opslaan(register["besluit"], aanleiding="voor\x0bna")
    client = Client()
    client.force_login(inspecteur)
    assert _export(client, "xlsx")[0]["aanleiding"] == "voor\ufffdna"


@INSTELLINGEN
@given(tekst=TEKST)
@example(tekst=ALLE_STUURTEKENS)
def test_xlsx_en_csv_export_zijn_leesbaar_bij_elke_opgeslagen_tekst(register, inspecteur, tekst):
    _rauw_opslaan(register["besluit"], aanleiding=tekst)
    client = Client()
    client.force_login(inspecteur)
    for formaat in ("xlsx", "csv"):
        rijen = _export(client, formaat)
        assert len(rijen) == 1, formaat
        waarde = rijen[0]["aanleiding"]
        assert tekens.eerste_ongeldig(waarde) is None, (formaat, waarde)
        # the cell holds the text as the renderer wrote it (a leading apostrophe only against formulas; XML, and so
        # XLSX, reads every line end as LF)
        verwacht = tekens.leesbaar(tekst)
        if formaat == "xlsx":
            verwacht = verwacht.replace("\r\n", "\n").replace("\r", "\n")
        assert waarde in (verwacht, "'" + verwacht), formaat


@INSTELLINGEN
@given(tekst=TEKST)
@example(tekst=ALLE_STUURTEKENS)
def test_de_open_data_csv_is_leesbaar_bij_elke_opgeslagen_tekst(register, tekst):
    _rauw_opslaan(register["besluit"], aanleiding=tekst)
    _rauw_opslaan(register["gi"], naam=tekst)
    response = Client().get("/open-data/registraties.csv")
    assert response.status_code == 200
    rijen = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    besluit = next(r for r in rijen if r["soort"] == "toezichtbesluit")
    verwacht = tekens.leesbaar(tekst)
    assert besluit["omschrijving"] in (verwacht, "'" + verwacht)  # a leading apostrophe only against formulas
    assert besluit["instelling_naam"] in (verwacht, "'" + verwacht)
    assert Client().get("/open-data/registraties.json").status_code == 200


@pytest.mark.parametrize("variant", ["openbaar", "vertrouwelijk"])
def test_het_kameroverzicht_rendert_elke_opgeslagen_tekst(register, variant):
    """PDF, HTML and CSV of the overview, with every refused character in the GI's name and the decision's text."""
    _rauw_opslaan(register["gi"], naam=f"Noord{ALLE_STUURTEKENS}Zuid", werkgebied=ALLE_STUURTEKENS)
    _rauw_opslaan(register["besluit"], aanleiding=ALLE_STUURTEKENS, bron=ALLE_STUURTEKENS)
    data = kameroverzicht(2025, vandaag(), variant)
    pdf = render_pdf(data)
    tekst = "".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages)
    assert "Noord" in tekst and "Zuid" in tekst
    html = render_html(data)
    assert tekens.eerste_ongeldig(html) is None
    rijen = list(csv.reader(io.StringIO(render_csv(data).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rijen) == 2
    assert all(tekens.eerste_ongeldig(cel) is None for cel in rijen[1])
