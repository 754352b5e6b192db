"""The KMI's public list of certified GI's and applicants (Aanwijzingsbesluit art. 4 d): a page and a CSV, no login,
public fields only, produced from the register alone (certification/selectors.py)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render

from certification import selectors
from opendata.exports import als_csv
from register import cache, klok
from register.teksten import (
    AANVRAAGSOORT, CERTIFICAATSTATUS_TEKST, GELDIG_TOT_ONBEKEND, REIKWIJDTE, datum_cijfers, feitdatum_tekst,
)

DATUMFOUT = "'{waarde}' is geen bestaande datum; gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2025-09-16."

# The columns of the CSV, in this order: one row per certified GI (lijst 'gecertificeerd'), per GI whose status is
# not known (lijst 'onbekend') and per pending application (lijst 'aanvraag').
KOLOMMEN = (
    "lijst", "datum", "afkorting", "naam", "certificaatstatus", "reikwijdte", "jeugdbescherming_status",
    "jeugdreclassering_status", "sinds", "geldig_tot", "datumkwaliteit", "aanvraag_soort", "ingediend_op", "bron",
)


def _datum(request) -> tuple[dt.date, str | None]:
    waarde = request.GET.get("datum")
    try:
        return (dt.date.fromisoformat(waarde) if waarde else klok.vandaag()), None
    except ValueError:
        return klok.vandaag(), DATUMFOUT.format(waarde=waarde)


def _geldig_tot(regel) -> str:
    status = regel.stand.certificaat
    if status.geldig_tot_onbekend:
        return GELDIG_TOT_ONBEKEND
    return datum_cijfers(status.geldig_tot) if status.geldig_tot else ""


def _gi_regel(regel) -> dict:
    status = regel.stand.certificaat
    besluit = regel.besluit
    return {
        "afkorting": regel.instelling.afkorting,
        "naam": regel.instelling.naam,
        "status": CERTIFICAATSTATUS_TEKST.get(status.status, status.status),
        "reikwijdte": REIKWIJDTE.get(status.reikwijdte, "") if status.reikwijdte else "",
        "per_taak": {taak: CERTIFICAATSTATUS_TEKST.get(t.status, t.status) for taak, t in regel.stand.per_taak.items()},
        "sinds": feitdatum_tekst(besluit.ingangsdatum, besluit.datumkwaliteit) if besluit else "",
        "geldig_tot": _geldig_tot(regel),
        "datumkwaliteit": besluit.datumkwaliteit if besluit else "",
        "bron": besluit.bron if besluit else "",
    }


def _aanvraag_regel(aanvraag) -> dict:
    return {
        "afkorting": aanvraag.instelling.afkorting if aanvraag.instelling_id else "",
        "naam": aanvraag.aanvrager,
        "soort": AANVRAAGSOORT.get(aanvraag.soort, aanvraag.soort),
        "ingediend_op": feitdatum_tekst(aanvraag.ingediend_op, aanvraag.datumkwaliteit),
        "datumkwaliteit": aanvraag.datumkwaliteit,
        "bron": aanvraag.bron,
    }


def _inhoud(datum: dt.date) -> dict:
    lijst = selectors.openbare_lijst(datum)
    return {
        "gecertificeerd": [_gi_regel(r) for r in lijst.gecertificeerd],
        "onbekend": [_gi_regel(r) for r in lijst.onbekend],
        "aanvragen": [_aanvraag_regel(a) for a in lijst.aanvragen],
    }


@cache.openbare_pagina("datum")
def gecertificeerde_instellingen(request):
    datum, fout = _datum(request)
    context = {"datum": datum, "fout": fout, **_inhoud(datum)}
    return render(request, "certification/gecertificeerde_instellingen.html", context, status=400 if fout else 200)


def rijen(datum: dt.date) -> list[dict]:
    """The CSV's rows (KOLOMMEN) for ``datum``."""
    inhoud = _inhoud(datum)
    result = []
    for lijst, regels in (("gecertificeerd", inhoud["gecertificeerd"]), ("onbekend", inhoud["onbekend"])):
        for r in regels:
            result.append({
                "lijst": lijst, "datum": datum.isoformat(), "afkorting": r["afkorting"], "naam": r["naam"],
                "certificaatstatus": r["status"], "reikwijdte": r["reikwijdte"],
                "jeugdbescherming_status": r["per_taak"].get("jeugdbescherming", ""),
                "jeugdreclassering_status": r["per_taak"].get("jeugdreclassering", ""),
                "sinds": r["sinds"], "geldig_tot": r["geldig_tot"], "datumkwaliteit": r["datumkwaliteit"],
                "aanvraag_soort": "", "ingediend_op": "", "bron": r["bron"],
            })
    for a in inhoud["aanvragen"]:
        result.append({
            **dict.fromkeys(KOLOMMEN, ""), "lijst": "aanvraag", "datum": datum.isoformat(), "afkorting": a["afkorting"],
            "naam": a["naam"], "aanvraag_soort": a["soort"], "ingediend_op": a["ingediend_op"],
            "datumkwaliteit": a["datumkwaliteit"], "bron": a["bron"],
        })
    return result


def gecertificeerde_instellingen_csv(request):
    datum, fout = _datum(request)
    if fout:
        return render(request, "400.html", {"titel": "Ongeldige datum", "melding": fout}, status=400)
    response = HttpResponse(als_csv(KOLOMMEN, rijen(datum)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gecertificeerde-instellingen-{datum.isoformat()}.csv"'
    return response
