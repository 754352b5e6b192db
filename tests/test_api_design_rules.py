"""The OpenAPI document against the core rules of the NL API Design Rules that the official linter checks
(Logius ruleset for Spectral, see README "API"), so a regression shows up in CI without the linter itself."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from openapi_spec_validator import validate

from tests.test_api_basis import client_voor

PRODUCTIE_URL = "https://register.example.nl/api/v1"
METHODEN = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}
# The linter's own patterns (rules nlgov:paths-kebab-case, nlgov:query-keys-camel-case, nlgov:semver).
KEBAB_PAD = re.compile(
    r"^(\/|(\/_[a-z0-9]+|\/(([a-z0-9\-]+|{[^}]+})(\/([a-z0-9\-\.]+|{[^}]+}))*)(\/_[a-z]+)?)\/?)$"
)
CAMEL = re.compile(r"^\$?[a-z][a-z\d]*([A-Z][a-z\d]*)*$")
PASCAL = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
DATUMVELD = re.compile(r"((\w+D)|(_[dD]))((ate)|(atum))")


@pytest.fixture
def document(db):
    with override_settings(API_BASIS_URL=PRODUCTIE_URL):
        response = client_voor().get("/api/v1/openapi.json")
    assert response.status_code == 200, "publish-openapi: the document is readable without login"
    return response.json()


def _operaties(document):
    for pad, item in document["paths"].items():
        for methode, operatie in item.items():
            if methode in METHODEN:
                yield pad, methode, operatie


def _los_op(document, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        naam = schema["$ref"].removeprefix("#/components/schemas/")
        schema = document["components"]["schemas"][naam]
    return schema


def _eigenschappen(document):
    """Every (schema name, property name, property schema), nested objects and arrays included."""

    def door(naam, schema, gezien):
        schema = _los_op(document, schema)
        if not isinstance(schema, dict) or id(schema) in gezien:
            return
        gezien.add(id(schema))
        for sleutel, eigenschap in (schema.get("properties") or {}).items():
            yield naam, sleutel, eigenschap
            yield from door(naam, eigenschap, gezien)
        for deel in ("items", "additionalProperties"):
            if isinstance(schema.get(deel), dict):
                yield from door(naam, schema[deel], gezien)
        for deel in ("allOf", "oneOf", "anyOf"):
            for sub in schema.get(deel, []):
                yield from door(naam, sub, gezien)

    for naam, schema in document["components"]["schemas"].items():
        yield from door(naam, schema, set())


def test_publish_openapi_versie_3_en_geldig(document):
    assert re.fullmatch(r"3(\.\d+){1,2}", document["openapi"])
    validate(document)
    assert SEMVER.match(document["info"]["version"])
    ids = [operatie["operationId"] for _, _, operatie in _operaties(document)]
    assert len(ids) == len(set(ids)), "operationId's zijn uniek"


def test_servers_met_https_en_hoofdversie_in_de_uri(document):
    assert document["servers"], "oas3-api-servers"
    for server in document["servers"]:
        assert re.search(r"/v\d", server["url"]), server
        assert not server["url"].startswith("http://"), server
    assert document["servers"][0]["url"] == PRODUCTIE_URL


def test_contact_met_naam_email_en_url(document):
    contact = document["info"]["contact"]
    assert {"name", "email", "url"} <= set(contact) and all(contact[k] for k in ("name", "email", "url"))


def test_paden_kebab_case_zonder_slash_aan_het_eind(document):
    assert document["paths"]
    for pad in document["paths"]:
        assert KEBAB_PAD.match(pad), pad
        assert not pad.endswith("/"), pad
        assert not pad.startswith("/api/v1"), "paden zijn relatief aan servers[0].url"


def test_queryparameters_en_eigenschappen_camel_case(document):
    gecontroleerd = 0
    for pad, methode, operatie in _operaties(document):
        for parameter in operatie.get("parameters", []):
            if parameter["in"] == "query":
                assert CAMEL.match(parameter["name"]), (pad, methode, parameter["name"])
                gecontroleerd += 1
    for schema, sleutel, _ in _eigenschappen(document):
        assert CAMEL.match(sleutel), (schema, sleutel)
        gecontroleerd += 1
    for naam in document["components"]["schemas"]:
        assert PASCAL.match(naam), naam
    assert gecontroleerd > 100


def test_datums_hebben_formaat_date(document):
    for schema, sleutel, eigenschap in _eigenschappen(document):
        if sleutel in ("date", "datum") or DATUMVELD.search(sleutel):
            eigenschap = _los_op(document, eigenschap)
            assert eigenschap.get("format") == "date" or eigenschap.get("allOf"), (schema, sleutel)
        assert eigenschap.get("format") not in ("date-time-local", "time"), (schema, sleutel)


def test_foutresponses_als_problem_json_op_elke_operatie(document):
    for pad, methode, operatie in _operaties(document):
        responses = operatie["responses"]
        if methode in ("post", "put", "patch") or operatie.get("parameters"):
            assert "400" in responses, (pad, methode)
        for code, response in responses.items():
            if code[0] in "45":
                inhoud = response.get("content", {})
                assert "application/problem+json" in inhoud, (pad, methode, code)
                probleem = _los_op(document, inhoud["application/problem+json"]["schema"])
                assert {"status", "title", "detail"} <= set(probleem["required"]), (pad, methode, code)
                assert {"status", "title", "detail"} <= set(probleem["properties"])


def test_api_version_header_op_elke_succesresponse(document):
    for pad, methode, operatie in _operaties(document):
        for code, response in operatie["responses"].items():
            if code[0] in "23":
                assert "API-Version" in response.get("headers", {}), (pad, methode, code)


def test_alleen_standaard_http_methoden(document):
    for pad, item in document["paths"].items():
        assert set(item) <= {"get", "put", "post", "patch", "delete", "parameters", "summary", "description"}, pad


def test_servers_volgt_de_instelling(db):
    with override_settings(API_BASIS_URL="https://elders.example.nl/api/v1"):
        document = client_voor().get("/api/v1/openapi.json").json()
    assert document["servers"][0]["url"] == "https://elders.example.nl/api/v1"


@pytest.mark.parametrize(
    ("url", "debug", "geldig"),
    [
        ("https://register.example.nl/api/v1", False, True),
        ("http://register.example.nl/api/v1", False, False),
        ("http://127.0.0.1:8000/api/v1", True, True),
        ("https://register.example.nl/api", False, False),
    ],
)
def test_api_basis_url_wordt_gecontroleerd(monkeypatch, url, debug, geldig):
    from register import settings

    monkeypatch.setenv("API_BASIS_URL", url)
    monkeypatch.setattr(settings, "DEBUG", debug)
    if geldig:
        assert settings._api_basis_url() == url
    else:
        with pytest.raises(ImproperlyConfigured):
            settings._api_basis_url()
