"""API error messages a client can act on: ISO dates, enum values as the API names them, Dutch only, and
every invalidParams entry naming the camelCase field (issue: API conformance)."""

import re

import pytest

from tests import maak
from tests.test_api_basis import client_voor

NL_DATUM = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")
ISO_DATUM = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGELS = re.compile(
    r"\b(Date|Datetime|Must|valid|Ensure|Invalid|Not a|Expected|does not exist|This field|wrong format|"
    r"is not|Incorrect|choice|string|boolean|number|required)\b"
)
CAMEL_PAD = re.compile(r"^(nonFieldErrors|body|[a-z][a-zA-Z0-9]*)(\.(\d+|[a-z][a-zA-Z0-9]*))*$")


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


CERTIFICAAT = {"instelling": "JBN", "status": "volledig", "besluitdatum": "2025-01-01", "ingangsdatum": "2025-01-01",
               "bron": "test", "reikwijdte": "beide"}
TOEZICHT = {"instelling": "JBN", "niveau": "verscherpt", "door": "IGJ", "besluitdatum": "2025-07-24",
            "ingangsdatum": "2025-07-24", "bron": "test"}
ONDERZOEK = {"instellingen": [{"instelling": "JBN"}], "soort": "thematisch", "door": "IGJ", "rapportdatum": "2025-07-24", "titel": "t",
             "bron": "test"}

# (role fixture, resource, body, expected field names in invalidParams)
FOUTE_INVOER = [
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "besluitdatum": "02-04-2025"}, {"besluitdatum"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "ingangsdatum": "2025-13-01"}, {"ingangsdatum"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "status": "overbruggingscertificaat"}, {"status"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "status": "overbrugging"}, {"geldigTot"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "status": "voorlopig", "geldigTot": "2027-04-02"},
     {"geldigTot"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "geldigTot": "2024-12-31"}, {"geldigTot"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "datumBijBenadering": "misschien"}, {"datumBijBenadering"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "audits": "7"}, {"audits"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "audits": [987654]}, {"audits"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "audits": ["x"]}, {"audits"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "instelling": "XYZ"}, {"instelling"}),
    ("kmi_gebruiker", "certificaatbesluiten", {**CERTIFICAAT, "kenmerk": 12}, {"kenmerk"}),
    ("kmi_gebruiker", "certificaatbesluiten", {k: v for k, v in CERTIFICAAT.items() if k != "besluitdatum"},
     {"besluitdatum"}),
    ("kmi_gebruiker", "audits", {"instelling": "JBN", "soort": "periodiek", "startdatum": "2025-03-01",
                                 "einddatum": "2025-02-01", "bron": "t", "aantalAfwijkingen": "veel"},
     {"aantalAfwijkingen"}),
    ("inspecteur", "toezichtbesluiten", {**TOEZICHT, "voorzieneEinddatum": "9999-12-31"}, {"voorzieneEinddatum"}),
    ("inspecteur", "toezichtbesluiten", {**TOEZICHT, "niveau": "verscherpt toezicht"}, {"niveau"}),
    ("inspecteur", "inspectieonderzoeken", {**ONDERZOEK, "rapportdatum": "2099-01-15"}, {"rapportdatum"}),
    ("inspecteur", "inspectieonderzoeken", {**ONDERZOEK, "oordelen": [{"thema": "goed_bestuur", "waarde": "slecht"}]},
     {"oordelen.0.waarde"}),
    ("inspecteur", "inspectieonderzoeken", {**ONDERZOEK, "oordelen": {"thema": "goed_bestuur"}}, {"oordelen"}),
    ("inspecteur", "inspectieonderzoeken", {**ONDERZOEK, "bezoekVan": "2025-08-01"}, {"rapportdatum"}),
    ("beheerder", "monitormetingen", {"peildatum": "2025-10-01", "fte": "veel", "bron": "t"}, {"fte"}),
]


def _redenen(body):
    return [body["detail"], *(p["reason"] for p in body.get("invalidParams", []))]


@pytest.mark.parametrize(("rol", "resource", "invoer", "velden"), FOUTE_INVOER)
def test_foutmeldingen_zijn_bruikbaar_voor_een_client(request, jbn, rol, resource, invoer, velden):
    response = client_voor(request.getfixturevalue(rol)).post(f"/api/v1/{resource}", invoer, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    namen = {p["name"] for p in body["invalidParams"]}
    assert velden <= namen, body
    for param in body["invalidParams"]:
        assert CAMEL_PAD.match(param["name"]), param
    for reden in _redenen(body):
        assert not NL_DATUM.search(reden), reden
        assert not ENGELS.search(reden), reden


def test_datums_in_iso_vorm(jbn, kmi_gebruiker):
    response = client_voor(kmi_gebruiker).post(
        "/api/v1/certificaatbesluiten", {**CERTIFICAAT, "status": "voorlopig", "geldigTot": "2027-04-02"}, format="json"
    )
    assert "2026-12-31" in response.json()["detail"]  # the last allowed day, as the API writes dates


def test_datumformaat_fout_noemt_de_vorm(jbn, kmi_gebruiker):
    response = client_voor(kmi_gebruiker).post(
        "/api/v1/certificaatbesluiten", {**CERTIFICAAT, "besluitdatum": "02-04-2025"}, format="json"
    )
    assert response.json()["invalidParams"][0]["reason"].startswith("Ongeldige datum; gebruik de vorm JJJJ-MM-DD")


def test_enumwaarden_zoals_de_api_ze_noemt(jbn, kmi_gebruiker):
    client = client_voor(kmi_gebruiker)
    # with the KMI's afweging (an overbrugging is always under aanleiding), so geldig tot is the one error
    body = client.post("/api/v1/certificaatbesluiten", {**CERTIFICAAT, "status": "overbrugging", "afweging": "Gewogen."},
                       format="json").json()
    assert "'overbrugging'" in body["detail"] and "overbruggingscertificaat" not in body["detail"]
    body = client.post("/api/v1/certificaatbesluiten", {**CERTIFICAAT, "status": "bla"}, format="json").json()
    assert body["detail"] == (
        "'bla' is geen geldige waarde; kies uit 'volledig', 'voorlopig', 'overbrugging', 'geschorst', 'ingetrokken'."
    )


def test_eigen_melding_van_een_veld_blijft(jbn, kmi_gebruiker):
    body = client_voor(kmi_gebruiker).post(
        "/api/v1/certificaatbesluiten", {**CERTIFICAAT, "instelling": "XYZ"}, format="json"
    ).json()
    assert body["detail"].startswith("Er is geen instelling met afkorting 'XYZ'.")


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/instellingen/JBN/status?datum=31-12-2025", "datum"),
        ("/api/v1/instellingen/JBN/tijdlijn?van=2025-02-30", "van"),
        ("/api/v1/wijzigingen?sinds=gisteren", "sinds"),
        ("/api/v1/signalen?jaar=twintig", "jaar"),
        ("/api/v1/certificaatbesluiten?ingangsdatumVanaf=1-1-2025", "ingangsdatumVanaf"),
        ("/api/v1/certificaatbesluiten?status=bla", "status"),
    ],
)
def test_queryparameters_geven_bruikbare_meldingen(jbn, url, param):
    response = client_voor().get(url)
    assert response.status_code == 400, response.content
    body = response.json()
    assert [p["name"] for p in body["invalidParams"]] == [param]
    for reden in _redenen(body):
        assert not NL_DATUM.search(reden), reden
        assert not ENGELS.search(reden), reden
