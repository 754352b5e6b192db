"""/api/v1/signalen?jaar=: the alignment signals of DESIGN.md §4 per GI."""

import datetime as dt

from tests import maak
from tests.test_api_basis import client_voor, is_problem

D = dt.date


def test_volledig_tijdens_verscherpt_is_niet_in_de_pas(beheerder, kmi_gebruiker, inspecteur):
    jbn = maak.instelling(beheerder, "JBN")
    maak.certificaat(kmi_gebruiker, maak.instelling(beheerder, "JBG"), "volledig", D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 9, 16))
    maak.toezicht(inspecteur, jbn, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))

    body = client_voor().get("/api/v1/signalen", {"jaar": 2025}).json()
    per_gi = {item["instelling"]: item for item in body["results"]}
    assert per_gi["JBN"]["pasoordeel"]["waarde"] == "niet_in_de_pas"
    assert "VOLLEDIG_TIJDENS_VERSCHERPT" in per_gi["JBN"]["pasoordeel"]["signaalcodes"]
    # JBG: no signal, but no inspection report with an oordeel in 2023-2025: never "in de pas"
    assert per_gi["JBG"]["pasoordeel"]["waarde"] == "onvoldoende_gegevens"
    assert per_gi["JBG"]["pasoordeel"]["redenen"] == [
        "geen inspectierapport met een oordeel over JBG gepubliceerd in 2023 tot en met 2025"]
    signaal = next(s for s in per_gi["JBN"]["signalen"] if s["code"] == "VOLLEDIG_TIJDENS_VERSCHERPT")
    assert signaal["ernst"] == "hoog"
    assert signaal["perioden"] == [{"van": "2025-09-16", "tot": "2025-12-31", "vanDatumkwaliteit": "exact",
                                    "totDatumkwaliteit": "exact"}]
    assert signaal["uitleg"]
    assert per_gi["JBG"]["jaar"] == 2025


def test_jaar_is_verplicht_en_een_getal(db):
    for query in ["", "?jaar=twintig", "?jaar=99999"]:
        body = is_problem(client_voor().get(f"/api/v1/signalen{query}"), 400)
        assert body["invalidParams"][0]["name"] == "jaar"


def test_het_jaar_ligt_niet_voor_het_eerste_jaar_van_het_register(db):
    # The register holds nothing before 2000-01-01 (DESIGN.md §3), the same bound as the Kamer overview's year.
    body = is_problem(client_voor().get("/api/v1/signalen?jaar=1999"), 400)
    assert body["invalidParams"][0]["name"] == "jaar"
    assert "2000" in body["invalidParams"][0]["reason"]
    assert client_voor().get("/api/v1/signalen?jaar=2000").status_code == 200


def test_de_openapi_noemt_elke_signaalcode_en_ernst_die_de_regels_kennen(db):
    from signalen import regels as signalen

    schema = client_voor().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schema["CodeEnum"]["enum"] == [d.code for d in signalen.DEFINITIES]
    assert {d.ernst for d in signalen.DEFINITIES} <= set(schema["ErnstEnum"]["enum"])


def test_in_de_pas_met_de_basis_wat_wel_en_niet_is_beoordeeld(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBG")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))
    maak.onderzoek(inspecteur, gi, D(2023, 1, 1), {"goed_bestuur": "grotendeels_voldoende"})
    [item] = client_voor().get("/api/v1/signalen", {"jaar": 2025}).json()["results"]
    oordeel = item["pasoordeel"]
    assert (oordeel["waarde"], oordeel["tekst"]) == ("in_de_pas", "in de pas")
    assert oordeel["venster"] == ["2023-01-01", "2025-12-31"]
    [beoordeeld] = oordeel["beoordeeld"]
    assert (beoordeeld["thema"], beoordeeld["rapportdatum"]) == ("goed_bestuur", "2023-01-01")
    assert "Passende hulp" in oordeel["nietBeoordeeld"] and "Goed bestuur" not in oordeel["nietBeoordeeld"]
    # one year later the report of 1 January 2023 lies before the window
    [item] = client_voor().get("/api/v1/signalen", {"jaar": 2026}).json()["results"]
    assert item["pasoordeel"]["waarde"] == "onvoldoende_gegevens"
