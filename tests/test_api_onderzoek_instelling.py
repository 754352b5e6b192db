"""The deprecated field ``instelling`` of /api/v1/inspectieonderzoeken (README, API), kept for clients from before
reports on several GI's: read, the afkorting of the one GI, null for a report on several; written, one afkorting
stands for ``instellingen: [that]``; both with a different content is a 400 problem+json in Dutch. The OpenAPI
document marks it deprecated."""

import datetime as dt

import pytest

from supervision import services as inspecties
from supervision.models import Inspectieonderzoek
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date
pytestmark = pytest.mark.django_db
RAPPORT = {"soort": "thematisch", "door": "IGJ", "rapportdatum": "2025-09-25", "titel": "Rapport", "bron": "b"}


@pytest.fixture
def gi_s(beheerder):
    return [maak.instelling(beheerder, a) for a in ("AAA", "BBB")]


def _onderzoek(inspecteur, instellingen, titel):
    return inspecties.inspectieonderzoek_registreren(
        actor=inspecteur, soort="thematisch", door="IGJ", rapportdatum=D(2025, 9, 25), titel=titel, bron="b",
        instellingen=instellingen,
    )


def test_lezen_geeft_de_ene_instelling_en_null_bij_meer(inspecteur, gi_s):
    een = _onderzoek(inspecteur, gi_s[:1], "Over AAA")
    meer = _onderzoek(inspecteur, gi_s, "Over AAA en BBB")
    api = client_voor(inspecteur)
    assert api.get(f"/api/v1/inspectieonderzoeken/{een.pk}").json()["instelling"] == "AAA"
    body = api.get(f"/api/v1/inspectieonderzoeken/{meer.pk}").json()
    assert "instelling" in body and body["instelling"] is None
    assert [i["instelling"] for i in body["instellingen"]] == ["AAA", "BBB"]
    lijst = {r["titel"]: r["instelling"] for r in client_voor().get("/api/v1/inspectieonderzoeken").json()["results"]}
    assert lijst == {"Over AAA": "AAA", "Over AAA en BBB": None}


def test_schrijven_met_alleen_instelling_is_een_rapport_over_die_ene(inspecteur, gi_s):
    api = client_voor(inspecteur)
    antwoord = api.post("/api/v1/inspectieonderzoeken", {
        **RAPPORT, "instelling": "BBB",
        "oordelen": [{"thema": "goed_bestuur", "waarde": "onvoldoende"}],
    }, format="json")
    assert antwoord.status_code == 201, antwoord.content
    body = antwoord.json()
    assert body["instelling"] == "BBB"
    assert [(i["instelling"], i["zienswijze"]) for i in body["instellingen"]] == [("BBB", "")]
    onderzoek = Inspectieonderzoek.objects.get()
    assert [o.instelling.afkorting for o in onderzoek.oordelen.all()] == ["BBB"]
    # PATCH with the alias: the report now concerns that one GI (as instellingen: [AAA] would)
    nieuw = _onderzoek(inspecteur, gi_s[:1], "Tweede")
    patch = api.patch(f"/api/v1/inspectieonderzoeken/{nieuw.pk}", {"instelling": "BBB", "reden": "andere GI"}, format="json")
    assert patch.status_code == 200, patch.content
    assert [k.instelling.afkorting for k in nieuw.onderzochte_instellingen.all()] == ["BBB"]
    # what a read gives back of a report on several GI's (instelling null) can be sent back unchanged
    meer = _onderzoek(inspecteur, gi_s, "Meer")
    terug = api.get(f"/api/v1/inspectieonderzoeken/{meer.pk}").json()
    terug = {k: terug[k] for k in ("instelling", "instellingen", "titel")}
    assert api.patch(f"/api/v1/inspectieonderzoeken/{meer.pk}", {**terug, "reden": "r"}, format="json").status_code == 200


def test_instelling_en_instellingen_die_elkaar_tegenspreken_geven_400(inspecteur, gi_s):
    api = client_voor(inspecteur)
    antwoord = api.post("/api/v1/inspectieonderzoeken", {
        **RAPPORT, "instelling": "AAA", "instellingen": [{"instelling": "AAA"}, {"instelling": "BBB"}],
    }, format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/problem+json")
    [param] = antwoord.json()["invalidParams"]
    assert param["name"] == "instelling"
    assert "spreken elkaar tegen" in param["reason"] and "AAA, BBB" in param["reason"]
    assert not Inspectieonderzoek.objects.exists()
    # both, saying the same: accepted
    gelijk = api.post("/api/v1/inspectieonderzoeken", {
        **RAPPORT, "instelling": "AAA", "instellingen": [{"instelling": "AAA", "zienswijze": "Eens.", "zienswijzeBron": "b"}],
    }, format="json")
    assert gelijk.status_code == 201, gelijk.content


def test_een_onbekende_instelling_in_de_alias_wordt_een_keer_genoemd(inspecteur, gi_s):
    antwoord = client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", {**RAPPORT, "instelling": "XYZ"}, format="json")
    assert antwoord.status_code == 400
    params = antwoord.json()["invalidParams"]
    assert [p["name"] for p in params] == ["instelling"]
    assert "geen instelling met afkorting 'XYZ'" in params[0]["reason"]


def test_de_alias_staat_als_verouderd_in_het_openapi_document(db):
    document = client_voor().get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    veld = schemas["Inspectieonderzoek"]["properties"]["instelling"]
    assert veld["deprecated"] is True and veld["nullable"] is True
    assert "Verouderd" in veld["description"] and "null" in veld["description"]
    assert "instelling" not in schemas["Inspectieonderzoek"].get("required", [])
