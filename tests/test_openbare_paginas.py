import datetime as dt

import pytest
from django.test import Client

from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    maak.audit(kmi_gebruiker, gi, D(2024, 12, 1), samenvatting="MARKER-SAMENVATTING-1", rapportkenmerk="MARKER-KENMERK-2")
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15),
                     motivering_openbaar="Kritische afwijkingen", motivering_vertrouwelijk="MARKER-MOTIVERING-3")
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "grotendeels_onvoldoende"})
    return gi


def test_public_index_shows_status_on_a_date(register):
    body = Client().get("/?datum=2025-08-01").content.decode()
    assert "Jeugdbescherming Noord (JBN)" in body
    assert "overbruggingscertificaat</span> (geldig tot en met 15-09-2025)" in body
    assert "verscherpt" in body


def test_public_pages_never_show_confidential_fields(register):
    for url in ["/", "/?datum=2025-08-01", "/instellingen/JBN", "/toegankelijkheid"]:
        response = Client().get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert 'lang="nl"' in body
        for marker in ("MARKER-SAMENVATTING-1", "MARKER-KENMERK-2", "MARKER-MOTIVERING-3"):
            assert marker not in body, (url, marker)


def test_gi_page_shows_timeline_with_oordelen(register):
    body = Client().get("/instellingen/JBN").content.decode()
    assert "Goed bestuur: grotendeels onvoldoende" in body
    assert "Kritische afwijkingen" in body


def test_unknown_gi_gives_404_and_bad_date_a_clear_400():
    assert Client().get("/instellingen/XYZ").status_code == 404
    response = Client().get("/?datum=2025-02-30")
    assert response.status_code == 400
    assert "geen bestaande datum" in response.content.decode()


def test_empty_register_page():
    assert "nog geen instellingen" in Client().get("/").content.decode()


def test_gi_page_shows_the_afweging_and_links_to_the_years_signals_with_wederhoor(register, kmi_gebruiker):
    from wederhoor.services import reactie_registreren

    maak.certificaat(
        kmi_gebruiker, register, "volledig", D(2025, 9, 16),
        afweging="AFWEGING-MARKER: de kritische afwijkingen zijn hersteld.",
    )
    reactie_registreren(
        actor=kmi_gebruiker, instelling=register, jaar=2025, signaalcode="VOLLEDIG_TIJDENS_VERSCHERPT",
        tekst="REACTIE-MARKER: het certificaat toetst het kwaliteitssysteem.", bron="Brief KMI (test)",
    )
    body = Client().get("/instellingen/JBN?jaar=2025").content.decode()
    assert "Afweging van het KMI:</strong> AFWEGING-MARKER" in body
    assert 'href="/kameroverzicht/2025/JBN"' in body
    # the linked page carries the signal with its reactie (wederhoor) and the same afweging
    jaarpagina = Client().get("/kameroverzicht/2025/JBN")
    assert jaarpagina.status_code == 200
    tekst = jaarpagina.content.decode()
    assert "REACTIE-MARKER" in tekst and "AFWEGING-MARKER" in tekst


def test_gi_page_links_to_an_overview_only_for_years_that_have_one(register):
    from register.klok import vandaag

    volgend_jaar = vandaag().year + 1
    body = Client().get(f"/instellingen/JBN?jaar={volgend_jaar}").content.decode()
    assert "Signalen en wederhoor" not in body
    assert f"/kameroverzicht/{volgend_jaar}/" not in body
    assert Client().get(f"/instellingen/JBN?jaar={vandaag().year}").content.decode().count("Signalen en wederhoor") == 1
