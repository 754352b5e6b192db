"""The register speaks Dutch whatever language the browser or client asks for."""

from tests import maak
from tests.test_api_basis import client_voor


def test_api_meldingen_nederlands_bij_engelse_client(beheerder, kmi_gebruiker):
    maak.instelling(beheerder, "JBN")
    response = client_voor(kmi_gebruiker).post(
        "/api/v1/certificaatbesluiten",
        {"instelling": "JBN", "status": "bla", "besluitdatum": "2025-01-01", "ingangsdatum": "2025-01-01", "bron": "x"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9",
    )
    assert response.status_code == 400
    reden = response.json()["invalidParams"][0]["reason"]
    assert "not a valid choice" not in reden and "geen geldige waarde" in reden


def test_admin_nederlands_bij_engelse_browser(client, kmi_gebruiker):
    client.force_login(kmi_gebruiker)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Uitloggen" in tekst or "Afmelden" in tekst
    assert "Log out" not in tekst
