"""OpenAPI post-processing: the problem+json error schema, error responses and the API-Version header
on every operation."""

import inspect

from django.conf import settings

from api.middleware import API_VERSION
from api.problems import TITELS
from api.serializers import UITLEG_SOMS_AFWEZIG
from register.klok import vandaag

PROBLEM = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "URI die het soort fout aanduidt."},
        "title": {"type": "string", "description": "Korte, vaste omschrijving van het soort fout."},
        "status": {"type": "integer", "description": "De HTTP-statuscode."},
        "detail": {"type": "string", "description": "Uitleg in het Nederlands: wat is er mis en hoe los je het op."},
        "invalidParams": {
            "type": "array",
            "description": "Bij ongeldige invoer: elk ongeldig veld of elke ongeldige parameter.",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
    },
}
INVALID_PARAM = {
    "type": "object",
    "required": ["name", "code", "reason"],
    "properties": {
        "name": {"type": "string", "description": "Naam van het veld (camelCase, geneste velden met punten)."},
        "code": {"type": "string", "description": "Foutcode, bijvoorbeeld required, invalid, does_not_exist."},
        "reason": {"type": "string", "description": "Reden in het Nederlands."},
    },
}
API_VERSION_HEADER = {
    "description": "Versie van de API (semver).",
    "schema": {"type": "string", "example": API_VERSION},
}
# Dutch descriptions of the resource shapes; without them the (English) class docstrings would show.
BESCHRIJVING = {
    "Audit": "Een audit van het Keurmerkinstituut bij een GI.",
    "Certificaatbesluit": "Een certificaatbesluit van het Keurmerkinstituut.",
    "Toezichtbesluit": "Een besluit van de inspecties over het toezichtniveau van een GI.",
    "Handhavingsmaatregel": "Een handhavingsmaatregel van de inspecties.",
    "Inspectieonderzoek": "Een inspectieonderzoek (rapport) met zijn oordelen per thema.",
    "Oordeel": "Het oordeel van een inspectieonderzoek over één thema.",
    "Instelling": "Een gecertificeerde instelling (GI).",
    "Thema": "Een thema waarover de inspecties oordelen.",
    "Monitormeting": "Cijfers uit de GI-monitor op een peildatum (landelijk of per GI).",
    "Omvang": "Hoeveel GI's er op een peildatum in beeld zijn (gecertificeerd of aangevraagd), met bron: de N van "
    "'n van de N'.",
    "Reactie": "De openbare reactie van het KMI, de inspecties of het ministerie op een signaal van een GI in een jaar "
    "(wederhoor).",
    "Beleidsreactie": "De beleidsreactie van het ministerie op het beeld van één verslagjaar van het Kameroverzicht.",
    "Kameroverzicht": "Een gearchiveerd Kameroverzicht; wordt nooit gewijzigd.",
    "KameroverzichtAanmaken": "Vraag om een Kameroverzicht aan te maken en te archiveren.",
    "Aanleidingenoverzicht": "Een gearchiveerd aanleidingenoverzicht (wat er tussen twee data gebeurde); wordt nooit "
    "gewijzigd.",
    "AanleidingenoverzichtAanmaken": "Vraag om een aanleidingenoverzicht aan te maken en te archiveren.",
    "TokenAanmaken": "Vraag om een token uit te geven.",
    "Vervallen": "Vraag om een registratie vervallen te verklaren.",
}
ONBEKENDE_VELDEN = " Onbekende velden worden geweigerd (400)."
PARAMETER_ID = "Id van de registratie."


def _docstrings() -> set[str]:
    """Docstrings of the API's own classes: code documentation, not user documentation."""
    from api import serializers, views

    teksten = set()
    for module in (serializers, views):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            doc = inspect.getdoc(cls)
            if doc:
                teksten.add(" ".join(doc.split()))
    return teksten


def _is_docstring(tekst, docstrings) -> bool:
    return bool(tekst) and " ".join(tekst.split()) in docstrings


def _vertaal_beschrijvingen(result) -> None:
    docstrings = _docstrings()
    for naam, schema in result["components"]["schemas"].items():
        basis = naam.removeprefix("Patched").removesuffix("Request")
        if basis in BESCHRIJVING:
            schema["description"] = BESCHRIJVING[basis] + (ONBEKENDE_VELDEN if naam.endswith("Request") else "")
        elif _is_docstring(schema.get("description"), docstrings):
            del schema["description"]
    for pad in result.get("paths", {}).values():
        for operatie in pad.values():
            if not isinstance(operatie, dict):
                continue
            if _is_docstring(operatie.get("description"), docstrings):
                operatie["description"] = operatie.get("summary", "")
            for parameter in operatie.get("parameters", []):
                if parameter.get("in") == "path" and parameter["name"] == "id":
                    parameter["description"] = PARAMETER_ID


FOUTCODES_LEZEN = ("400", "401", "403", "404", "406", "500")
FOUTCODES_SCHRIJVEN = ("400", "401", "403", "404", "405", "406", "409", "415", "500")


TOKEN_UITLEG = (
    "Een API-token in de header 'Authorization: Token <sleutel>'. Functioneel beheer geeft het uit (POST /tokens "
    "of de beheeromgeving); de sleutel wordt alleen bij het uitgeven getoond, het register bewaart er een hash van. "
    "Een nieuw token vervangt het vorige token van hetzelfde account."
)


def postprocess(result, generator, request, public):
    result["servers"] = [{"url": settings.API_BASIS_URL, "description": "GI-register API, versie 1"}]
    result.setdefault("info", {})["contact"] = dict(settings.API_CONTACT)
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM
    schemas["InvalidParam"] = INVALID_PARAM
    result.setdefault("info", {})["version"] = API_VERSION
    for naam, schema in schemas.items():
        if naam.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False  # unknown keys are refused with 400
    _vertaal_beschrijvingen(result)
    for schema in result["components"].get("securitySchemes", {}).values():
        if schema.get("type") == "apiKey" and schema.get("name") == "Authorization":
            schema["description"] = TOKEN_UITLEG
    for schema in schemas.values():
        # a field that is absent for some readers (confidentiality policy) is never required in an answer
        eigenschappen = schema.get("properties", {})
        afwezig = {n for n, e in eigenschappen.items() if e.get("description") in UITLEG_SOMS_AFWEZIG}
        if afwezig and "required" in schema:
            schema["required"] = [n for n in schema["required"] if n not in afwezig]
    # The latest year of a Kamer overview is the current one, so the schema says so on the day it is read.
    jaar = schemas.get("KameroverzichtAanmakenRequest", {}).get("properties", {}).get("jaar")
    if jaar is not None:
        jaar["maximum"] = vandaag().year
    for pad_naam, pad in result.get("paths", {}).items():
        for methode, operatie in pad.items():
            if methode not in ("get", "put", "post", "patch", "delete", "head", "options", "trace"):
                continue
            if methode == "get" and not pad_naam.startswith(("/tokens", "/kameroverzichten", "/aanleidingenoverzichten")):
                beveiliging = operatie.setdefault("security", [])
                if {} not in beveiliging:
                    beveiliging.append({})  # reading needs no login; a token or session shows more fields
            for parameter in operatie.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                if parameter["name"] in ("page", "pageSize"):
                    parameter["schema"]["minimum"] = 1
                    if parameter["name"] == "pageSize":
                        parameter["schema"]["maximum"] = 200
                elif not parameter.get("required"):
                    # An optional filter or parameter given without a value ("?instelling=") is ignored.
                    parameter["allowEmptyValue"] = True
            responses = operatie.setdefault("responses", {})
            codes = FOUTCODES_LEZEN if methode == "get" else FOUTCODES_SCHRIJVEN
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": TITELS[int(code)],
                        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                )
            for response in responses.values():
                response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    _kameroverzicht_schema(result)
    return result


def _kameroverzicht_schema(result) -> None:
    """The JSON of an archived Kamer overview refers to the JSON Schema of its data (served by the API itself)."""
    from reports.gegevensschema import SCHEMA_VERSIE

    operatie = result.get("paths", {}).get("/kameroverzichten/{id}/json", {}).get("get")
    if operatie is None:
        return
    schema = operatie["responses"]["200"]["content"]["application/json"]["schema"]
    schema["externalDocs"] = {
        "description": f"JSON Schema (draft 2020-12) van de gegevens, schema_versie {SCHEMA_VERSIE}",
        "url": f"{settings.API_BASIS_URL}/schemas/kameroverzicht-v{SCHEMA_VERSIE}",
    }
