"""The OpenAPI document: readable without login, valid OpenAPI 3, and covering every API URL."""

import re

import yaml
from openapi_spec_validator import validate

from api import urls as api_urls
from api.problems import onbekende_url
from tests.test_api_basis import client_voor

NIET_IN_SCHEMA = {"/openapi.json", "/openapi.yaml", "/docs"}


def _schema(db):
    response = client_voor().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _template(pattern) -> str:
    regex = str(pattern.pattern).lstrip("^").rstrip("$")
    regex = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "{" + ("id" if m.group(1) == "pk" else m.group(1)) + "}", regex)
    return "/" + regex


def test_openapi_is_geldig_openapi_3(db):
    schema = _schema(db)
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_openapi_yaml_is_hetzelfde_document(db):
    response = client_voor().get("/api/v1/openapi.yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["paths"].keys() == _schema(db)["paths"].keys()


def test_elke_url_staat_in_het_schema(db):
    paden = set(_schema(db)["paths"])
    urls = {_template(p) for p in api_urls.urlpatterns if getattr(p, "callback", None) is not onbekende_url} - NIET_IN_SCHEMA
    assert urls, "geen URL's gevonden"
    assert urls <= paden, urls - paden
    assert all(not pad.endswith("/") for pad in paden)
    assert all(re.fullmatch(r"[a-z0-9/{}\-]+", re.sub(r"\{\w+\}", "{}", pad)) for pad in paden)


def test_fouten_headers_en_enums_zijn_beschreven(db):
    schema = _schema(db)
    probleem = schema["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "invalidParams"} <= set(probleem["properties"])
    for pad, operaties in schema["paths"].items():
        for methode, operatie in operaties.items():
            responses = operatie["responses"]
            assert "400" in responses and "404" in responses, (pad, methode)
            assert "application/problem+json" in responses["400"]["content"]
            assert all("API-Version" in r.get("headers", {}) for r in responses.values()), (pad, methode)
    enums = schema["components"]["schemas"]
    assert set(enums["CertificaatbesluitStatusEnum"]["enum"]) == {"volledig", "voorlopig", "overbrugging", "geschorst", "ingetrokken"}
    audit = schema["components"]["schemas"]["Audit"]
    assert "samenvatting" in audit["properties"] and "samenvatting" not in audit["required"]
    assert "geldigTot" in schema["components"]["schemas"]["Certificaatbesluit"]["properties"]
    parameters = {p["name"] for p in schema["paths"]["/certificaatbesluiten"]["get"]["parameters"]}
    assert {"instelling", "status", "ingangsdatumVanaf", "ingangsdatumTot", "page", "pageSize"} <= parameters
    assert "delete" not in schema["paths"]["/certificaatbesluiten/{id}"]
    assert "put" not in schema["paths"]["/certificaatbesluiten/{id}"]


def test_lege_queryparameters_zoals_beschreven(beheerder, kmi_gebruiker, inspecteur):
    """allowEmptyValue in the document is true exactly for the parameters the API ignores when empty."""
    from tests.test_api_basis import wereld

    ids = wereld(beheerder, kmi_gebruiker, inspecteur)
    client = client_voor(kmi_gebruiker)
    schema = client.get("/api/v1/openapi.json").json()
    gecontroleerd = 0
    for pad, operaties in schema["paths"].items():
        if "get" not in operaties or "{id}" in pad:
            continue
        url = "/api/v1" + pad.replace("{afkorting}", "JBN").replace("{code}", "goed_bestuur").replace("{gebruiker}", "x")
        for parameter in operaties["get"].get("parameters", []):
            if parameter["in"] != "query":
                continue
            response = client.get(f"{url}?{parameter['name']}=")
            verwacht = 200 if parameter.get("allowEmptyValue") else 400
            if pad.startswith("/tokens"):
                verwacht = 403
            assert response.status_code == verwacht, (pad, parameter["name"], response.content)
            gecontroleerd += 1
    assert gecontroleerd > 50 and ids


def test_jaar_van_kameroverzicht_loopt_tot_het_lopende_jaar(db):
    from register.klok import vandaag
    from reports.services import EERSTE_JAAR

    jaar = _schema(db)["components"]["schemas"]["KameroverzichtAanmakenRequest"]["properties"]["jaar"]
    assert (jaar["minimum"], jaar["maximum"]) == (EERSTE_JAAR, vandaag().year)
