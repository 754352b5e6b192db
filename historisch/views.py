"""The admin pages of import and export (README, "Historische gegevens importeren"): per kind an import (upload →
preview with a report per row → confirm), a template and an export of the admin's list with its filters.

Import: only the role that writes the kind (register/domein.py); export: every role, with the columns it may read
(register/vertrouwelijkheid.py). The preview carries the file to the confirmation signed, bound to the user and the
kind; the confirmation runs every row again, so what is saved is what the report showed, or nothing. The report page
shows the refused rows first (their count, a link to each) and the first rows of the accepted ones; the same signed
file gives the whole report as CSV on request (``_volledig_verslag``), so a page of 5,000 rows is never rendered."""

from __future__ import annotations

import base64

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import DataError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse

from historisch import bestanden, exporteren, importeren
from historisch.soorten import SOORTEN, Soort
from register import domein, klok, roles

ZOUT = "historisch.import"
VERSLAG = "verslag"  # the field (or button value) asking for the whole report as CSV
GELDIG_SECONDEN = 3600
ONGELDIGE_BEVESTIGING = (
    "De bevestiging van deze import is niet geldig (verlopen, of van een ander bestand of account). "
    "Lees het bestand opnieuw in."
)
ONGELDIG_FILTER = "Een filter in het adres van de lijst kan niet worden toegepast. Kies het filter opnieuw in de lijst."


class Uploadformulier(forms.Form):
    bestand = forms.FileField(
        label="Bestand (CSV of XLSX)",
        help_text=f"Eén soort per bestand, de eerste rij noemt de kolommen; hoogstens {bestanden.MAX_BYTES // 1_000_000} MB.",
    )


def _soort(naam: str, formaat: str = bestanden.CSV) -> Soort:
    if naam not in SOORTEN or formaat not in bestanden.FORMATEN:
        raise Http404("Deze soort registraties kan niet worden ingelezen of geëxporteerd.")
    return SOORTEN[naam]


def _lijst_url(definitie: Soort) -> str:
    opts = definitie.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def _context(request, definitie: Soort, **extra) -> dict:
    opts = definitie.model._meta
    return {
        **admin.site.each_context(request),
        "opts": opts,
        "soort": definitie,
        "lijst_url": _lijst_url(definitie),
        "title": f"{str(opts.verbose_name_plural).capitalize()} importeren",
        "kolommen": [r for r in definitie.uitleg() if r[0] in exporteren.kolommen(definitie, request.user, export=False)],
        "sleutel": ", ".join(definitie.sleutel),
        "formaten": bestanden.FORMATEN,
        "tonen": importeren.TONEN,
        **extra,
    }


def _vereis_schrijfrecht(request, definitie: Soort) -> None:
    if not domein.mag_schrijven(request.user, definitie.model):
        raise PermissionDenied(f"U mag geen {definitie.model._meta.verbose_name_plural} inlezen.")


def importeren_view(request, soort: str):
    definitie = _soort(soort)
    _vereis_schrijfrecht(request, definitie)
    if request.method != "POST":
        return TemplateResponse(request, "admin/historisch/importeren.html", _context(request, definitie, form=Uploadformulier()))
    if request.POST.get("actie") == VERSLAG or VERSLAG in request.POST:
        return _volledig_verslag(request, definitie)
    if "bevestiging" in request.POST:
        return _bevestigen(request, definitie)
    form = Uploadformulier(request.POST, request.FILES)
    if not form.is_valid():
        return TemplateResponse(request, "admin/historisch/importeren.html", _context(request, definitie, form=form))
    bestand = form.cleaned_data["bestand"]
    inhoud = bestand.read(bestanden.MAX_BYTES + 1)
    verslag = importeren.importeren(
        actor=request.user, soort=definitie.naam, bestandsnaam=bestand.name, inhoud=inhoud, opslaan=False
    )
    bevestiging = verslagtoken = None
    if verslag.rijen:
        # The file, signed and bound to the user and the kind: for the confirmation, and for the whole report.
        token = signing.dumps(
            {"gebruiker": request.user.pk, "soort": definitie.naam, "naam": verslag.bestandsnaam,
             "inhoud": base64.b64encode(inhoud).decode("ascii")},
            salt=ZOUT, compress=True,
        )
        if not verslag.geweigerd and verslag.verandert_iets:
            bevestiging = token
        else:
            verslagtoken = token
    context = _context(
        request, definitie, form=Uploadformulier(), verslag=verslag, bevestiging=bevestiging, verslagtoken=verslagtoken
    )
    # A file that cannot be read as a table (format, bounds, damage) is a bad request; a report of rows is not.
    status = 400 if verslag.bestandsfout else 200
    return TemplateResponse(request, "admin/historisch/importeren.html", context, status=status)


def _getekend_bestand(request, definitie: Soort, veld: str) -> dict | None:
    """The file of a preview, from its signed token in ``veld``; None when the token is not valid for this user
    and kind (forged, expired, someone else's)."""
    try:
        gegevens = signing.loads(request.POST[veld], salt=ZOUT, max_age=GELDIG_SECONDEN)
        if gegevens["gebruiker"] != request.user.pk or gegevens["soort"] != definitie.naam:
            raise signing.BadSignature
        return {"naam": gegevens["naam"], "inhoud": base64.b64decode(gegevens["inhoud"])}
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _volledig_verslag(request, definitie: Soort):
    """The report of every row as CSV (the page shows the first rows of each part): the file checked again, as in
    the preview, and nothing saved."""
    bestand = _getekend_bestand(request, definitie, VERSLAG if VERSLAG in request.POST else "bevestiging")
    if bestand is None:
        return HttpResponseBadRequest(render_to_string("400.html", {"melding": ONGELDIGE_BEVESTIGING}))
    verslag = importeren.importeren(
        actor=request.user, soort=definitie.naam, bestandsnaam=bestand["naam"], inhoud=bestand["inhoud"], opslaan=False
    )
    rijen = [
        {"rij": rij.nummer, "registratie": rij.sleutel, "uitkomst": rij.status_tekst, "kolom": kolom, "melding": melding}
        for rij in verslag.rijen for kolom, melding in (rij.fouten or [("", "")])
    ]
    inhoud = bestanden.schrijf(bestanden.CSV, ["rij", "registratie", "uitkomst", "kolom", "melding"], rijen)
    return _bestand(inhoud, f"verslag-{verslag.bestandsnaam.rsplit('.', 1)[0]}", bestanden.CSV)


def _bevestigen(request, definitie: Soort):
    bestand = _getekend_bestand(request, definitie, "bevestiging")
    if bestand is None:
        return HttpResponseBadRequest(render_to_string("400.html", {"melding": ONGELDIGE_BEVESTIGING}))
    naam, inhoud = bestand["naam"], bestand["inhoud"]
    verslag = importeren.importeren(
        actor=request.user, soort=definitie.naam, bestandsnaam=naam, inhoud=inhoud, opslaan=True
    )
    if verslag.geweigerd:  # the register changed between preview and confirmation: nothing is saved
        context = _context(request, definitie, form=Uploadformulier(), verslag=verslag, bevestiging=None,
                           verslagtoken=request.POST["bevestiging"])
        return TemplateResponse(request, "admin/historisch/importeren.html", context)
    messages.success(request, f"Import {verslag.bestandsnaam}: {verslag.samenvatting}")
    return HttpResponseRedirect(_lijst_url(definitie))


def sjabloon_view(request, soort: str, formaat: str):
    definitie = _soort(soort, formaat)
    _vereis_schrijfrecht(request, definitie)
    return _bestand(exporteren.sjabloon(definitie, request.user, formaat), f"sjabloon-{definitie.naam}", formaat)


def exporteren_view(request, soort: str, formaat: str):
    """The admin's list of this kind as it is filtered (the same query string, judged by the same admin, so a
    filter on a field the user may not read is refused here as there)."""
    definitie = _soort(soort, formaat)
    if not roles.mag_inzien(request.user):
        raise PermissionDenied
    modeladmin = admin.site._registry[definitie.model]
    try:
        with transaction.atomic():
            lijst = modeladmin.get_changelist_instance(request)
            inhoud = exporteren.exporteren(definitie, request.user, lijst.get_queryset(request), formaat)
    except (IncorrectLookupParameters, ValueError, OverflowError, DataError):
        return HttpResponseBadRequest(render_to_string("400.html", {"melding": ONGELDIG_FILTER}))
    return _bestand(inhoud, f"{definitie.naam}-{klok.vandaag().isoformat()}", formaat)


def _bestand(inhoud: bytes, naam: str, formaat: str) -> HttpResponse:
    mime = bestanden.XLSX_MIME if formaat == bestanden.XLSX else bestanden.CSV_MIME
    response = HttpResponse(inhoud, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return response
