"""Open data pages and downloads (DESIGN.md §6): no login, public fields only (opendata/exports.py)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render

from opendata import exports
from register import klok

FORMATEN = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def index(request):
    return render(request, "opendata/index.html", {
        "stand_kolommen": exports.STAND_KOLOMMEN,
        "registratie_kolommen": exports.REGISTRATIE_KOLOMMEN,
        "vandaag": klok.vandaag(),
    })


def _download(inhoud: bytes, formaat: str, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=FORMATEN[formaat])
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.{formaat}"'
    return response


def _fout(request, melding: str) -> HttpResponse:
    return render(request, "400.html", {"titel": "Ongeldige datum", "melding": melding}, status=400)


def stand(request, formaat: str):
    waarde = request.GET.get("datum")
    try:
        datum = dt.date.fromisoformat(waarde) if waarde else klok.vandaag()
    except ValueError:
        return _fout(request, f"'{waarde}' is geen bestaande datum; gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2025-09-16.")
    rijen = exports.stand(datum)
    if formaat == "csv":
        inhoud = exports.als_csv(exports.STAND_KOLOMMEN, rijen)
    else:
        inhoud = exports.als_json("stand", exports.STAND_KOLOMMEN, rijen, datum=datum.isoformat())
    return _download(inhoud, formaat, f"gi-register-stand-{datum.isoformat()}")


def registraties(request, formaat: str):
    rijen = exports.registraties()
    if formaat == "csv":
        inhoud = exports.als_csv(exports.REGISTRATIE_KOLOMMEN, rijen)
    else:
        inhoud = exports.als_json("registraties", exports.REGISTRATIE_KOLOMMEN, rijen, aangemaakt=klok.vandaag().isoformat())
    return _download(inhoud, formaat, "gi-register-registraties")
