"""/api/v1/signalen?jaar=: the alignment signals of DESIGN.md §4 per GI."""

import datetime as dt

from tests import maak
from tests.test_api_basis import client_voor, is_problem

D = dt.date


def test_volledig_tijdens_verscherpt_is_niet_in_de_pas(beheerder, kmi_gebruiker, inspecteur):
    jbn = maak.instelling(beheerder, "JBN")
    maak.instelling(beheerder, "JBG")
    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 9, 16))
    maak.toezicht(inspecteur, jbn, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))

    body = client_voor().get("/api/v1/signalen", {"jaar": 2025}).json()
    per_gi = {item["instelling"]: item for item in body["results"]}
    assert per_gi["JBN"]["inDePas"] is False
    signaal = next(s for s in per_gi["JBN"]["signalen"] if s["code"] == "VOLLEDIG_TIJDENS_VERSCHERPT")
    assert signaal["ernst"] == "hoog"
    assert signaal["perioden"] == [{"van": "2025-09-16", "tot": "2025-12-31"}]
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
