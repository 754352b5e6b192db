"""Errors as application/problem+json (RFC 9457) with ``invalidParams`` for invalid input."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import UniqueConstraint
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from register.camel import camel
from api.throttling import TeVeelVerzoeken
from register.services import VERVALLEN

PROBLEM_MEDIA_TYPE = "application/problem+json"

TITELS = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    413: "Verzoek te groot",
    415: "Niet-ondersteund mediatype",
    429: "Te veel verzoeken",
    500: "Interne fout",
}
ALGEMEEN = "nonFieldErrors"


def problem_type(status_code: int) -> str:
    return f"https://httpstatuses.io/{status_code}"


def problem(status_code: int, detail: str, invalid_params: list[dict] | None = None, titel: str | None = None) -> dict:
    body = {
        "type": problem_type(status_code),
        "title": titel or TITELS.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def _naam(sleutel: str, prefix: str = "", model_veld: bool = False) -> str:
    """Name of an invalid parameter: nested fields joined by dots; errors about an object go to the object."""
    if sleutel in (NON_FIELD_ERRORS, "non_field_errors"):
        return prefix or ALGEMEEN
    naam = camel(str(sleutel)) if model_veld else str(sleutel)
    return f"{prefix}.{naam}" if prefix else naam


def _params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF error details (dicts, lists, nested serializers) into {name, code, reason} items."""
    items: list[dict] = []
    if isinstance(detail, dict):
        for sleutel, waarde in detail.items():
            items += _params(waarde, _naam(sleutel, prefix))
    elif isinstance(detail, list):
        if detail and all(isinstance(d, (dict, list)) for d in detail):
            for index, waarde in enumerate(detail):
                items += _params(waarde, f"{prefix}.{index}" if prefix else str(index))
        else:
            for waarde in detail:
                items += _params(waarde, prefix)
    else:
        code = getattr(detail, "code", None) or "invalid"
        items.append({"name": prefix or ALGEMEEN, "code": str(code), "reason": str(detail)})
    return items


def _constraint_veld(model, bericht: str) -> str:
    """The field a unique-constraint message is about (its last field), so clients see which input clashes."""
    for constraint in getattr(getattr(model, "_meta", None), "constraints", []):
        if isinstance(constraint, UniqueConstraint) and constraint.violation_error_message == bericht:
            return camel(constraint.fields[-1])
    return ALGEMEEN


def invalid_params_van_django(exc: DjangoValidationError, model=None) -> list[dict]:
    items = []
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.error_dict.items():
            for fout in fouten:
                for bericht in fout.messages:
                    naam = _naam(veld, model_veld=True)
                    if naam == ALGEMEEN:
                        naam = _constraint_veld(model, bericht)
                    items.append({"name": naam, "code": fout.code or "invalid", "reason": bericht})
    else:
        for fout in exc.error_list:
            for bericht in fout.messages:
                items.append({"name": ALGEMEEN, "code": fout.code or "invalid", "reason": bericht})
    return items


def _samenvatting(params: list[dict]) -> str:
    if len(params) == 1:
        return params[0]["reason"]
    return f"De invoer bevat {len(params)} fouten; zie invalidParams."


def problem_response(body: dict, headers: dict | None = None) -> Response:
    response = Response(body, status=body["status"], content_type=PROBLEM_MEDIA_TYPE, headers=headers)
    return response


def te_groot_detail(limiet: int) -> str:
    megabytes = f"{limiet / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0")
    return (
        f"De body van het verzoek is te groot: hoogstens {megabytes} MB ({limiet} bytes). "
        "Stuur minder tekst of splits het verzoek op."
    )


TE_VEEL_PARAMETERS = "Het verzoek bevat te veel parameters. Stuur minder parameters mee."


def exception_handler(exc, context):
    """DRF exception handler: every error becomes problem+json; service errors map to 400 and 403."""
    if isinstance(exc, RequestDataTooBig):
        return problem_response(problem(413, te_groot_detail(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)))
    if isinstance(exc, TooManyFieldsSent):
        return problem_response(problem(400, TE_VEEL_PARAMETERS))
    if isinstance(exc, DjangoValidationError):
        view = context.get("view")
        queryset = getattr(view, "queryset", None)
        params = invalid_params_van_django(exc, getattr(queryset, "model", None))
        if params and all(p["code"] == VERVALLEN for p in params):
            return problem_response(problem(409, _samenvatting(params)))  # the record's state, not the input
        return problem_response(problem(400, _samenvatting(params), params))
    if isinstance(exc, (Http404, ObjectDoesNotExist)):
        exc = exceptions.NotFound("Het gevraagde object bestaat niet.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, exceptions.Throttled) and not isinstance(exc, TeVeelVerzoeken):
        exc = TeVeelVerzoeken(max(exc.wait or 0, 1))  # Dutch, and always a Retry-After

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Allow", "Retry-After")}
    if isinstance(exc, exceptions.ParseError):
        code = exc.get_codes()
        reden = str(exc.detail) if code != "parse_error" else (
            "De body is geen geldige JSON. Controleer aanhalingstekens, komma's en haakjes."
        )
        body = problem(400, reden, [{"name": "body", "code": str(code), "reason": reden}])
    elif isinstance(exc, exceptions.ValidationError):
        params = _params(exc.detail)
        body = problem(400, _samenvatting(params) if params else "De invoer is ongeldig.", params)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(detail, (list, dict)):
            detail = "; ".join(p["reason"] for p in _params(detail))
        body = problem(response.status_code, str(detail))
    return problem_response(body, headers)


def json_problem(status_code: int, detail: str) -> JsonResponse:
    """Plain Django response for errors outside DRF views (unknown URL, server error)."""
    return JsonResponse(problem(status_code, detail), status=status_code, content_type=PROBLEM_MEDIA_TYPE)


@csrf_exempt
def onbekende_url(request, *args, **kwargs):
    return json_problem(status.HTTP_404_NOT_FOUND, "Deze URL bestaat niet in de API. Let op: paden eindigen niet op '/'.")
