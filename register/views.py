"""Public pages of the register: public fields only."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from register import cache, klok, selectors, teksten
from register.models import Instelling
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
    statussen = [
        {
            "status": s,
            "certificaat": CERTIFICAAT_TEKST.get(s.certificaat.status, s.certificaat.status),
            "toezicht": TOEZICHT_TEKST.get(s.toezicht.niveau, s.toezicht.niveau),
        }
        for s in selectors.statussen_op_uit_cache(datum)
    ]
    omvang = selectors.omvang_op(datum)
    dekking = teksten.dekking_tekst(
        len(statussen),
        {"aantal": omvang.aantal, "datum": omvang.datum, "bron": omvang.bron} if omvang else None,
        [r["status"].instelling.afkorting for r in statussen if r["status"].instelling.nog_niets_vastgelegd],
    )
    context = {"datum": datum, "fout": fout, "statussen": statussen, "vandaag": klok.vandaag(), "dekking": dekking}
    return render(request, "register/index.html", context, status=400 if fout else 200)


def _rij(interval, teksten, open_einde: dt.date | None, einde_tijdlijn: dt.date, einde_per_besluit: dict) -> dict:
    """One status period for the tables: a period still running at the end of the timeline is open ("sinds …"),
    with the end its besluit gives (geldig tot, voorziene einddatum)."""
    return {
        "van": interval.van,
        "tot": interval.tot,
        "tekst": teksten.get(interval.waarde, interval.waarde),
        "waarde": interval.waarde,
        "termijn_verstreken": getattr(interval, "termijn_verstreken", False),
        "open": interval.tot >= einde_tijdlijn and interval.tot >= open_einde,
        "einde": einde_per_besluit.get(interval.besluit_id),
    }


def _sinds(periode, soort: str, ingang: dict, verlopen: bool = False) -> dt.date | None:
    """Since when the state on the chosen day holds: the ingangsdatum of the besluit in force (a heightened level
    whose term has passed is still the level of that besluit), or for an expired certificate the day it expired."""
    if periode is None or periode.besluit_id is None:
        return None
    if verlopen:
        return periode.van
    return ingang.get((soort, periode.besluit_id), periode.van)


def _stand_op(intervallen, datum):
    return next((i for i in intervallen if i.van <= datum <= i.tot), None)


@cache.openbare_pagina("datum", "jaar")
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
    tijdlijn = selectors.tijdlijn(gi)
    besluiten = [g.object for g in tijdlijn.gebeurtenissen if g.soort == "certificaatbesluit"]
    toezichtbesluiten = [g.object for g in tijdlijn.gebeurtenissen if g.soort == "toezichtbesluit"]
    geldig_tot = {b.id: b.geldig_tot for b in besluiten}
    voorzien = {b.id: b.voorziene_einddatum for b in toezichtbesluiten}
    cert_rijen = [_rij(i, CERTIFICAAT_TEKST, vandaag, tijdlijn.tot, geldig_tot) for i in tijdlijn.certificaat_intervallen]
    toezicht_rijen = [_rij(i, TOEZICHT_TEKST, vandaag, tijdlijn.tot, voorzien) for i in tijdlijn.toezicht_intervallen]

    ingang = {("certificaatbesluit", b.id): b.ingangsdatum for b in besluiten}
    ingang |= {("toezichtbesluit", b.id): b.ingangsdatum for b in toezichtbesluiten}
    cert_nu = selectors.certificaatstatus_op(gi, datum)
    toezicht_nu = selectors.toezichtniveau_op(gi, datum)
    cert_periode = _stand_op(tijdlijn.certificaat_intervallen, datum)
    toezicht_periode = _stand_op(tijdlijn.toezicht_intervallen, datum)

    jaarlijn = selectors.tijdlijn(gi, dt.date(jaar, 1, 1), dt.date(jaar, 12, 31))
    beeld = tijdlijnbeeld(
        jaar,
        jaarlijn.certificaat_intervallen,
        jaarlijn.toezicht_intervallen,
        [(g.datum, g.omschrijving) for g in jaarlijn.gebeurtenissen if g.soort == "audit"],
        [(g.datum, g.omschrijving) for g in jaarlijn.gebeurtenissen if g.soort == "inspectieonderzoek"],
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


def toegankelijkheid(request):
    return render(request, "register/toegankelijkheid.html", {"contact": settings.API_CONTACT})
