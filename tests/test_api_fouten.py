"""Bad input gives problem+json with a Dutch reason per invalid field, never a 500, and changes nothing."""

import pytest

from certification.models import Audit, Certificaatbesluit
from supervision.models import Inspectieonderzoek, Oordeel, Toezichtbesluit
from tests.test_api_basis import client_voor, is_problem, wereld

BESLUIT = {"instelling": "JBN", "status": "volledig", "besluitdatum": "2026-01-01", "ingangsdatum": "2026-01-01", "bron": "t",
           "reikwijdte": "beide"}
ONDERZOEK = {
    "instellingen": [{"instelling": "JBN"}], "soort": "regulier", "door": "IGJ", "rapportdatum": "2025-10-01", "titel": "Rapport", "bron": "t",
}


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    return wereld(beheerder, kmi_gebruiker, inspecteur)


def _stand():
    modellen = (Audit, Certificaatbesluit, Toezichtbesluit, Inspectieonderzoek, Oordeel)
    return [(m.objects.count(), m.history.count()) for m in modellen]


@pytest.mark.parametrize(
    "url, body, velden",
    [
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "besluitdatum": "2025-02-30"}, {"besluitdatum"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "ingangsdatum": 20260101, "status": "super"}, {"ingangsdatum", "status"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "instelling": "ONBEKEND"}, {"instelling"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "instelling": ["JBN"], "audits": ["x"]}, {"instelling", "audits"}),
        ("/api/v1/certificaatbesluiten", {"status": "volledig"}, {"instelling", "reikwijdte", "besluitdatum", "ingangsdatum", "bron"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "geldig_tot": "2027-01-01"}, {"geldig_tot"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "ingangsdatum": "2024-12-16"}, {"ingangsdatum"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "geldigTot": "2025-12-31"}, {"geldigTot"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "geldigTot": "2029-01-02"}, {"geldigTot"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "status": "overbrugging"}, {"geldigTot"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "status": "ingetrokken", "geldigTot": "2026-06-01"}, {"geldigTot"}),
        ("/api/v1/certificaatbesluiten", ["geen", "object"], {"nonFieldErrors"}),
        ("/api/v1/certificaatbesluiten", {**BESLUIT, "bron": 12, "kenmerk": True, "reden": 0}, {"bron", "kenmerk", "reden"}),
        ("/api/v1/audits", {"instelling": "JBN", "soort": "extra", "startdatum": "2025-05-02", "einddatum": "2025-05-01",
                            "bron": "t", "aantalAfwijkingen": "veel"}, {"aantalAfwijkingen"}),
        ("/api/v1/audits", {"instelling": "JBN", "soort": "extra", "startdatum": "2025-05-02", "einddatum": "2025-05-01",
                            "bron": "t", "aantalAfwijkingen": -1}, {"aantalAfwijkingen"}),
        ("/api/v1/audits", {"instelling": "JBN", "soort": "extra", "startdatum": "2025-05-02", "einddatum": "2025-05-01",
                            "bron": "t"}, {"einddatum"}),
        ("/api/v1/inspectieonderzoeken", {**ONDERZOEK, "oordelen": [{"thema": "goed_bestuur", "waarde": "voldoende"},
                                                                   {"thema": "goed_bestuur", "waarde": "onvoldoende"}]},
         {"oordelen"}),
        ("/api/v1/inspectieonderzoeken", {**ONDERZOEK, "oordelen": [{"thema": "bestaat_niet", "waarde": "prima"}]},
         {"oordelen.0.thema", "oordelen.0.waarde"}),
        ("/api/v1/inspectieonderzoeken", {**ONDERZOEK, "oordelen": "goed"}, {"oordelen"}),
        ("/api/v1/inspectieonderzoeken", {**ONDERZOEK, "bezoekVan": "2025-11-01"}, {"rapportdatum"}),
        ("/api/v1/toezichtbesluiten", {"instelling": "JBN", "niveau": "verscherpt", "door": "IGJ",
                                        "besluitdatum": "2025-07-24", "ingangsdatum": "2025-07-24", "bron": "t"},
         {"ingangsdatum"}),
    ],
)
def test_ongeldige_invoer_geeft_invalid_params_en_verandert_niets(
    register, kmi_gebruiker, inspecteur, url, body, velden
):
    actor = kmi_gebruiker if "certificaat" in url or "audits" in url else inspecteur
    voor = _stand()
    response = client_voor(actor).post(url, body, format="json")
    probleem = is_problem(response, 400)
    assert velden <= {p["name"] for p in probleem["invalidParams"]}, probleem
    for param in probleem["invalidParams"]:
        assert param["reason"] and param["code"]
    assert _stand() == voor


def test_onbekend_veld_bij_vervallen(register, kmi_gebruiker):
    voor = _stand()
    url = f"/api/v1/audits/{register['audits']}/vervallen"
    body = is_problem(client_voor(kmi_gebruiker).post(url, {"reden": "r", "datum": "x"}, format="json"), 400)
    assert body["invalidParams"][0]["name"] == "datum"
    assert _stand() == voor


def test_kapotte_json(register, kmi_gebruiker):
    voor = _stand()
    response = client_voor(kmi_gebruiker).post(
        "/api/v1/certificaatbesluiten", '{"instelling": "JBN",', content_type="application/json"
    )
    body = is_problem(response, 400)
    assert body["invalidParams"][0]["name"] == "body"
    assert _stand() == voor


def test_ander_mediatype_geeft_415(register, kmi_gebruiker):
    voor = _stand()
    response = client_voor(kmi_gebruiker).post("/api/v1/audits", "instelling=JBN", content_type="text/plain")
    is_problem(response, 415)
    assert _stand() == voor


def test_correctie_met_regelovertreding_verandert_niets(register, kmi_gebruiker):
    voor = _stand()
    url = f"/api/v1/certificaatbesluiten/{register['certificaatbesluiten']}"
    body = is_problem(client_voor(kmi_gebruiker).patch(url, {"geldigTot": "2024-01-01", "reden": "r"}, format="json"), 400)
    assert body["invalidParams"][0]["name"] == "geldigTot"
    assert _stand() == voor


def test_correctie_van_oordelen_is_een_geheel(register, inspecteur):
    voor = _stand()
    url = f"/api/v1/inspectieonderzoeken/{register['inspectieonderzoeken']}"
    body = {"titel": "Nieuw", "reden": "r", "oordelen": [{"thema": "passende_hulp", "waarde": "voldoende"},
                                                        {"thema": "passende_hulp", "waarde": "onvoldoende"}]}
    is_problem(client_voor(inspecteur).patch(url, body, format="json"), 400)
    assert _stand() == voor
    assert Inspectieonderzoek.objects.get().titel != "Nieuw"


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/audits/999999", 404),
        ("/api/v1/audits/abc", 404),
        ("/api/v1/instellingen/XYZ", 404),
        ("/api/v1/instellingen/%00", 400),
        ("/api/v1/instellingen/J%0AB", 404),
        ("/api/v1/themas/%00", 400),
        ("/api/v1/audits/%00", 400),
        ("/api/v1/audits?instelling=%00", 400),
        ("/api/v1/instellingen/XYZ/tijdlijn", 404),
        ("/api/v1/instellingen/JBN/status?datum=2025-02-30", 400),
        ("/api/v1/instellingen/JBN/tijdlijn?van=2025-12-01&tot=2025-01-01", 400),
        ("/api/v1/certificaatbesluiten?ingangsdatumVanaf=gisteren", 400),
        ("/api/v1/toezichtbesluiten?niveau=streng", 400),
        ("/api/v1/wijzigingen?sinds=morgen", 400),
        ("/api/v1/audits?page=999", 404),
        ("/api/v1/nergens", 404),
        ("/api/v1/audits?vervallen=null", 400),
        ("/api/v1/themas?pageSize=0", 400),
        ("/api/v1/themas?page=-1", 400),
    ],
)
def test_ongeldige_vragen(register, url, status):
    body = is_problem(client_voor().get(url), status)
    if status == 400:
        assert body["invalidParams"]


def test_niet_toegestane_methode(register, kmi_gebruiker):
    response = client_voor(kmi_gebruiker).put(
        f"/api/v1/certificaatbesluiten/{register['certificaatbesluiten']}", {}, format="json"
    )
    is_problem(response, 405)
    assert "PATCH" in response["Allow"]


@pytest.mark.parametrize(
    ("body", "naam", "reden"),
    [
        ({**BESLUIT, "instelling": "ONBEKEND"}, "instelling", "Er is geen instelling met afkorting 'ONBEKEND'."),
        ({**BESLUIT, "audits": [9999]}, "audits", "Er is geen audit met id 9999."),
        ({**BESLUIT, "audits": ["drie"]}, "audits", "Geef het id van een audit als geheel getal."),
    ],
)
def test_onbekende_verwijzing_noemt_wat_er_niet_is(register, kmi_gebruiker, body, naam, reden):
    voor = _stand()
    probleem = is_problem(client_voor(kmi_gebruiker).post("/api/v1/certificaatbesluiten", body, format="json"), 400)
    assert [(p["name"], p["reason"].split(" De ")[0]) for p in probleem["invalidParams"]] == [(naam, reden)]
    assert _stand() == voor


def test_onbekend_thema_in_oordeel(register, inspecteur):
    voor = _stand()
    body = {**ONDERZOEK, "oordelen": [{"thema": "bestaat_niet", "waarde": "voldoende"}]}
    probleem = is_problem(client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", body, format="json"), 400)
    assert probleem["invalidParams"][0]["name"] == "oordelen.0.thema"
    assert probleem["invalidParams"][0]["reason"].startswith("Er is geen thema met code 'bestaat_niet'.")
    assert _stand() == voor
