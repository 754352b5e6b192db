"""The reason a record was declared void (``vervalreden``) follows the rule of the reason of a change
(DESIGN.md §7, register/vertrouwelijkheid.py): on audits and certificaatbesluiten it may quote the confidential
fields, so the public and the ministry never read it, at any door; KMI and RvA (readers of those fields) do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from certification.services import audit_laten_vervallen, certificaatbesluit_laten_vervallen
from register import vertrouwelijkheid
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date
pytestmark = pytest.mark.django_db

GEHEIM = "SECRETC-7V"
VERVALREDEN = f"samenvatting {GEHEIM} klopte niet"


@pytest.fixture
def vervallen(beheerder, kmi_gebruiker):
    """JBN with an audit and a certificaatbesluit, both declared void with a reason that quotes a secret."""
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    audit = maak.audit(kmi_gebruiker, gi, D(2024, 11, 4), D(2024, 11, 6), samenvatting=f"samenvatting {GEHEIM}")
    besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 12, 16), motivering_openbaar="Openbaar")
    audit = audit_laten_vervallen(actor=kmi_gebruiker, audit=audit, reden=VERVALREDEN)
    besluit = certificaatbesluit_laten_vervallen(actor=kmi_gebruiker, besluit=besluit, reden=VERVALREDEN)
    return {"audits": audit, "certificaatbesluiten": besluit}


def _lezer(request, rol):
    return None if rol == "publiek" else request.getfixturevalue(f"{rol}_gebruiker")


def _api_antwoorden(lezer, records) -> list:
    """Every API read that shows the void records: list (also filtered on vervallen), detail, tijdlijn, feed."""
    api = client_voor(lezer)
    antwoorden = []
    for resource, record in records.items():
        antwoorden += [
            api.get(f"/api/v1/{resource}"),
            api.get(f"/api/v1/{resource}?vervallen=true"),
            api.get(f"/api/v1/{resource}/{record.pk}"),
        ]
    antwoorden += [api.get("/api/v1/instellingen/JBN/tijdlijn?van=2024-01-01&tot=2025-12-31"), api.get("/api/v1/wijzigingen")]
    for antwoord in antwoorden:
        assert antwoord.status_code == 200, (antwoord.request["PATH_INFO"], antwoord.content[:300])
    return antwoorden


@pytest.mark.parametrize("rol", ["publiek", "ministerie"])
def test_wie_geen_vertrouwelijke_velden_mag_lezen_leest_de_vervalreden_nergens_in_de_api(request, vervallen, rol):
    lezer = _lezer(request, rol)
    for antwoord in _api_antwoorden(lezer, vervallen):
        assert GEHEIM.encode() not in antwoord.content, antwoord.request["PATH_INFO"]
        if antwoord.request["PATH_INFO"] != "/api/v1/wijzigingen":  # the feed also holds the GI, which has no secret
            assert b'"vervalreden"' not in antwoord.content, antwoord.request["PATH_INFO"]  # absent, also as a key
    wijzigingen = client_voor(lezer).get("/api/v1/wijzigingen").json()["results"]
    assert [w["resource"] for w in wijzigingen if w["type"] == "update"] == ["audits", "certificaatbesluiten"]
    assert all("vervalreden" not in w["gegevens"] for w in wijzigingen if w["resource"] != "instellingen")
    for resource, record in vervallen.items():
        detail = client_voor(lezer).get(f"/api/v1/{resource}/{record.pk}").json()
        assert detail["vervallen"] is True  # that the record is void stays public


@pytest.mark.parametrize("rol", ["kmi", "rva"])
def test_lezers_van_de_vertrouwelijke_velden_lezen_de_vervalreden_overal_in_de_api(request, vervallen, rol):
    lezer = _lezer(request, rol)
    for resource, record in vervallen.items():
        assert client_voor(lezer).get(f"/api/v1/{resource}/{record.pk}").json()["vervalreden"] == VERVALREDEN
    for antwoord in _api_antwoorden(lezer, vervallen):
        if not antwoord.request["PATH_INFO"].endswith("/tijdlijn"):  # the timeline leaves void records out
            assert GEHEIM.encode() in antwoord.content, antwoord.request["PATH_INFO"]
    wijzigingen = client_voor(lezer).get("/api/v1/wijzigingen").json()["results"]
    vervalredenen = [w["gegevens"].get("vervalreden") for w in wijzigingen if w["type"] == "update"]
    assert vervalredenen == [VERVALREDEN, VERVALREDEN]


def test_de_atom_feed_noemt_de_vervalreden_niet(vervallen):
    response = Client().get("/open-data/wijzigingen.atom")
    assert response.status_code == 200
    assert GEHEIM.encode() not in response.content
    assert "van JBN vervallen</title>" in response.content.decode()  # the void itself is a public change


def test_openbare_paginas_en_open_data_noemen_de_vervalreden_niet(vervallen):
    for url in ("/", "/instellingen/JBN", "/open-data/registraties.csv", "/open-data/registraties.json"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert GEHEIM.encode() not in response.content, url


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _admin_paginas(records) -> list[str]:
    paginas = []
    for pad, record in (("certification/audit", records["audits"]), ("certification/certificaatbesluit", records["certificaatbesluiten"])):
        laatste = record.history.latest("history_id").history_id
        paginas += [
            f"/admin/{pad}/", f"/admin/{pad}/{record.pk}/change/", f"/admin/{pad}/{record.pk}/history/",
            f"/admin/{pad}/{record.pk}/history/{laatste}/",
        ]
    return paginas


def test_de_admin_toont_de_ministerie_de_vervalreden_niet(vervallen, ministerie_gebruiker):
    client = _admin(ministerie_gebruiker)
    for url in _admin_paginas(vervallen):
        response = client.get(url)
        assert response.status_code == 200, url
        assert GEHEIM.encode() not in response.content, url


@pytest.mark.parametrize("rol", ["kmi", "rva"])
def test_de_admin_toont_lezers_de_vervalreden(request, vervallen, rol):
    client = _admin(_lezer(request, rol))
    for url in _admin_paginas(vervallen):
        if "/history/" not in url and "/change/" not in url:
            continue  # the lists show no vervalreden to anyone
        response = client.get(url)
        assert response.status_code == 200, url
        assert GEHEIM.encode() in response.content, url


def test_de_vervalreden_volgt_dezelfde_regel_als_de_reden_van_een_wijziging(
    vervallen, kmi_gebruiker, rva_gebruiker, inspecteur, beheerder, ministerie_gebruiker
):
    from django.contrib.auth.models import AnonymousUser

    from certification.models import Audit, Certificaatbesluit
    from register.models import Instelling

    for lezer in (kmi_gebruiker, rva_gebruiker, inspecteur, beheerder, ministerie_gebruiker, AnonymousUser()):
        for model in (Audit, Certificaatbesluit, Instelling):
            verborgen = "vervalreden" in vertrouwelijkheid.verborgen_velden(lezer, model)
            assert verborgen == (not vertrouwelijkheid.reden_zichtbaar(lezer, model)), (lezer, model)
    assert "vervalreden" not in vertrouwelijkheid.verborgen_velden(AnonymousUser(), Instelling)  # no confidential field


def test_openapi_zegt_dat_de_vervalreden_kan_ontbreken(db):
    schemas = client_voor().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for naam in ("Audit", "Certificaatbesluit"):
        veld = schemas[naam]["properties"]["vervalreden"]
        assert "ontbreekt" in veld["description"], naam
        assert "vervalreden" not in schemas[naam].get("required", []), naam
