"""Confidential certification fields are absent (value and key) for the public and the ministry,
in every list, detail, timeline and change-feed response; present for toezichthouders."""

import json

import pytest

from certification.services import audit_corrigeren
from certification.models import Audit
from tests.test_api_basis import client_voor, wereld

MARKER = "GEHEIM-7f3a9c"
VERTROUWELIJKE_SLEUTELS = {"audits": {"samenvatting", "rapportkenmerk"}, "certificaatbesluiten": {"motiveringVertrouwelijk"}}
TIJDLIJN_RESOURCE = {
    "audit": "audits", "certificaatbesluit": "certificaatbesluiten", "toezichtbesluit": "toezichtbesluiten",
    "handhavingsmaatregel": "handhavingsmaatregelen", "inspectieonderzoek": "inspectieonderzoeken",
}
LIJSTEN = [
    "instellingen", "audits", "certificaatbesluiten", "toezichtbesluiten", "handhavingsmaatregelen",
    "inspectieonderzoeken", "themas", "monitormetingen",
]


@pytest.fixture
def geheim(beheerder, kmi_gebruiker, inspecteur):
    ids = wereld(beheerder, kmi_gebruiker, inspecteur, marker=MARKER)
    audit_corrigeren(
        actor=kmi_gebruiker, audit=Audit.objects.get(pk=ids["audits"]), reden="Samenvatting aangevuld",
        samenvatting=f"{MARKER}-gecorrigeerd",
    )
    return ids


def _alle_antwoorden(client, ids):
    """(soort, body) for every read endpoint; the change feed is read to its last page."""
    antwoorden = []
    for resource in LIJSTEN:
        antwoorden.append((resource, client.get(f"/api/v1/{resource}?pageSize=200").json()["results"]))
        antwoorden.append((resource, [client.get(f"/api/v1/{resource}/{ids[resource]}").json()]))
    tijdlijn = client.get("/api/v1/instellingen/JBN/tijdlijn").json()
    antwoorden.append(("tijdlijn", tijdlijn))
    antwoorden += [(TIJDLIJN_RESOURCE[g["soort"]], [g["gegevens"]]) for g in tijdlijn["gebeurtenissen"]]
    antwoorden.append(("status", client.get("/api/v1/instellingen/JBN/status").json()))
    antwoorden.append(("signalen", client.get("/api/v1/signalen?jaar=2025").json()))
    url = "/api/v1/wijzigingen?pageSize=5"
    while url:
        pagina = client.get(url).json()
        antwoorden.append(("wijzigingen", pagina))
        antwoorden += [(w["resource"], [w["gegevens"]]) for w in pagina["results"]]
        url = pagina["next"]
    return antwoorden


def _sleutels(soort, body):
    return {k for item in body for k in item} if isinstance(body, list) else set()


@pytest.mark.parametrize("rol", ["publiek", "ministerie"])
def test_vertrouwelijk_ontbreekt_voor_publiek_en_ministerie(geheim, ministerie_gebruiker, rol):
    client = client_voor(ministerie_gebruiker if rol == "ministerie" else None)
    antwoorden = _alle_antwoorden(client, geheim)
    assert len(antwoorden) > 20
    for soort, body in antwoorden:
        assert MARKER not in json.dumps(body), soort
        assert not _sleutels(soort, body) & VERTROUWELIJKE_SLEUTELS.get(soort, set()), soort
    tekst = client.get(f"/api/v1/certificaatbesluiten/{geheim['certificaatbesluiten']}").content.decode()
    assert "motiveringVertrouwelijk" not in tekst


@pytest.mark.parametrize("rol", ["kmi", "inspectie", "rva"])
def test_toezichthouders_lezen_vertrouwelijke_velden(geheim, kmi_gebruiker, inspecteur, rva_gebruiker, rol):
    client = client_voor({"kmi": kmi_gebruiker, "inspectie": inspecteur, "rva": rva_gebruiker}[rol])
    antwoorden = dict()
    for soort, body in _alle_antwoorden(client, geheim):
        antwoorden.setdefault(soort, []).append(json.dumps(body))
    for soort in ["audits", "certificaatbesluiten", "tijdlijn", "wijzigingen"]:
        assert MARKER in " ".join(antwoorden[soort]), soort
    audit = client.get(f"/api/v1/audits/{geheim['audits']}").json()
    assert audit["samenvatting"] == f"{MARKER}-gecorrigeerd"
    assert audit["rapportkenmerk"] == f"{MARKER}-kenmerk"
    besluit = client.get(f"/api/v1/certificaatbesluiten/{geheim['certificaatbesluiten']}").json()
    assert besluit["motiveringVertrouwelijk"] == f"{MARKER}-motivering"
