"""What the KMI's and the inspecties' own systems do with a token and the OpenAPI document, and the
change feed they follow."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import maak
from tests.test_api_basis import client_voor, wereld


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


def _pad(schema, operatie_id):
    """Method and URL path of an operation, as a client builds them: the server's path plus the operation's."""
    basis = urlsplit(schema["servers"][0]["url"]).path
    for pad, operaties in schema["paths"].items():
        for methode, operatie in operaties.items():
            if operatie["operationId"] == operatie_id:
                return methode, basis + pad
    raise AssertionError(f"operatie {operatie_id} ontbreekt")


def test_kmi_systeem_registreert_audit_en_besluit_en_leest_status(jbn, beheerder, kmi_gebruiker):
    sleutel = client_voor(beheerder).post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json").json()["token"]
    kmi = client_voor()
    kmi.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    schema = kmi.get("/api/v1/openapi.json").json()

    methode, pad = _pad(schema, "audits_create")
    audit = kmi.generic(methode.upper(), pad, data=(
        '{"instelling": "JBN", "soort": "hercertificering", "startdatum": "2025-09-01", "einddatum": "2025-09-03",'
        ' "aantalKritischeAfwijkingen": 0, "aantalAfwijkingen": 2, "samenvatting": "Kritische afwijkingen opgelost.",'
        ' "rapportkenmerk": "KMI-R-2025-77", "bron": "KMI-auditrapport 2025-77"}'
    ), content_type="application/json")
    assert audit.status_code == 201, audit.content
    audit_id = audit.json()["id"]

    methode, pad = _pad(schema, "certificaatbesluiten_create")
    besluit = kmi.post(pad, {
        "instelling": "JBN", "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
        "audits": [audit_id], "motiveringOpenbaar": "JBN voldoet weer aan het normenkader.", "reikwijdte": "beide",
        "bron": "skipr.nl, Keurmerkinstituut: Jeugdbescherming Noord voldoet weer aan regels",
    }, format="json")
    assert besluit.status_code == 201, besluit.content
    assert besluit.json()["geldigTot"] == "2028-09-15"
    assert besluit.json()["audits"] == [audit_id]

    methode, pad = _pad(schema, "instellingen_status_retrieve")
    status = kmi.get(pad.replace("{afkorting}", "JBN"), {"datum": "2025-10-01"}).json()
    assert status["certificaat"] == {"status": "volledig", "besluitId": besluit.json()["id"], "geldigTot": "2028-09-15",
                                     "geldigTotOnbekend": False, "reikwijdte": "beide"}
    assert client_voor().get("/api/v1/instellingen/JBN/status?datum=2025-09-15").json()["certificaat"]["status"] == "geen"


def test_inspectie_systeem_registreert_rapport_met_oordelen_en_toezichtbesluit(jbn, beheerder, inspecteur):
    sleutel = client_voor(beheerder).post("/api/v1/tokens", {"gebruiker": inspecteur.username}, format="json").json()["token"]
    inspectie = client_voor()
    inspectie.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    schema = inspectie.get("/api/v1/openapi.json").json()

    _, pad = _pad(schema, "inspectieonderzoeken_create")
    rapport = inspectie.post(pad, {
        "instellingen": [{"instelling": "JBN"}], "soort": "verdiepend", "door": "IGJ_IJenV", "bezoekVan": "2025-03-01", "bezoekTot": "2025-03-15",
        "rapportdatum": "2025-07-24", "titel": "Verdiepend toezicht Jeugdbescherming Noord", "oorzaken": "deels",
        "vertrouwenVerbeterkracht": "nee", "bron": "westerwoldeactueel.nl, 2025-07-24",
        "oordelen": [
            {"thema": "goed_bestuur", "waarde": "grotendeels_onvoldoende", "toelichting": "Sturing schiet tekort."},
            {"thema": "passende_hulp", "waarde": "onvoldoende"},
        ],
    }, format="json")
    assert rapport.status_code == 201, rapport.content
    assert [(o["thema"], o["waarde"]) for o in rapport.json()["oordelen"]] == [
        ("goed_bestuur", "grotendeels_onvoldoende"), ("passende_hulp", "onvoldoende"),
    ]

    _, pad = _pad(schema, "toezichtbesluiten_create")
    besluit = inspectie.post(pad, {
        "instelling": "JBN", "niveau": "verscherpt", "door": "IGJ_IJenV", "besluitdatum": "2025-07-24",
        "ingangsdatum": "2025-07-24", "voorzieneEinddatum": "2026-02-23", "aanleiding": "Rapport van 24 juli 2025",
        "bron": "westerwoldeactueel.nl, 2025-07-24",
    }, format="json")
    assert besluit.status_code == 201, besluit.content

    correctie = inspectie.patch(f"/api/v1/inspectieonderzoeken/{rapport.json()['id']}", {
        "reden": "Oordeel passende hulp verkeerd overgenomen",
        "oordelen": [{"thema": "passende_hulp", "waarde": "grotendeels_onvoldoende"}],
    }, format="json")
    assert correctie.status_code == 200, correctie.content
    assert {o["thema"]: o["waarde"] for o in correctie.json()["oordelen"]}["passende_hulp"] == "grotendeels_onvoldoende"

    status = inspectie.get("/api/v1/instellingen/JBN/status", {"datum": "2025-08-01"}).json()
    assert status["toezicht"]["niveau"] == "verscherpt"
    assert status["toezicht"]["voorzieneEinddatum"] == "2026-02-23"


def test_wijzigingen_sinds_een_tijdstip(jbn, kmi_gebruiker):
    kmi = client_voor(kmi_gebruiker)
    besluit = kmi.post("/api/v1/certificaatbesluiten", {
        "instelling": "JBN", "status": "overbrugging", "besluitdatum": "2024-12-16", "ingangsdatum": "2024-12-16",
        "geldigTot": "2025-09-15", "bron": "oogtv.nl", "motiveringVertrouwelijk": "intern", "reikwijdte": "beide",
        "afweging": "Het KMI woog de kritische afwijkingen.",  # an overbrugging is always under aanleiding
    }, format="json").json()
    kmi.patch(f"/api/v1/certificaatbesluiten/{besluit['id']}", {"kenmerk": "KMI-2024-12", "reden": "Kenmerk aangevuld"}, format="json")

    alles = client_voor().get("/api/v1/wijzigingen").json()["results"]
    eigen = [w for w in alles if w["resource"] == "certificaatbesluiten"]
    assert [w["type"] for w in eigen] == ["create", "update"]
    aanmaak, correctie = eigen
    # The public sees the organisation, not the account (DESIGN.md §7); KMI itself also sees the account.
    assert aanmaak["organisatie"] == "Keurmerkinstituut" and "gebruiker" not in aanmaak and aanmaak["id"] == besluit["id"]
    assert [w["gebruiker"] for w in kmi.get("/api/v1/wijzigingen").json()["results"] if w["resource"] == "certificaatbesluiten"] == [
        kmi_gebruiker.username, kmi_gebruiker.username
    ]
    assert aanmaak["gegevens"]["status"] == "overbrugging" and "motiveringVertrouwelijk" not in aanmaak["gegevens"]
    # The reason of a change to a certificaatbesluit may quote its confidential motivering: KMI sees it, the public not.
    assert correctie["reden"] is None
    assert [w["reden"] for w in kmi.get("/api/v1/wijzigingen").json()["results"] if w["resource"] == "certificaatbesluiten"][-1] == "Kenmerk aangevuld"
    assert correctie["gegevens"] == {"kenmerk": "KMI-2024-12"}
    assert correctie["tijdstip"].endswith("Z")

    assert aanmaak["gegevens"]["instelling"] == "JBN" and "instellingId" not in aanmaak["gegevens"]
    assert aanmaak["gegevens"]["audits"] == []

    sinds = aanmaak["tijdstip"]
    na = client_voor().get("/api/v1/wijzigingen", {"sinds": sinds}).json()["results"]
    assert [(w["type"], w["tijdstip"]) for w in na if w["resource"] == "certificaatbesluiten"] == [("update", correctie["tijdstip"])]
    assert client_voor().get("/api/v1/wijzigingen", {"sinds": "2999-01-01T00:00:00Z"}).json()["count"] == 0


def test_wijzigingen_tonen_gekoppelde_audits_en_thema_codes(jbn, kmi_gebruiker, inspecteur):
    kmi = client_voor(kmi_gebruiker)
    audit = kmi.post("/api/v1/audits", {
        "instelling": "JBN", "soort": "periodiek", "startdatum": "2025-05-12", "einddatum": "2025-05-14", "bron": "t",
    }, format="json").json()
    besluit = kmi.post("/api/v1/certificaatbesluiten", {
        "instelling": "JBN", "status": "volledig", "besluitdatum": "2025-06-02", "ingangsdatum": "2028-01-05",
        "bron": "t", "audits": [audit["id"]], "reikwijdte": "beide",
    }, format="json").json()
    kmi.patch(f"/api/v1/certificaatbesluiten/{besluit['id']}", {"audits": [], "reden": "Verkeerde audit gekoppeld"}, format="json")
    client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", {
        "instellingen": [{"instelling": "JBN"}], "soort": "regulier", "door": "IGJ", "rapportdatum": "2025-10-01", "titel": "Rapport",
        "bron": "t", "oordelen": [{"thema": "goed_bestuur", "waarde": "voldoende"}],
    }, format="json")

    feed = client_voor().get("/api/v1/wijzigingen", {"pageSize": 200}).json()["results"]
    koppelingen = [w["gegevens"]["audits"] for w in feed if w["resource"] == "certificaatbesluiten" and w["id"] == besluit["id"] and "audits" in w["gegevens"]]
    # registered with its audit in one version, then the audit taken off
    assert koppelingen == [[audit["id"]], []]
    # Reasons of certificaatbesluit changes are for readers of its confidential fields (DESIGN.md §7).
    kmi_feed = kmi.get("/api/v1/wijzigingen", {"pageSize": 200}).json()["results"]
    ontkoppeld = [w for w in kmi_feed if w["resource"] == "certificaatbesluiten" and w["reden"] == "Verkeerde audit gekoppeld"]
    assert ontkoppeld[-1]["gegevens"] == {"audits": []}
    oordeel = next(w for w in feed if w["resource"] == "oordelen")
    assert oordeel["gegevens"]["thema"] == "goed_bestuur" and "themaId" not in oordeel["gegevens"]


def test_wijzigingen_vast_aantal_queries_per_pagina(beheerder, kmi_gebruiker, inspecteur):
    wereld(beheerder, kmi_gebruiker, inspecteur)
    client = client_voor(kmi_gebruiker)

    def queries(pagina_grootte):
        with CaptureQueriesContext(connection) as ctx:
            body = client.get("/api/v1/wijzigingen", {"pageSize": pagina_grootte}).json()
        assert len(body["results"]) == min(pagina_grootte, body["count"])
        return len(ctx.captured_queries)

    klein, groot = queries(2), queries(200)
    for i in range(10):
        maak.audit(kmi_gebruiker, maak.instelling(beheerder), dt.date(2025, 1, 1 + i))
    assert queries(200) <= groot + 2 <= 30
    assert klein <= groot


def test_lijst_vast_aantal_queries(beheerder, kmi_gebruiker, inspecteur):
    wereld(beheerder, kmi_gebruiker, inspecteur)
    client = client_voor()

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/inspectieonderzoeken").status_code == 200
        return len(ctx.captured_queries)

    voor = queries()
    for i in range(5):
        maak.onderzoek(inspecteur, maak.instelling(beheerder), dt.date(2025, 2, 1 + i), {"goed_bestuur": "voldoende"})
    assert queries() == voor
