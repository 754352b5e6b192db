"""Web pages of the Kamer overview: the archive (read by every role, made by ministerie and toezichthouders) and
the public page."""

import datetime as dt

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from register import standversie
from register.cache import openbare_pagina
from register.klok import vandaag
from reports import selectors, services
from reports.afgeleid import openbare_html_context_uit_cache, openbare_instelling_context_uit_cache
from reports.forms import AanleidingenForm, GenereerForm
from reports.models import Aanleidingenoverzicht, Kameroverzicht
from reports.renderers import AANLEIDINGEN_RENDERERS, RENDERERS, aanleidingen_html_context, bestand, html_context
from reports.services import EERSTE_JAAR, GEEN_VAN, aanleidingenoverzicht_genereren, kameroverzicht_genereren
from reports.varianten import OPENBAAR, mag_genereren, vereis_inzagerecht, vereis_recht_op_variant

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
            if getattr(overzicht, "hergebruikt", False):
                messages.success(request, f"{overzicht} stond al in het archief met dezelfde gegevens; er is geen "
                                          "tweede, gelijk exemplaar toegevoegd.")
            else:
                messages.success(request, f"{overzicht} is aangemaakt en gearchiveerd.")
            return redirect("reports:detail", pk=overzicht.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/archief.html",
        {
            **_beheer_context(request, "Archief Kameroverzichten"),
            "form": form if mag_aanmaken else None,
            "overzichten": selectors.kameroverzichten_voor(request.user),
        },
        status=status,
    )


def _beheer_context(request, titel: str) -> dict:
    """The archive is part of the staff side: the admin's header (site name, the user, log-out) and breadcrumbs."""
    return {**admin.site.each_context(request), "title": titel}


def _overzicht(request, pk) -> Kameroverzicht:
    _vereis_toegang(request.user)
    try:
        return selectors.kameroverzicht_voor(request.user, pk)
    except Kameroverzicht.DoesNotExist:
        raise Http404("Dit Kameroverzicht bestaat niet of u mag het niet inzien.") from None


@inloggen_vereist
def detail(request, pk):
    overzicht = _overzicht(request, pk)
    return render(request, "reports/detail.html", {**_beheer_context(request, str(overzicht)), "overzicht": overzicht})


@inloggen_vereist
def download(request, pk, formaat):
    overzicht = _overzicht(request, pk)
    if formaat == "html":
        return render(request, "reports/kameroverzicht.html", html_context(overzicht.data))
    if formaat not in RENDERERS:
        raise Http404("Onbekend formaat; kies pdf, json, csv of html.")
    return bestand(overzicht, formaat)


# Download formats of an archived overview on the public page; the HTML rendering is the page itself.
OPENBARE_FORMATEN = ("pdf", "csv", "json")


def _openbare_overzichten(jaar: int):
    """The archived openbaar overviews of ``jaar``, newest first. The openbaar variant holds public fields only
    (DESIGN.md §5), so the public may read every one of them (§6), without login."""
    return selectors.met_kenmerk(
        Kameroverzicht.objects.filter(variant=OPENBAAR, jaar=jaar).select_related("aangemaakt_door")
    ).order_by("-aangemaakt_op", "-id")


def openbaar_bestand(request, pk, formaat):
    """An archived openbaar overview as PDF, CSV or JSON, without login."""
    if formaat not in OPENBARE_FORMATEN:
        raise Http404("Onbekend formaat; kies pdf, csv of json.")
    try:
        overzicht = Kameroverzicht.objects.get(pk=pk, variant=OPENBAAR)
    except Kameroverzicht.DoesNotExist:
        raise Http404("Dit openbare Kameroverzicht bestaat niet.") from None
    return bestand(overzicht, formaat)


def _openbare_peildatum(request, fouten: list[str]) -> dt.date:
    try:
        peildatum = dt.date.fromisoformat(request.GET["peildatum"]) if request.GET.get("peildatum") else services.standaard_peildatum()
        if peildatum > vandaag():
            raise ValueError
    except ValueError:
        fouten.append("De peildatum moet een datum (JJJJ-MM-DD) zijn van vandaag of eerder.")
        peildatum = services.standaard_peildatum()
    return peildatum


def _geweigerd(request, exc: ValidationError):
    return render(request, "400.html", {"titel": "Geen Kameroverzicht", "melding": " ".join(exc.messages)}, status=400)


def _openbare_context(request, context: dict, peildatum: dt.date, fouten: list[str]) -> dict:
    """The page around the openbaar overview of a year as recorded at the end of ``peildatum`` (``context``, from
    the cache while the register is unchanged, reports/afgeleid.py): the public pages never read another variant."""
    context = dict(context)
    context["fouten"] = fouten
    context["openbare_pagina"] = True
    context["jaren"] = list(range(vandaag().year, EERSTE_JAAR - 1, -1))
    context["gekozen_peildatum"] = request.GET.get("peildatum") and peildatum
    return context


@openbare_pagina("jaar", "peildatum", peildatum="peildatum", ook=(standversie.NOTITIES, standversie.ARCHIEF))
def openbaar(request):
    """The public HTML rendering of the openbaar overview (no login), with a choice of year and the archived
    openbaar overviews of that year to download: cover, leeswijzer and summary, each GI on a page of its own
    (``openbaar_instelling``)."""
    fouten = []
    try:
        jaar = int(request.GET.get("jaar") or vandaag().year - 1)
        if not EERSTE_JAAR <= jaar <= vandaag().year:
            raise ValueError
    except ValueError:
        fouten.append(f"Kies een jaar van {EERSTE_JAAR} tot en met {vandaag().year}.")
        jaar = vandaag().year - 1
    peildatum = _openbare_peildatum(request, fouten)
    try:
        context = _openbare_context(request, openbare_html_context_uit_cache(jaar, peildatum), peildatum, fouten)
    except ValidationError as exc:  # the register held no GI on the peildatum (reports.overzicht refuses)
        return _geweigerd(request, exc)
    context["gearchiveerd"] = _openbare_overzichten(jaar)
    context["formaten"] = OPENBARE_FORMATEN
    return render(request, "reports/kameroverzicht.html", context, status=400 if fouten else 200)


@openbare_pagina("peildatum", peildatum="peildatum", ook=(standversie.NOTITIES,))
def openbaar_instelling(request, jaar: int, afkorting: str):
    """One GI's section of the public overview of ``jaar`` (no login): the same data as the overview page."""
    if not EERSTE_JAAR <= jaar <= vandaag().year:
        raise Http404(f"Er is geen Kameroverzicht van {jaar}; kies een jaar van {EERSTE_JAAR} tot en met {vandaag().year}.")
    fouten = []
    peildatum = _openbare_peildatum(request, fouten)
    try:
        context = openbare_instelling_context_uit_cache(jaar, peildatum, afkorting)
    except ValidationError as exc:
        return _geweigerd(request, exc)
    if context is None:
        raise Http404(f"Instelling {afkorting} staat niet in het Kameroverzicht van {jaar}.")
    context = _openbare_context(request, context, peildatum, fouten)
    return render(request, "reports/kameroverzicht_instelling.html", context, status=400 if fouten else 200)


# -- the aanleidingenoverzicht (DESIGN.md §5a): one click from the archive -----------------------------------------


def _fouten_op_formulier(form, exc: ValidationError) -> None:
    for veld, fouten in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        form.add_error(veld if veld in form.fields else None, fouten)


@inloggen_vereist
@require_http_methods(["GET", "POST"])
def aanleidingen_archief(request):
    """The archive of aanleidingenoverzichten with the form to make one (ministerie: openbaar; toezichthouders:
    both). Without a previous one there is no default van: the page says so and asks for it."""
    _vereis_toegang(request.user)
    mag_aanmaken = mag_genereren(request.user, OPENBAAR)
    if request.method == "POST":
        vereis_recht_op_variant(request.user, OPENBAAR, "aanleidingenoverzicht")
    form = AanleidingenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            overzicht = aanleidingenoverzicht_genereren(
                actor=request.user,
                van=form.cleaned_data["van"],
                tot=form.cleaned_data["tot"],
                peildatum=form.cleaned_data["peildatum"],
                variant=form.cleaned_data["variant"],
            )
        except ValidationError as exc:
            _fouten_op_formulier(form, exc)
        else:
            if getattr(overzicht, "hergebruikt", False):
                messages.success(request, f"{overzicht} stond al in het archief met dezelfde gegevens; er is geen "
                                          "tweede, gelijk exemplaar toegevoegd.")
            else:
                messages.success(request, f"{overzicht} is aangemaakt en gearchiveerd.")
            return redirect("reports:aanleidingen-detail", pk=overzicht.pk)
    return render(
        request,
        "reports/aanleidingen_archief.html",
        {
            **_beheer_context(request, "Archief aanleidingenoverzichten"),
            "form": form if mag_aanmaken else None,
            "geen_van": GEEN_VAN if mag_aanmaken and form.fields["van"].initial is None else "",
            "overzichten": selectors.aanleidingenoverzichten_voor(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


def _aanleidingenoverzicht(request, pk) -> Aanleidingenoverzicht:
    _vereis_toegang(request.user)
    try:
        return selectors.aanleidingenoverzicht_voor(request.user, pk)
    except Aanleidingenoverzicht.DoesNotExist:
        raise Http404("Dit aanleidingenoverzicht bestaat niet of u mag het niet inzien.") from None


@inloggen_vereist
def aanleidingen_detail(request, pk):
    overzicht = _aanleidingenoverzicht(request, pk)
    return render(request, "reports/aanleidingen_detail.html", {**_beheer_context(request, str(overzicht)), "overzicht": overzicht})


@inloggen_vereist
def aanleidingen_download(request, pk, formaat):
    overzicht = _aanleidingenoverzicht(request, pk)
    if formaat == "html":
        return render(request, "reports/aanleidingen.html", aanleidingen_html_context(overzicht.data))
    if formaat not in AANLEIDINGEN_RENDERERS:
        raise Http404("Onbekend formaat; kies pdf, json, csv of html.")
    return bestand(overzicht, formaat, renderers=AANLEIDINGEN_RENDERERS)
