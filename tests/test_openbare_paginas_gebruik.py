"""The public pages as the public uses them (issue: public pages): a GI page with the status on a chosen date, an open
period shown with the end its besluit gives, links to reports and sources and the year's timeline as an accessible
picture; the public Kamer overview page with a choice of year and the archived openbaar overviews to download without
login; an accessibility statement with a contact address."""

import datetime as dt
import re

import pytest
from django.test import Client

from reports.services import kameroverzicht_genereren
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def jbn(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15),
                     bron="https://www.oogtv.nl/2024/12/certificering-jbn")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))  # geldig tot 15-09-2028 (3 years)
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 9, 24), D(2026, 2, 23))
    maak.onderzoek(inspecteur, gi, D(2025, 9, 24), {"goed_bestuur": "grotendeels_onvoldoende"},
                   titel="Verdiepend toezicht JBN", url="https://www.igj.nl/rapport-jbn")
    return gi


def test_een_lopende_periode_toont_sinds_en_geldig_tot(jbn):
    html = Client().get("/instellingen/JBN").content.decode()
    assert "sinds 16-09-2025 (geldig tot en met 15-09-2028)" in html
    assert "volledig certificaat" in html
    # never today's date as if the period ended today
    vandaag = dt.date.today()
    assert f"16-09-2025 tot en met {vandaag:%d-%m-%Y}" not in html


def test_stand_op_een_gekozen_datum(jbn):
    client = Client()
    html = client.get("/instellingen/JBN?datum=2025-10-01").content.decode()
    assert re.search(r'<input[^>]*type="date"[^>]*value="2025-10-01"', html) or 'type="date" value="2025-10-01"' in html
    assert "volledig certificaat</span> sinds 16 september 2025 (geldig tot en met 15 september 2028)" in html
    assert "verscherpt toezicht</span> sinds 24 september 2025" in html
    html = client.get("/instellingen/JBN?datum=2025-01-10").content.decode()
    assert "overbruggingscertificaat</span> sinds 16 december 2024 (geldig tot en met 15 september 2025)" in html
    # heightened toezicht past its term is still the level of the same besluit: since its ingangsdatum
    html = client.get("/instellingen/JBN?datum=2026-03-01").content.decode()
    assert "verscherpt toezicht</span> sinds 24 september 2025 (voorziene einddatum 23 februari 2026, termijn verstreken)" in html
    response = client.get("/instellingen/JBN?datum=2025-13-01")
    assert response.status_code == 400 and "geen bestaande datum" in response.content.decode()


def test_links_naar_rapporten_en_bronnen(jbn):
    html = Client().get("/instellingen/JBN").content.decode()
    assert 'href="https://www.igj.nl/rapport-jbn"' in html
    assert 'href="https://www.oogtv.nl/2024/12/certificering-jbn"' in html


def test_tijdlijn_van_het_jaar_als_toegankelijke_svg(jbn):
    html = Client().get("/instellingen/JBN?jaar=2025").content.decode()
    svg = re.search(r'<svg class="gi-tijdlijn".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="tijdlijn-titel tijdlijn-beschrijving"' in svg
    beschrijving = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "overbrugging van 1 januari 2025 tot en met 15 september 2025" in beschrijving
    assert "verscherpt van 24 september 2025 tot en met 31 december 2025" in beschrijving
    assert "Inspectierapporten (cirkel): 24 september 2025" in beschrijving
    # patterns, not colour alone, and the numbers in SVG syntax whatever the locale (no "170,0")
    assert 'fill="url(#p-overbrugging)"' in svg and 'fill="url(#p-verscherpt)"' in svg
    assert not re.search(r'x="\d+,\d', svg)
    assert "style=" not in svg  # the CSP allows no inline style attributes


def test_een_ander_jaar_kiezen(jbn):
    html = Client().get("/instellingen/JBN?jaar=2024").content.decode()
    assert "Tijdlijn 2024" in html and 'fill="url(#p-overbrugging)"' in html
    assert Client().get("/instellingen/JBN?jaar=abc").status_code == 400


def test_openbaar_kameroverzicht_met_jaarkeuze_en_downloads_zonder_inloggen(jbn, ministerie_gebruiker, kmi_gebruiker):
    openbaar = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, variant="openbaar")
    vertrouwelijk = kameroverzicht_genereren(actor=kmi_gebruiker, jaar=2025, variant="vertrouwelijk")
    client = Client()
    html = client.get("/kameroverzicht/?jaar=2025").content.decode()
    assert re.search(r'<select[^>]*name="jaar"', html) and '<option value="2024"' in html
    for formaat, soort in (("pdf", "application/pdf"), ("csv", "text/csv"), ("json", "application/json")):
        url = f"/kameroverzicht/openbaar/{openbaar.pk}.{formaat}"
        assert f'href="{url}"' in html
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith(soort), formaat
    assert f"/kameroverzicht/openbaar/{vertrouwelijk.pk}." not in html
    assert client.get(f"/kameroverzicht/openbaar/{vertrouwelijk.pk}.pdf").status_code == 404
    assert client.get(f"/kameroverzicht/openbaar/{openbaar.pk}.html").status_code == 404
    assert "nog geen overzicht vastgesteld" in client.get("/kameroverzicht/?jaar=2024").content.decode()


def test_een_stylesheet_met_printopmaak_voor_alle_paginas(jbn):
    for url in ("/", "/instellingen/JBN", "/kameroverzicht/", "/toegankelijkheid", "/open-data/"):
        html = Client().get(url).content.decode()
        assert "/static/register/register.css" in html and "/static/nlds/utrecht-component-library.css" in html, url
        assert "<style" not in html, url  # one style sheet, no inline copy
    css = Client().get("/static/register/register.css")
    tekst = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()
    assert "@media print" in tekst


def test_toegankelijkheidsverklaring_met_contactadres(settings):
    html = Client().get("/toegankelijkheid").content.decode()
    assert f'href="mailto:{settings.API_CONTACT["email"]}"' in html


def test_voor_de_gegevens_van_het_register_is_de_stand_onbekend_niet_geen(db):
    """The example data are complete from 1 January 2024 (the start of the register period): a date before that
    shows 'onbekend' for every GI, never 'geen certificaat' (which would read as 'not certified')."""
    from django.core.management import call_command

    call_command("load_voorbeelddata")
    html = Client().get("/?datum=2020-01-01").content.decode()
    assert html.count("onbekend: het register heeft de gegevens van het KMI over deze instelling pas vanaf 1 januari 2024") == 5
    assert html.count("onbekend: het register heeft de gegevens van de inspecties over deze instelling pas vanaf 1 januari 2024") == 5
    assert "geen certificaat" not in html
    html = Client().get("/instellingen/JBN?datum=2020-01-01").content.decode()
    assert "onbekend: het register heeft de gegevens" in html
