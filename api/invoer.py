"""The first check on every request (DESIGN.md §7: bad input gives a 4xx, never a 500).

Before any other middleware or view sees a request, this middleware refuses what the register cannot
process: a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413, judged by Content-Length without reading
the body), NUL characters in the path, the query string, a header or a form field (400; no register value
contains one and PostgreSQL cannot store them), and more parameters than Django accepts (400).
Under /api/ the answer is problem+json naming the parameter; elsewhere it is a short Dutch page.
JSON bodies are checked by the API's parser (``api.parsers``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

from api.middleware import API_PREFIX, ApiHeadersMiddleware
from api.problems import PROBLEM_MEDIA_TYPE, TE_VEEL_PARAMETERS, problem, te_groot_detail

NUL = "\x00"
NUL_IN_PAD = "Het pad van de URL bevat een NUL-teken (%00). Verwijder het uit de URL."
FORMULIER_ONLEESBAAR = "Het formulier kon niet worden gelezen. Verstuur het opnieuw vanuit de pagina."


def nul_in_parameter(naam: str) -> str:
    return f"De parameter '{naam}' bevat een NUL-teken (%00). Verwijder het en probeer het opnieuw."


def nul_in_header(naam: str) -> str:
    return f"De header '{naam}' bevat een NUL-teken. Verwijder het en probeer het opnieuw."


def _header_naam(meta_sleutel: str) -> str:
    return meta_sleutel.removeprefix("HTTP_").replace("_", "-").title()


def _nul_in(items) -> str | None:
    """The first key whose name or one of whose values holds a NUL character."""
    for sleutel, waarden in items:
        if NUL in sleutel or any(NUL in w for w in waarden if isinstance(w, str)):
            return sleutel
    return None


class Weigering(Exception):
    def __init__(self, status: int, naam: str, reden: str, code: str):
        super().__init__(reden)
        self.status, self.naam, self.reden, self.code = status, naam, reden, code


def controleer(request) -> None:
    """Raise Weigering for a request the register must refuse before anything else reads it."""
    limiet = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if limiet is not None and lengte > limiet:
        raise Weigering(413, "body", te_groot_detail(limiet), "too_large")
    if NUL in request.path:
        raise Weigering(400, "pad", NUL_IN_PAD, "null_characters_not_allowed")
    for sleutel, waarde in request.META.items():
        if (sleutel.startswith("HTTP_") or sleutel.startswith("CONTENT_")) and isinstance(waarde, str) and NUL in waarde:
            naam = _header_naam(sleutel)
            raise Weigering(400, naam, nul_in_header(naam), "null_characters_not_allowed")
    try:
        naam = _nul_in(request.GET.lists())
    except TooManyFieldsSent:
        raise Weigering(400, "query", TE_VEEL_PARAMETERS, "too_many_fields") from None
    if naam is not None:
        raise Weigering(400, naam, nul_in_parameter(naam), "null_characters_not_allowed")
    if request.method == "POST" and not request.path.startswith(API_PREFIX):
        # A form (admin, login): read it here so a NUL never reaches a query.
        try:
            naam = _nul_in(request.POST.lists())
        except TooManyFieldsSent:
            raise Weigering(400, "body", TE_VEEL_PARAMETERS, "too_many_fields") from None
        except MultiPartParserError:
            raise Weigering(400, "body", FORMULIER_ONLEESBAAR, "parse_error") from None
        if naam is not None:
            raise Weigering(400, naam, nul_in_parameter(naam), "null_characters_not_allowed")


def weigering_antwoord(request, weigering: Weigering) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        params = [{"name": weigering.naam, "code": weigering.code, "reason": weigering.reden}]
        response = JsonResponse(
            problem(weigering.status, weigering.reden, params), status=weigering.status, content_type=PROBLEM_MEDIA_TYPE
        )
        ApiHeadersMiddleware.add_headers(request, response)
        return response
    titel = "Verzoek te groot" if weigering.status == 413 else "Ongeldig verzoek"
    html = render_to_string("400.html", {"titel": titel, "melding": weigering.reden})
    return HttpResponse(html, status=weigering.status, content_type="text/html; charset=utf-8")


class InvoerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            controleer(request)
        except Weigering as weigering:
            return weigering_antwoord(request, weigering)
        return self.get_response(request)
