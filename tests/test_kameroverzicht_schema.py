"""The versioned JSON Schema of the Kamer overview's data (reports/schema/kameroverzicht-v<versie>.schema.json): the data
of both variants validates, for the example data, a register with one bare GI and a register with every kind of
record (signals, reacties, afweging); the openbaar variant may not carry a confidential field. The Hypothesis test of
tests/test_totaliteit.py validates every generated register's overview against it as well."""

import copy
import datetime as dt

import jsonschema
import pytest
from django.core.management import call_command

from register import klok
from reports import gegevensschema
from reports.overzicht import SCHEMA_VERSIE, kameroverzicht
from reports.varianten import VARIANTEN
from tests import maak

D = dt.date


def valideer(data: dict) -> None:
    validator = jsonschema.Draft202012Validator(
        gegevensschema.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    fouten = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not fouten, [(list(e.absolute_path), e.message[:300]) for e in fouten[:5]]


def is_ongeldig(data: dict) -> bool:
    return not jsonschema.Draft202012Validator(gegevensschema.json_schema()).is_valid(data)


def test_het_schema_is_geldig_draft_2020_12_met_de_versie_in_id_en_naam():
    schema = gegevensschema.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/kameroverzicht-v{SCHEMA_VERSIE}.schema.json")
    assert gegevensschema.pad().name == f"kameroverzicht-v{SCHEMA_VERSIE}.schema.json"
    assert schema["properties"]["schema_versie"] == {"const": SCHEMA_VERSIE}
    assert schema["additionalProperties"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("variant", VARIANTEN)
def test_voorbeelddata_volgen_het_schema(variant):
    call_command("load_voorbeelddata")
    valideer(kameroverzicht(2025, klok.vandaag(), variant))
    valideer(kameroverzicht(2024, klok.vandaag(), variant))


@pytest.mark.django_db
@pytest.mark.parametrize("variant", VARIANTEN)
def test_een_kale_gi_volgt_het_schema(beheerder, variant):
    maak.instelling(beheerder, "KAAL")
    data = kameroverzicht(2000, klok.vandaag(), variant)
    valideer(data)
    assert data["instellingen"][0]["certificaatbesluiten"] == []


@pytest.fixture
def vol_register(beheerder, kmi_gebruiker, inspecteur):
    from wederhoor.services import reactie_registreren

    gi = maak.instelling(beheerder, "VOL", actief_vanaf=D(2020, 1, 1), certificering_vanaf=D(2024, 2, 29),
                         toezicht_vanaf=D(2024, 3, 1))
    maak.audit(kmi_gebruiker, gi, D(2025, 1, 5), D(2025, 1, 10), samenvatting="GEHEIM-samenvatting", rapportkenmerk="GEHEIM-kenmerk",
               aantal_kritische_afwijkingen=2)
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 1, 15), D(2025, 9, 30), motivering_vertrouwelijk="GEHEIM-motief",
                     afweging="Het KMI woog het herstelplan.")
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 3, 1), D(2025, 6, 30))
    maak.onderzoek(inspecteur, gi, D(2025, 2, 28), {"goed_bestuur": "onvoldoende", "passende_hulp": "grotendeels_onvoldoende"})
    maak.certificaat(kmi_gebruiker, gi, "ingetrokken", D(2025, 10, 1))
    for actor in (kmi_gebruiker, inspecteur):
        reactie_registreren(actor=actor, instelling=gi, jaar=2025, signaalcode="GEEN_GELDIG_CERTIFICAAT",
                            tekst=f"Reactie van {actor.username}", bron="brief", reden="wederhoor")
    return gi


@pytest.mark.django_db
def test_een_register_met_elk_soort_gegeven_volgt_het_schema_in_beide_varianten(vol_register):
    openbaar = kameroverzicht(2025, klok.vandaag(), "openbaar")
    vertrouwelijk = kameroverzicht(2025, klok.vandaag(), "vertrouwelijk")
    valideer(openbaar)
    valideer(vertrouwelijk)
    [gi] = openbaar["instellingen"]
    assert {s["code"] for s in gi["signalen"]} >= {"GEEN_GELDIG_CERTIFICAAT", "CERTIFICERING_STRENGER_DAN_TOEZICHT"}
    assert [r["organisatie"] for s in gi["signalen"] for r in s["reacties"]] == ["kmi", "inspectie"]

    # the schema itself guards the variants: a confidential field makes an openbaar document invalid
    lek = copy.deepcopy(openbaar)
    lek["instellingen"][0]["audits"][0]["samenvatting"] = "GEHEIM"
    assert is_ongeldig(lek)
    lek = copy.deepcopy(openbaar)
    lek["instellingen"][0]["certificaatbesluiten"][0]["motivering_vertrouwelijk"] = "GEHEIM"
    assert is_ongeldig(lek)
    # … and the vertrouwelijk variant must carry them
    zonder = copy.deepcopy(vertrouwelijk)
    del zonder["instellingen"][0]["audits"][0]["rapportkenmerk"]
    assert is_ongeldig(zonder)


@pytest.mark.django_db
def test_onbekende_of_ontbrekende_sleutels_en_verkeerde_typen_zijn_ongeldig(vol_register):
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    for wijzig in (
        lambda d: d.__setitem__("extra", 1),
        lambda d: d.pop("meerjarenbeeld"),
        lambda d: d.__setitem__("schema_versie", 1),
        lambda d: d["instellingen"][0]["signalen"][0].__setitem__("code", "ONBEKEND_SIGNAAL"),
        lambda d: d["instellingen"][0]["signalen"][0].__setitem__("reacties", [{"organisatie": "rva"}]),
        lambda d: d["instellingen"][0]["certificaatbesluiten"][0].pop("afweging"),
        lambda d: d["volledigheid"].__setitem__("eerste_registratie", "1-1-2020"),
        lambda d: d["meerjarenbeeld"]["instellingen"][0]["jaren"][0].__setitem__("pasoordeel", "ja"),
        lambda d: d["instellingen"][0]["pasoordeel"].__setitem__("waarde", "in de pas"),
        lambda d: d["instellingen"][0]["pasoordeel"].pop("basis"),
        lambda d: d["instellingen"][0].__setitem__("in_de_pas", True),
        lambda d: d["samenvatting"]["pasoordelen"].pop("onvoldoende_gegevens"),
        lambda d: d["volledigheid"].pop("volledig"),
    ):
        kopie = copy.deepcopy(data)
        wijzig(kopie)
        assert is_ongeldig(kopie)


@pytest.mark.django_db
def test_de_api_geeft_het_schema_op_een_vast_adres_en_het_openapi_document_verwijst_ernaar():
    from django.conf import settings
    from openapi_spec_validator import validate

    from tests.test_api_basis import client_voor

    api = client_voor()
    antwoord = api.get(f"/api/v1/schemas/kameroverzicht-v{SCHEMA_VERSIE}")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/schema+json"
    assert antwoord.json() == gegevensschema.json_schema()
    assert "API-Version" in antwoord
    assert api.get("/api/v1/schemas/kameroverzicht-v1").status_code == 404

    openapi = api.get("/api/v1/openapi.json").json()
    validate(openapi)
    operatie = openapi["paths"]["/kameroverzichten/{id}/json"]["get"]
    schema = operatie["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["externalDocs"]["url"] == f"{settings.API_BASIS_URL}/schemas/kameroverzicht-v{SCHEMA_VERSIE}"
    assert gegevensschema.bestandsnaam() in operatie["responses"]["200"]["description"]
    assert f"/schemas/kameroverzicht-v{SCHEMA_VERSIE}" in openapi["paths"]


@pytest.mark.django_db
def test_opnieuw_bouwen_geeft_bytegelijke_json(vol_register):
    from reports.renderers import render_json

    for variant in VARIANTEN:
        eerst = render_json(kameroverzicht(2025, klok.vandaag(), variant))
        assert render_json(kameroverzicht(2025, klok.vandaag(), variant)) == eerst


@pytest.mark.django_db
def test_het_schema_van_een_eerdere_versie_blijft_op_zijn_eigen_adres():
    """An overview archived with schema_versie 2 keeps a schema to be checked against."""
    from tests.test_api_basis import client_voor

    api = client_voor()
    for versie in gegevensschema.VERSIES:
        antwoord = api.get(f"/api/v1/schemas/kameroverzicht-v{versie}")
        assert antwoord.status_code == 200
        assert antwoord.json()["properties"]["schema_versie"] == {"const": versie}
    assert 2 in gegevensschema.VERSIES and SCHEMA_VERSIE == 3
