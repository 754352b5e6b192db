"""Web pages of the Kamer overview and the aanleidingenoverzicht: their archives (read by every role, made by
ministerie and toezichthouders) and the Kamer overview's public page."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from register import standversie
from register.cache import openbare_pagina
from register.klok import vandaag
from reports import selectors, services
from reports.afgeleid import (
    HTML_DELEN, PEILDATUM_QUERY, openbare_html_context_uit_cache, openbare_instelling_context_uit_cache,
)
from reports.forms import AanleidingenForm, GenereerForm
from reports.models import Aanleidingenoverzicht, GearchiveerdDocument, Kameroverzicht
from reports.renderers import AANLEIDINGEN_RENDERERS, RENDERERS, aanleidingen_html_context, bestand, html_context
from reports.services import EERSTE_JAAR, GEEN_VAN, aanleidingenoverzicht_genereren, kameroverzicht_genereren
from reports.varianten import OPENBAAR, mag_genereren, vereis_inzagerecht, vereis_recht_op_variant

inloggen_vereist = login_required(login_url="admin:login")


def _vereis_toegang(user) -> None:
    vereis_inzagerecht(user)  # every role reads the archive; making an overview is checked on POST


@dataclass(frozen=True)
class Archief:
    """An archive of one kind of document (the Kamer overview, DESIGN.md §5; the aanleidingenoverzicht, §5a): what
    its pages differ in. Both are read by every role and made by the ministerie (openbaar) and the toezichthouders
    (both variants); an archived document is never changed."""

    model: type[GearchiveerdDocument]  # its ``documentnaam`` names it in the messages on the rights
    titel: str  # of the archive page
    formulier: type[forms.Form]  # its fields are the arguments of ``genereren``
    genereren: Callable  # the service that builds, renders and archives one
    lijst: Callable  # selector: the documents the user may read, newest first
    ophalen: Callable  # selector: one of them by pk
    niet_gevonden: str
    archief_template: str
    detail_template: str
    detail_url: str
    download_url: str  # the route of its files (pdf, html, json, csv)
    html_template: str
    html_context: Callable  # the HTML rendering's context from the archived data
    renderers: dict  # the other formats (reports/renderers.py)
    extra_context: Callable = lambda form, mag_aanmaken: {}  # what else the archive page shows

    def overzicht(self, request, pk) -> GearchiveerdDocument:
        _vereis_toegang(request.user)
        try:
            return self.ophalen(request.user, pk)
        except self.model.DoesNotExist:
            raise Http404(self.niet_gevonden) from None


def _beheer_context(request, titel: str) -> dict:
    """The archive is part of the staff side: the admin's header (site name, the user, log-out) and breadcrumbs."""
    return {**admin.site.each_context(request), "title": titel}


def _fouten_op_formulier(form, exc: ValidationError) -> None:
    for veld, fouten in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        form.add_error(veld if veld in form.fields else None, fouten)


def _archiefpagina(request, archief: Archief):
    """The archive with the form to make a document (only for who may make the openbaar variant)."""
    _vereis_toegang(request.user)
    mag_aanmaken = mag_genereren(request.user, OPENBAAR)
    if request.method == "POST":
        vereis_recht_op_variant(request.user, OPENBAAR, archief.model.documentnaam)
    form = archief.formulier(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            overzicht = archief.genereren(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _fouten_op_formulier(form, exc)
        else:
            if getattr(overzicht, "hergebruikt", False):
                messages.success(request, f"{overzicht} stond al in het archief met dezelfde gegevens; er is geen "
                                          "tweede, gelijk exemplaar toegevoegd.")
            else:
                messages.success(request, f"{overzicht} is aangemaakt en gearchiveerd.")
            return redirect(archief.detail_url, pk=overzicht.pk)
    return render(
        request,
        archief.archief_template,
        {
            **_beheer_context(request, archief.titel),
            "form": form if mag_aanmaken else None,
            **archief.extra_context(form, mag_aanmaken),
            "overzichten": archief.lijst(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


def _detailpagina(request, archief: Archief, pk):
    overzicht = archief.overzicht(request, pk)
    return render(request, archief.detail_template,
                  {**_beheer_context(request, str(overzicht)), "overzicht": overzicht, "download_url": archief.download_url})


def _downloaden(request, archief: Archief, pk, formaat):
    """An archived document as HTML (rendered from its data), or as PDF (the archived file), CSV or JSON."""
    overzicht = archief.overzicht(request, pk)
    if formaat == "html":
        return render(request, archief.html_template, archief.html_context(overzicht.data))
    if formaat not in archief.renderers:
        raise Http404("Onbekend formaat; kies pdf, json, csv of html.")
    return bestand(overzicht, formaat, renderers=archief.renderers)


KAMEROVERZICHTEN = Archief(
    model=Kameroverzicht,
    titel="Archief Kameroverzichten",
    formulier=GenereerForm,
    genereren=kameroverzicht_genereren,
    lijst=selectors.kameroverzichten_voor,
    ophalen=selectors.kameroverzicht_voor,
    niet_gevonden="Dit Kameroverzicht bestaat niet of u mag het niet inzien.",
    archief_template="reports/archief.html",
    detail_template="reports/detail.html",
    detail_url="reports:detail",
    download_url="reports:download",
    html_template="reports/kameroverzicht.html",
    html_context=html_context,
    renderers=RENDERERS,
)


def _geen_van(form, mag_aanmaken) -> dict:
    """Without a previous aanleidingenoverzicht there is no default van: the page says so and asks for it."""
    return {"geen_van": GEEN_VAN if mag_aanmaken and form.fields["van"].initial is None else ""}


# The aanleidingenoverzicht (DESIGN.md §5a): one click from the archive of Kameroverzichten.
AANLEIDINGENOVERZICHTEN = Archief(
    model=Aanleidingenoverzicht,
    titel="Archief aanleidingenoverzichten",
    formulier=AanleidingenForm,
    genereren=aanleidingenoverzicht_genereren,
    lijst=selectors.aanleidingenoverzichten_voor,
    ophalen=selectors.aanleidingenoverzicht_voor,
    niet_gevonden="Dit aanleidingenoverzicht bestaat niet of u mag het niet inzien.",
    archief_template="reports/aanleidingen_archief.html",
    detail_template="reports/aanleidingen_detail.html",
    detail_url="reports:aanleidingen-detail",
    download_url="reports:aanleidingen-download",
    html_template="reports/aanleidingen.html",
    html_context=aanleidingen_html_context,
    renderers=AANLEIDINGEN_RENDERERS,
    extra_context=_geen_van,
)


@inloggen_vereist
@require_http_methods(["GET", "POST"])
def archief(request):
    return _archiefpagina(request, KAMEROVERZICHTEN)


@inloggen_vereist
def detail(request, pk):
    return _detailpagina(request, KAMEROVERZICHTEN, pk)


@inloggen_vereist
def download(request, pk, formaat):
    return _downloaden(request, KAMEROVERZICHTEN, pk, formaat)


@inloggen_vereist
@require_http_methods(["GET", "POST"])
def aanleidingen_archief(request):
    return _archiefpagina(request, AANLEIDINGENOVERZICHTEN)


@inloggen_vereist
def aanleidingen_detail(request, pk):
    return _detailpagina(request, AANLEIDINGENOVERZICHTEN, pk)


@inloggen_vereist
def aanleidingen_download(request, pk, formaat):
    return _downloaden(request, AANLEIDINGENOVERZICHTEN, pk, formaat)


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
    # A link to a GI's page keeps the peildatum the reader chose.
    context["peildatum_query"] = f"?peildatum={peildatum.isoformat()}" if context["gekozen_peildatum"] else ""
    # The rows rendered per GI (the overview of today, reports/afgeleid.py), with that link: rendered by the templates
    # with autoescaping, so safe as they are.
    for naam in HTML_DELEN:
        if context.get(naam) is not None:
            context[naam] = mark_safe(context[naam].replace(PEILDATUM_QUERY, context["peildatum_query"]))
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
