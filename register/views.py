"""Public pages of the register: public fields only."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.templatetags.static import static
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from register import cache, klok, selectors, teksten
from register.models import Instelling
from register.teksten import datum_tekst, feitdatum_tekst, grenskwaliteit, periode_met_kwaliteit
from register.tijdlijnbeeld import tijdlijnbeeld

CERTIFICAAT_TEKST = teksten.CERTIFICAATSTATUS_TEKST
TOEZICHT_TEKST = teksten.TOEZICHTNIVEAU_TEKST
DATUMFOUT = "'{waarde}' is geen bestaande datum; gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2025-09-16."


def _datum(request, naam: str = "datum") -> tuple[dt.date, str | None]:
    waarde = request.GET.get(naam)
    try:
        return (dt.date.fromisoformat(waarde) if waarde else klok.vandaag()), None
    except ValueError:
        return klok.vandaag(), DATUMFOUT.format(waarde=waarde)


@cache.openbare_pagina("datum")
def index(request):
    datum, fout = _datum(request)
    statussen = selectors.statussen_op_uit_cache(datum)
    omvang = selectors.omvang_op(datum)
    dekking = teksten.dekking_tekst(
        len(statussen),
        {"aantal": omvang.aantal, "datum": omvang.datum, "bron": omvang.bron} if omvang else None,
        [s.instelling.afkorting for s in statussen if s.instelling.nog_niets_vastgelegd],
    )
    rijen = [_rij_html(_rij_waarden(s, datum)) for s in statussen]
    context = {"datum": datum, "fout": fout, "rijen": rijen, "vandaag": klok.vandaag(), "dekking": dekking}
    return render(request, "register/index.html", context, status=400 if fout else 200)


def _rij_waarden(s, datum: dt.date) -> dict:
    """Every value one row of the table on "/" shows (templates/register/_stand_rij.html reads only these)."""
    gi = s.instelling
    return {
        "afkorting": gi.afkorting, "naam": gi.naam, "soort": gi.soort, "nog_niets_vastgelegd": gi.nog_niets_vastgelegd,
        "certificering_vanaf": gi.certificering_vanaf, "toezicht_vanaf": gi.toezicht_vanaf,
        "certificaat_status": s.certificaat.status,
        "certificaat": CERTIFICAAT_TEKST.get(s.certificaat.status, s.certificaat.status),
        "geldig_tot": s.certificaat.geldig_tot, "geldig_tot_onbekend": s.certificaat.geldig_tot_onbekend,
        "reikwijdte": teksten.reikwijdte_tekst(s.certificaat.reikwijdte) if s.certificaat.reikwijdte else "",
        "toezicht_niveau": s.toezicht.niveau, "toezicht": TOEZICHT_TEKST.get(s.toezicht.niveau, s.toezicht.niveau),
        "termijn_verstreken": s.toezicht.termijn_verstreken, "datum": datum,
    }


# The rows of the table on "/", rendered once per content in this process. The page of hundreds of GI's is rebuilt
# after every write (register/cache.py), but a write changes one GI's row: the other rows come from here instead of
# the template engine (rendering 500 rows was most of the rebuild). The key is every value the row shows (and the
# language the dates are written in), so a row is never served for other content; public values only, as the page.
_RIJEN: OrderedDict[tuple, str] = OrderedDict()
RIJEN_MAX = 5000


def _rij_html(waarden: dict) -> str:
    sleutel = (translation.get_language(), *waarden.items())
    html = _RIJEN.get(sleutel)
    if html is None:
        html = render_to_string("register/_stand_rij.html", waarden)
        _RIJEN[sleutel] = html
        if len(_RIJEN) > RIJEN_MAX:
            _RIJEN.popitem(last=False)
    return html


def _rij(
    interval, teksten, open_einde: dt.date | None, einde_tijdlijn: dt.date, einde_per_besluit: dict,
    kwaliteit_per_ingang: dict | None = None,
) -> dict:
    """One status period for the tables: a period still running at the end of the timeline is open ("sinds …"),
    with the end its besluit gives (geldig tot, voorziene einddatum). A boundary that is the ingangsdatum of a
    besluit whose date is known only to the month (or estimated) is shown as its datumkwaliteit allows: "sinds
    december 2024", "… tot december 2024", never a made-up day."""
    kwaliteit = kwaliteit_per_ingang or {}
    return {
        "van_tekst": feitdatum_tekst(interval.van, kwaliteit.get(interval.van, "exact")),
        "periode_tekst": periode_met_kwaliteit(interval.van, interval.tot, kwaliteit),
        "van": interval.van,
        "tot": interval.tot,
        "tekst": teksten.get(interval.waarde, interval.waarde),
        "waarde": interval.waarde,
        "termijn_verstreken": getattr(interval, "termijn_verstreken", False),
        "open": interval.tot >= einde_tijdlijn and interval.tot >= open_einde,
        "einde": einde_per_besluit.get(interval.besluit_id),
    }


def _sinds(periode, soort: str, ingang: dict, verlopen: bool = False) -> str | None:
    """Since when the state on the chosen day holds, in a sentence: the ingangsdatum of the besluit in force (a
    heightened level whose term has passed is still the level of that besluit) as its datumkwaliteit allows (a
    ``maand`` date as its month), or for an expired certificate the day it expired."""
    if periode is None or periode.besluit_id is None:
        return None
    if verlopen:
        return datum_tekst(periode.van)
    besluit = ingang.get((soort, periode.besluit_id))
    if besluit is None:
        return datum_tekst(periode.van)
    return feitdatum_tekst(besluit.ingangsdatum, besluit.datumkwaliteit, vorm="tekst")


def _stand_op(intervallen, datum):
    return next((i for i in intervallen if i.van <= datum <= i.tot), None)


@cache.openbare_pagina("datum", "jaar", per_gi="afkorting")
def instelling(request, afkorting: str):
    try:
        gi = Instelling.objects.get(afkorting=afkorting, vervallen=False)
    except Instelling.DoesNotExist:
        raise Http404("Deze instelling staat niet in het register.") from None
    datum, fout = _datum(request)
    vandaag = klok.vandaag()
    try:
        jaar = int(request.GET.get("jaar") or datum.year)
        if not 2000 <= jaar <= vandaag.year + 10:
            raise ValueError
    except ValueError:
        fout = (fout + " " if fout else "") + f"Kies een jaar van 2000 tot en met {vandaag.year + 10}."
        jaar = datum.year
    # The whole timeline and the chosen year's, from one read of the GI's records.
    tijdlijn, jaarlijn = selectors.tijdlijnen(gi, (None, None), (dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)))
    besluiten = [g.object for g in tijdlijn.gebeurtenissen if g.soort == "certificaatbesluit"]
    toezichtbesluiten = [g.object for g in tijdlijn.gebeurtenissen if g.soort == "toezichtbesluit"]
    geldig_tot = {b.id: b.geldig_tot for b in besluiten}
    voorzien = {b.id: b.voorziene_einddatum for b in toezichtbesluiten}
    # A period may begin on the first day of the timeline, which is another kind's date: one map for both tables.
    kwaliteit = grenskwaliteit((b.ingangsdatum, b.datumkwaliteit) for b in [*besluiten, *toezichtbesluiten])
    onbekend_tot = {b.id for b in besluiten if b.geldig_tot_onbekend}
    cert_rijen = [
        {**_rij(i, CERTIFICAAT_TEKST, vandaag, tijdlijn.tot, geldig_tot, kwaliteit),
         "einde_onbekend": i.besluit_id in onbekend_tot and i.waarde != "verlopen"}
        for i in tijdlijn.certificaat_intervallen
    ]
    toezicht_rijen = [
        _rij(i, TOEZICHT_TEKST, vandaag, tijdlijn.tot, voorzien, kwaliteit) for i in tijdlijn.toezicht_intervallen
    ]

    ingang = {("certificaatbesluit", b.id): b for b in besluiten}
    ingang |= {("toezichtbesluit", b.id): b for b in toezichtbesluiten}
    cert_nu = selectors.certificaatstatus_op(gi, datum)
    per_taak = [
        {"taak": taak, "tekst": CERTIFICAAT_TEKST.get(t.status, t.status), "status": t} for taak, t in
        selectors.certificaatstatus_per_taak_op(gi, datum).items()
    ]
    toezicht_nu = selectors.toezichtniveau_op(gi, datum)
    cert_periode = _stand_op(tijdlijn.certificaat_intervallen, datum)
    toezicht_periode = _stand_op(tijdlijn.toezicht_intervallen, datum)

    beeld = tijdlijnbeeld(
        jaar,
        jaarlijn.certificaat_intervallen,
        jaarlijn.toezicht_intervallen,
        [(g.datum, g.omschrijving, g.datumkwaliteit) for g in jaarlijn.gebeurtenissen if g.soort == "audit"],
        [(g.datum, g.omschrijving, g.datumkwaliteit) for g in jaarlijn.gebeurtenissen if g.soort == "inspectieonderzoek"],
        kwaliteit,
    )
    rapporten = [g.object for g in tijdlijn.gebeurtenissen if g.soort == "inspectieonderzoek"]
    context = {
        "tijdlijn": tijdlijn,
        "instelling": gi,
        "datum": datum,
        "jaar": jaar,
        "jaren": list(range(max(2000, tijdlijn.van.year), max(vandaag.year, tijdlijn.tot.year) + 1)),
        "fout": fout,
        "cert_rijen": cert_rijen,
        "toezicht_rijen": toezicht_rijen,
        "cert_nu": cert_nu,
        "cert_nu_tekst": CERTIFICAAT_TEKST.get(cert_nu.status, cert_nu.status),
        "cert_nu_reikwijdte": teksten.reikwijdte_tekst(cert_nu.reikwijdte) if cert_nu.reikwijdte else "",
        "per_taak": per_taak,
        "cert_sinds": _sinds(cert_periode, "certificaatbesluit", ingang, verlopen=cert_nu.status == "verlopen"),
        "toezicht_nu": toezicht_nu,
        "toezicht_nu_tekst": TOEZICHT_TEKST.get(toezicht_nu.niveau, toezicht_nu.niveau),
        "toezicht_sinds": _sinds(toezicht_periode, "toezichtbesluit", ingang),
        "beeld": beeld,
        "rapporten": rapporten,
        # the Kamer overview (signals, afweging, wederhoor) exists for the years up to the current one
        "overzicht_jaar": jaar <= vandaag.year,
        "bronnen": sorted({g.bron for g in tijdlijn.gebeurtenissen if g.bron} | ({gi.bron} if gi.bron else set())),
    }
    return render(request, "register/instelling.html", context, status=400 if fout else 200)


def over_de_gegevens(request):
    """What the public data rest on and what the register assumed: the notes about the data (DESIGN.md §5,
    Verantwoording), the general ones first, then per GI. Read fresh: a note can be added without any other change."""
    notities = selectors.gegevensnotities_op()
    algemeen = [n for n in notities if n.instelling is None]
    per_gi: dict = {}
    for n in notities:
        if n.instelling is not None:
            per_gi.setdefault(n.instelling, []).append(n)
    return render(request, "register/over_de_gegevens.html", {"algemeen": algemeen, "per_gi": list(per_gi.items())})


def toegankelijkheid(request):
    return render(request, "register/toegankelijkheid.html", {"contact": settings.API_CONTACT})


def favicon(request):
    """/favicon.ico, which browsers ask for on a page that names no icon: the register's icon (resolved per request,
    so the hashed name of a production build is found)."""
    return HttpResponseRedirect(static("register/favicon.svg"))
