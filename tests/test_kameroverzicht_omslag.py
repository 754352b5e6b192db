"""The cover of the Kamer overview says exactly what is known (DESIGN.md §1 and §5): today's peildatum is a day that
has not ended ("zoals vastgelegd tot <tijdstip>"), a past one is the register at the end of that day; vraag 44 and
its answer are quoted exactly, and sending the overview is the ministry's decision. The same words in the PDF, the
HTML page and the JSON."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from register import klok
from reports import teksten
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_html, render_json
from tests import maak
from tests.test_kameroverzicht_varianten import pdf_tekst
from tests.test_klok import klok_op

# The answers of 30 January 2026, kept beside the project (DESIGN.md §1, "Sources for the example data").
BRONBESTAND = Path(settings.BASE_DIR).parent / "shared" / "bronnen" / "2026-01-30-antwoorden-kamervragen-jeugdbescherming.txt"
VORIGE_WEEK = dt.datetime(2026, 11, 30, 12, 0, tzinfo=klok.AMSTERDAM)


def _plat(tekst: str) -> str:
    """Text with every run of white space (the PDF's line breaks included) as one space."""
    return re.sub(r"\s+", " ", tekst).strip()


@pytest.fixture
def register(beheerder):
    with klok_op(VORIGE_WEEK):  # recorded a week ago, so a past peildatum holds it too
        maak.instelling(beheerder, "OMSL")


def _peildatum_regel(pdf: bytes) -> str:
    omslag = _plat(pdf_tekst(pdf)[0])
    return omslag[omslag.index("Peildatum"):omslag.index("Variant")]


@pytest.mark.django_db
def test_peildatum_van_vandaag_zegt_zoals_vastgelegd_tot_het_tijdstip(register):
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    assert data["peildatum_lopend"] is True
    tekst = teksten.peildatum_tekst(data)
    assert "zoals vastgelegd tot 30 november 2026, 12:00:00" in tekst
    assert "einde van die dag" not in tekst
    regel = _peildatum_regel(render_pdf(data))
    assert "zoals vastgelegd tot" in regel and "einde van die dag" not in regel
    html = render_html(data)
    assert _plat(tekst) in _plat(html) and "einde van die dag" not in html


@pytest.mark.django_db
def test_peildatum_in_het_verleden_zegt_aan_het_einde_van_die_dag(register):
    data = kameroverzicht(2025, VORIGE_WEEK.date() + dt.timedelta(days=1), "openbaar")
    assert data["peildatum_lopend"] is False
    tekst = teksten.peildatum_tekst(data)
    assert tekst == "1 december 2026 (het register zoals vastgelegd aan het einde van die dag)"
    regel = _peildatum_regel(render_pdf(data))
    assert "aan het einde van die dag" in regel and "vastgelegd tot" not in regel
    assert tekst in render_html(data)


@pytest.mark.django_db
def test_omslag_citeert_vraag_44_en_het_antwoord_letterlijk(register):
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    assert data["kamervraag"] == {
        "vraag": teksten.VRAAG_44, "antwoord": teksten.ANTWOORD_44, "bron": teksten.BRON_44, "verzending": teksten.VERZENDING,
    }
    assert json.loads(render_json(data))["kamervraag"]["antwoord"] == teksten.ANTWOORD_44
    omslag = _plat(pdf_tekst(render_pdf(data))[0])
    html = _plat(render_html(data))
    for tekst in (teksten.VRAAG_44, teksten.ANTWOORD_44, teksten.VERZENDING):
        assert _plat(tekst) in omslag
        assert _plat(tekst) in html
    # the answer promised no yearly overview: the cover does not say it was made because of the question
    for uitvoer in (omslag, html):
        assert "naar aanleiding van Kamervraag 44" not in uitvoer
        assert "beslist het ministerie" in uitvoer


@pytest.mark.skipif(not BRONBESTAND.exists(), reason="de bronbestanden staan niet naast het project")
def test_citaten_staan_zo_in_de_bron():
    bron = BRONBESTAND.read_text(encoding="utf-8").splitlines()
    vraag = bron.index("Vraag 44")
    antwoord = bron.index("Antwoord op vraag 44")
    assert bron[vraag + 1].strip() == teksten.VRAAG_44
    assert bron[antwoord + 1].strip() == teksten.ANTWOORD_44
