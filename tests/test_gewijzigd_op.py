"""The moment of a record's latest change moves on every change, also one of confidential fields only. A reader who
may not read a field must not learn that it changed by watching that moment (DESIGN.md §7), so for them
``gewijzigd op`` is hidden together with the confidential fields, at every door; the change feed gives them the
moments of the changes they may see."""

import datetime as dt

import pytest
from django.test import Client
from rest_framework.test import APIClient

from certification.services import audit_corrigeren
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "JBN")
    return maak.audit(kmi_gebruiker, gi, D(2025, 6, 2), samenvatting="eerste versie")


def _api(user, url):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def test_een_vertrouwelijke_wijziging_laat_de_openbare_api_byte_gelijk(audit, kmi_gebruiker, ministerie_gebruiker):
    urls = [f"/api/v1/audits/{audit.pk}", "/api/v1/audits", "/api/v1/instellingen/JBN/tijdlijn"]
    voor = {(lezer, url): _api(lezer, url) for lezer in (None, ministerie_gebruiker) for url in urls}
    kmi_voor = _api(kmi_gebruiker, f"/api/v1/audits/{audit.pk}")
    audit_corrigeren(actor=kmi_gebruiker, audit=audit, reden="samenvatting aangevuld", samenvatting="tweede versie")
    for (lezer, url), body in voor.items():
        assert _api(lezer, url) == body, (lezer, url)
        assert b"gewijzigdOp" not in body or url.endswith("tijdlijn")
    # the readers of the field see both the change and its moment
    kmi_na = _api(kmi_gebruiker, f"/api/v1/audits/{audit.pk}")
    assert b"gewijzigdOp" in kmi_na and kmi_na != kmi_voor


def test_publieke_modellen_houden_hun_gewijzigd_op(audit, ministerie_gebruiker, inspecteur):
    maak.toezicht(inspecteur, audit.instelling, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    assert b"gewijzigdOp" in _api(None, "/api/v1/instellingen/JBN")
    assert b"gewijzigdOp" in _api(ministerie_gebruiker, "/api/v1/toezichtbesluiten")


def test_niet_sorteren_op_gewijzigd_op_in_de_admin(audit, ministerie_gebruiker, kmi_gebruiker):
    def pagina(lezer, url):
        client = Client()
        client.force_login(lezer)
        return client.get(url)

    wijzigpagina = pagina(ministerie_gebruiker, f"/admin/certification/audit/{audit.pk}/change/")
    assert wijzigpagina.status_code == 200
    assert "gewijzigd op" not in wijzigpagina.content.decode().lower()
    assert "gewijzigd op" in pagina(kmi_gebruiker, f"/admin/certification/audit/{audit.pk}/change/").content.decode().lower()
    assert pagina(ministerie_gebruiker, "/admin/certification/audit/?gewijzigd_op__gte=2020-01-01").status_code == 400


def test_het_openapi_document_zegt_dat_het_veld_voor_sommige_lezers_ontbreekt():
    schemas = APIClient().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for naam in ("Audit", "Certificaatbesluit"):
        assert "gewijzigdOp" not in schemas[naam]["required"]
        assert "ontbreekt" in schemas[naam]["properties"]["gewijzigdOp"]["description"]
    assert "gewijzigdOp" in schemas["Instelling"]["required"]
