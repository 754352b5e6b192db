"""Open data (DESIGN.md §6): the public register downloads as CSV and JSON with a stable, documented column list,
public fields only and CSV cells that never run as a formula; its changes as an Atom feed that shows neither a
confidential value nor an edit of confidential fields only."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from certification.services import audit_corrigeren, certificaatbesluit_corrigeren
from opendata import exports
from register import vertrouwelijkheid
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db
GEHEIM = ("GEHEIME-SAMENVATTING-71", "GEHEIM-KENMERK-72", "GEHEIME-MOTIVERING-73")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    audit = maak.audit(kmi_gebruiker, gi, D(2024, 12, 1), samenvatting=GEHEIM[0], rapportkenmerk=GEHEIM[1],
                       aantal_kritische_afwijkingen=0, aantal_afwijkingen=2)
    besluit = maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), audits=[audit],
                               motivering_openbaar="=HYPERLINK(\"http://x\")", motivering_vertrouwelijk=GEHEIM[2])
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
    # after the volledig certificaat, so that no besluit here is taken under aanleiding (no afweging needed)
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 9, 24), D(2026, 2, 23))
    maak.onderzoek(inspecteur, gi, D(2025, 9, 24), {"goed_bestuur": "grotendeels_onvoldoende"}, url="https://example.org/r")
    return {"gi": gi, "audit": audit, "besluit": besluit}


def lees_csv(response) -> list[dict]:
    tekst = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(tekst), delimiter=";"))


def test_de_kolommen_zijn_vast_en_bevatten_geen_vertrouwelijk_veld():
    assert exports.STAND_KOLOMMEN == (
        "afkorting", "naam", "soort", "datum", "certificaatstatus", "certificaat_sinds", "certificaat_geldig_tot",
        "toezichtniveau", "toezicht_sinds", "toezicht_voorziene_einddatum", "toezicht_termijn_verstreken",
        "certificaat_datumkwaliteit", "toezicht_datumkwaliteit",
        "certificering_vanaf", "toezicht_vanaf", "nog_niets_vastgelegd",
        "certificaat_reikwijdte", "jeugdbescherming_status", "jeugdreclassering_status",
    )
    # Version 2 added the datumkwaliteit at the end, version 3 the reikwijdte, bezwaar and aanvraag, the GI's of a
    # report, the oorzaken and the zienswijze; the columns of earlier versions keep their place.
    assert exports.REGISTRATIE_KOLOMMEN[-12:] == (
        "datum_bij_benadering", "onderzoek_id", "datumkwaliteit", "datum_toelichting",
        "reikwijdte", "certificaatbesluit_id", "uitkomst", "datum_uitkomst",
        "instellingen", "oorzaken", "zienswijze", "zienswijze_bron",
    )
    assert exports.REGISTRATIE_KOLOMMEN[:5] == ("soort", "id", "instelling", "instelling_naam", "datum")
    for model, velden in exports.BRONVELDEN.items():
        assert set(velden) <= set(exports.REGISTRATIE_KOLOMMEN), model
        for pad in velden.values():
            assert not vertrouwelijkheid.pad_verborgen(exports.PUBLIEK, model, pad), (model, pad)


def test_stand_als_csv_en_json_zonder_inloggen(register):
    client = Client()
    response = client.get("/open-data/stand.csv?datum=2025-10-01")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="gi-register-stand-2025-10-01.csv"' in response["Content-Disposition"]
    [rij] = lees_csv(response)
    assert list(rij) == list(exports.STAND_KOLOMMEN)
    assert rij["certificaatstatus"] == "volledig" and rij["certificaat_sinds"] == "2025-09-16"
    assert rij["certificaat_geldig_tot"] == "2028-09-15"
    assert rij["toezichtniveau"] == "verscherpt" and rij["toezicht_termijn_verstreken"] == "nee"
    document = client.get("/open-data/stand.json?datum=2025-10-01").json()
    assert document["kolommen"] == list(exports.STAND_KOLOMMEN) and document["datum"] == "2025-10-01"
    assert document["rijen"][0]["toezicht_sinds"] == "2025-09-24"


def test_stand_noemt_de_gegevens_vanaf_per_kant(register, beheerder):
    from register.services import instelling_wijzigen

    instelling_wijzigen(actor=beheerder, instelling=register["gi"], reden="per kant", certificering_vanaf=dt.date(2024, 1, 1),
                        toezicht_vanaf=dt.date(2025, 10, 2))
    [rij] = lees_csv(Client().get("/open-data/stand.csv?datum=2025-10-01"))
    assert (rij["certificering_vanaf"], rij["toezicht_vanaf"], rij["nog_niets_vastgelegd"]) == ("2024-01-01", "2025-10-02", "nee")
    assert (rij["certificaatstatus"], rij["toezichtniveau"]) == ("volledig", "onbekend")
    document = Client().get("/open-data/stand.json?datum=2025-10-01").json()
    assert document["schemaVersie"] == 3 and document["rijen"][0]["toezicht_vanaf"] == "2025-10-02"


def test_registraties_openbaar_en_veilig_in_een_spreadsheet(register):
    client = Client()
    csv_response = client.get("/open-data/registraties.csv")
    json_response = client.get("/open-data/registraties.json")
    for response in (csv_response, json_response):
        assert response.status_code == 200
        for geheim in GEHEIM:
            assert geheim not in response.content.decode("utf-8-sig")
    rijen = lees_csv(csv_response)
    assert {r["soort"] for r in rijen} == {"certificaatbesluit", "audit", "toezichtbesluit", "inspectieonderzoek", "oordeel"}
    overbrugging = next(r for r in rijen if r["waarde"] == "overbrugging")
    assert overbrugging["omschrijving"].startswith("'=HYPERLINK")  # neutralised: shown as text, never run
    audit = next(r for r in rijen if r["soort"] == "audit")
    # the audit uitkomst is confidential: open data has no column for it
    assert audit["instelling"] == "JBN" and "aantal_afwijkingen" not in audit and "aantal_kritische_afwijkingen" not in audit
    oordeel = next(r for r in rijen if r["soort"] == "oordeel")
    assert oordeel["thema"] == "goed_bestuur" and oordeel["url"] == "https://example.org/r"
    document = json_response.json()
    assert document["kolommen"] == list(exports.REGISTRATIE_KOLOMMEN)
    assert all(list(r) == list(exports.REGISTRATIE_KOLOMMEN) for r in document["rijen"])


def test_een_vervallen_registratie_staat_er_niet_in(register, kmi_gebruiker):
    from certification.services import certificaatbesluit_laten_vervallen

    certificaatbesluit_laten_vervallen(actor=kmi_gebruiker, besluit=register["besluit"], reden="dubbel")
    rijen = lees_csv(Client().get("/open-data/registraties.csv"))
    assert register["besluit"].pk not in {int(r["id"]) for r in rijen if r["soort"] == "certificaatbesluit"}


def test_onbekende_formaten_en_datums(register):
    client = Client()
    assert client.get("/open-data/stand.xml").status_code == 404
    response = client.get("/open-data/stand.csv?datum=2025-02-30")
    assert response.status_code == 400 and "geen bestaande datum" in response.content.decode()


def atom_items(client) -> tuple[list[dict], str]:
    response = client.get("/open-data/wijzigingen.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    wortel = ET.fromstring(response.content)
    return [
        {"titel": e.find(f"{ATOM}title").text, "inhoud": (e.find(f"{ATOM}summary").text or ""), "id": e.find(f"{ATOM}id").text,
         "link": e.find(f"{ATOM}link").get("href")}
        for e in wortel.findall(f"{ATOM}entry")
    ], response.content.decode()


def test_atom_feed_van_openbare_wijzigingen(register, kmi_gebruiker):
    client = Client()
    items, tekst = atom_items(client)
    assert items and any(i["titel"].startswith("Keurmerkinstituut: volledig certificaat voor JBN") for i in items)
    for geheim in GEHEIM:
        assert geheim not in tekst
    voor = len(items)
    # An edit of confidential fields only is not a public change: the feed does not grow and shows nothing of it.
    audit_corrigeren(actor=kmi_gebruiker, audit=register["audit"], reden="typfout", samenvatting="NIEUW-GEHEIM-74")
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=register["besluit"], reden="aanvulling",
                                  motivering_vertrouwelijk="NIEUW-GEHEIM-75")
    items, tekst = atom_items(client)
    assert len(items) == voor
    assert "NIEUW-GEHEIM" not in tekst and "typfout" not in tekst and "aanvulling" not in tekst
    # A public edit is in the feed, newest first, without the reason (it may quote a confidential field).
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=register["besluit"], reden="kenmerk GEHEIM-KENMERK-72",
                                  kenmerk="KMI-B-2024-12")
    items, tekst = atom_items(client)
    assert len(items) == voor + 1 and "KMI-B-2024-12" in items[0]["inhoud"]
    assert "GEHEIM-KENMERK-72" not in tekst


class TestAtomInZinnen:
    """The feed read like a data dump (titles "audits 54 (WSS): nieuw", camelCase key: value pairs with True/False,
    links to the JSON API); one import of 50 rows pushed every other change out of it."""

    def test_titels_zijn_zinnen_en_linken_naar_de_pagina_van_de_gi(self, register):
        items, _ = atom_items(Client())
        titels = [i["titel"] for i in items]
        assert "Keurmerkinstituut: volledig certificaat voor JBN per 16 september 2025" in titels
        assert "Inspecties (IGJ / Inspectie JenV): verscherpt toezicht voor JBN per 24 september 2025" in titels
        assert any(t.startswith("Inspecties (IGJ / Inspectie JenV): rapport") and "over JBN, 24 september 2025" in t for t in titels)
        for item in items:
            if "JBN" in item["titel"]:
                assert item["link"].endswith("/instellingen/JBN"), item
            assert "/api/v1/" not in item["link"]

    def test_de_samenvatting_is_leesbare_html(self, register):
        items, _ = atom_items(Client())
        besluit = next(i for i in items if i["titel"] == "Keurmerkinstituut: volledig certificaat voor JBN per 16 september 2025")
        assert besluit["inhoud"].startswith("<p>Volledig certificaat voor JBN per 16 september 2025.</p><ul><li>")
        assert "<li>Status: volledig certificaat</li>" in besluit["inhoud"]
        for item in items:
            assert "True" not in item["inhoud"] and "False" not in item["inhoud"], item
            assert "ingangsdatum:" not in item["inhoud"] and "geldigTot" not in item["inhoud"], item

    def test_een_reeks_nieuwe_registraties_is_een_bericht(self, register, kmi_gebruiker):
        from certification.services import audit_registreren
        from opendata import feeds

        voor, _ = atom_items(Client())
        for dag in range(feeds.AANTAL + 10):
            audit_registreren(actor=kmi_gebruiker, instelling=register["gi"], soort="extra",
                              startdatum=D(2023, 1, 1) + dt.timedelta(days=dag), einddatum=D(2023, 1, 1) + dt.timedelta(days=dag),
                              bron="import")
        items, _ = atom_items(Client())
        assert items[0]["titel"] == f"Keurmerkinstituut: {feeds.AANTAL + 10} audits vastgelegd (JBN)"
        assert "En nog 40 andere." in items[0]["inhoud"]
        assert [i["titel"] for i in items[1:]] == [i["titel"] for i in voor]  # nothing else pushed out
