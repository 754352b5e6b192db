"""The data's own caveats (DESIGN.md §5, Verantwoording): recorded in the register as notes about the data, printed in
the overview's Verantwoording appendix (PDF, HTML, JSON) as recorded by the peildatum, and on the public page about
the data."""

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client

from register import klok
from register.models import Gegevensnotitie
from register.services import gegevensnotitie_registreren
from reports import teksten
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_html, render_json
from tests import maak
from tests.test_kameroverzicht_varianten import pdf_tekst
from tests.test_klok import klok_op

pytestmark = pytest.mark.django_db

VORIGE_WEEK = dt.datetime(2026, 11, 30, 12, 0, tzinfo=klok.AMSTERDAM)
ALGEMEEN = "Werkgebieden zijn alleen uit de naam afgeleid."
PER_GI = "De dag van het besluit staat niet in de bron; vastgelegd is het einde van de maand."


def _plat(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst)


@pytest.fixture
def register(beheerder):
    with klok_op(VORIGE_WEEK):
        gi = maak.instelling(beheerder, "VERA")
        gegevensnotitie_registreren(actor=beheerder, tekst=ALGEMEEN)
        gegevensnotitie_registreren(actor=beheerder, tekst=PER_GI, instelling=gi, soort="aanname", bron="Kamerbrief (test)")
    return gi


def test_de_bijlage_noemt_elke_notitie_in_pdf_html_en_json(register):
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    assert data["verantwoording"] == [
        {"soort": "aanname", "instelling": None, "tekst": ALGEMEEN, "bron": ""},
        {"soort": "aanname", "instelling": "VERA", "tekst": PER_GI, "bron": "Kamerbrief (test)"},
    ]
    assert json.loads(render_json(data))["verantwoording"] == data["verantwoording"]
    pdf = _plat(" ".join(pdf_tekst(render_pdf(data))))
    html = _plat(render_html(data))
    for uitvoer in (pdf, html):
        bijlage = uitvoer[uitvoer.rindex("Verantwoording"):]
        assert ALGEMEEN in bijlage and PER_GI in bijlage
        assert "Bron: Kamerbrief (test)" in bijlage
        assert "Jeugdbescherming VERA (VERA)" in bijlage and "De gegevens als geheel" in bijlage


def test_de_bijlage_toont_de_notities_zoals_vastgelegd_op_de_peildatum(register, beheerder):
    later = "Een notitie van vandaag."
    gegevensnotitie_registreren(actor=beheerder, tekst=later)
    vorige_week = kameroverzicht(2025, VORIGE_WEEK.date(), "openbaar")
    assert [v["tekst"] for v in vorige_week["verantwoording"]] == [ALGEMEEN, PER_GI]
    vandaag = kameroverzicht(2025, klok.vandaag(), "openbaar")
    assert later in [v["tekst"] for v in vandaag["verantwoording"]]


def test_zonder_notities_zegt_de_bijlage_dat(beheerder):
    maak.instelling(beheerder, "LEEG")
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    assert data["verantwoording"] == []
    assert teksten.VERANTWOORDING_LEEG in _plat(" ".join(pdf_tekst(render_pdf(data))))
    assert teksten.VERANTWOORDING_LEEG in render_html(data)


def test_een_notitie_is_onveranderlijk_en_alleen_beheer_legt_haar_vast(register, kmi_gebruiker):
    notitie = Gegevensnotitie.objects.get(tekst=ALGEMEEN)
    notitie.tekst = "anders"
    with pytest.raises(ValidationError, match="kan niet worden gewijzigd"):
        notitie.save()
    with pytest.raises(ValidationError, match="kan niet worden verwijderd"):
        notitie.delete()
    with pytest.raises(PermissionDenied, match="functioneel beheer"):
        gegevensnotitie_registreren(actor=kmi_gebruiker, tekst="KMI schrijft geen notities")


def test_de_openbare_pagina_over_de_gegevens(register):
    antwoord = Client().get("/over-de-gegevens")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert ALGEMEEN in html and PER_GI in html and "Bron: Kamerbrief (test)" in html
    assert 'href="/instellingen/VERA"' in html
    # linked from the footer of every public page, the home page included
    assert 'href="/over-de-gegevens"' in Client().get("/").content.decode()


def test_de_kanttekeningen_van_de_voorbeelddata_staan_in_de_bijlage():
    call_command("load_voorbeelddata")
    call_command("load_voorbeelddata")  # twice: no note twice
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    teksten_ = [v["tekst"] for v in data["verantwoording"]]
    # the notes recorded in the register, and the definition change of the wachttijd that the builder finds in the
    # monitor's definities (1 October 2025 against 1 October 2024)
    berekend = [v for v in data["verantwoording"] if v["tekst"].startswith("GI-monitor, ")]
    assert len(teksten_) == len(set(teksten_)) == Gegevensnotitie.objects.count() + len(berekend) > 10
    assert any("Werkgebieden" in t or "werkgebied" in t for t in teksten_)
    monitor = [v for v in data["verantwoording"] if v["soort"] == "monitordefinitie"]
    assert len(monitor) == 2 and monitor[0]["tekst"].startswith("GI-monitor wachttijd") and monitor[0]["bron"]
    assert berekend == monitor[1:] and "1 oktober 2025" in berekend[0]["tekst"] and "Kamerbrief" in berekend[0]["bron"]
    pagina = Client().get("/over-de-gegevens").content.decode()
    assert "Gewijzigde definitie in de GI-monitor" in pagina


def test_een_nieuwe_notitie_staat_meteen_op_de_openbare_overzichtpagina(register, beheerder):
    client = Client()
    url = "/kameroverzicht/?jaar=2025"
    assert ALGEMEEN in client.get(url).content.decode()  # now cached
    nieuw = "Een notitie die na het bekijken is vastgelegd."
    gegevensnotitie_registreren(actor=beheerder, tekst=nieuw)
    assert nieuw in client.get(url).content.decode()
