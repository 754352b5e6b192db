"""Web pages of the Kamer overview: the archive (read by every role, made by ministerie and toezichthouders) and
the public page."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reports import selectors
from reports.forms import GenereerForm
from reports.models import Kameroverzicht
from reports.overzicht import OPENBAAR, kameroverzicht
from reports.renderers import RENDERERS, html_context
from reports.services import (
    EERSTE_JAAR,
    kameroverzicht_genereren,
    mag_genereren,
    vandaag,
    vereis_inzagerecht,
    vereis_recht_op_variant,
)

inloggen_vereist = login_required(login_url="admin:login")


def _vereis_toegang(user) -> None:
    vereis_inzagerecht(user)  # every role reads the archive; making an overview is checked on POST


@inloggen_vereist
@require_http_methods(["GET", "POST"])
def archief(request):
    _vereis_toegang(request.user)
    mag_aanmaken = mag_genereren(request.user, OPENBAAR)
    if request.method == "POST":
        vereis_recht_op_variant(request.user, OPENBAAR)
    form = GenereerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            overzicht = kameroverzicht_genereren(
                actor=request.user,
                jaar=form.cleaned_data["jaar"],
                peildatum=form.cleaned_data["peildatum"],
                variant=form.cleaned_data["variant"],
            )
        except ValidationError as exc:
            for veld, fouten in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(request, f"{overzicht} is aangemaakt en gearchiveerd.")
            return redirect("reports:detail", pk=overzicht.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/archief.html",
        {"form": form if mag_aanmaken else None, "overzichten": selectors.kameroverzichten_voor(request.user)},
        status=status,
    )


def _overzicht(request, pk) -> Kameroverzicht:
    _vereis_toegang(request.user)
    try:
        return selectors.kameroverzicht_voor(request.user, pk)
    except Kameroverzicht.DoesNotExist:
        raise Http404("Dit Kameroverzicht bestaat niet of u mag het niet inzien.") from None


@inloggen_vereist
def detail(request, pk):
    return render(request, "reports/detail.html", {"overzicht": _overzicht(request, pk)})


@inloggen_vereist
def download(request, pk, formaat):
    overzicht = _overzicht(request, pk)
    if formaat == "html":
        return render(request, "reports/kameroverzicht.html", html_context(overzicht.data))
    if formaat not in RENDERERS:
        raise Http404("Onbekend formaat; kies pdf, json, csv of html.")
    return bestand(overzicht, formaat)


def bestand(overzicht: Kameroverzicht, formaat: str, soort: str | None = None) -> HttpResponse:
    """An archived overview as a download: the archived PDF itself, or its data rendered as ``formaat``."""
    standaard_soort, renderer = RENDERERS[formaat]
    inhoud = bytes(overzicht.pdf) if formaat == "pdf" else renderer(overzicht.data)
    response = HttpResponse(inhoud, content_type=soort or standaard_soort)
    response["Content-Disposition"] = f'attachment; filename="{overzicht.bestandsnaam}.{formaat}"'
    return response


def openbaar(request):
    """The public HTML rendering of the openbaar overview (no login)."""
    fouten = []
    try:
        jaar = int(request.GET.get("jaar") or vandaag().year - 1)
        if not EERSTE_JAAR <= jaar <= vandaag().year:
            raise ValueError
    except ValueError:
        fouten.append(f"Kies een jaar van {EERSTE_JAAR} tot en met {vandaag().year}.")
        jaar = vandaag().year - 1
    try:
        peildatum = dt.date.fromisoformat(request.GET["peildatum"]) if request.GET.get("peildatum") else vandaag()
        if peildatum > vandaag():
            raise ValueError
    except ValueError:
        fouten.append("De peildatum moet een datum (JJJJ-MM-DD) zijn van vandaag of eerder.")
        peildatum = vandaag()
    data = kameroverzicht(jaar, peildatum, OPENBAAR)
    context = html_context(data)
    context["fouten"] = fouten
    return render(request, "reports/kameroverzicht.html", context, status=400 if fouten else 200)
