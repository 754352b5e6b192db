"""JSON, CSV and HTML renderers of the Kamer overview, and the download of an archived one in any of them; like
the PDF renderer (reports/pdf.py) they read only the overview structure built by reports/overzicht.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.http import HttpResponse
from django.template.loader import render_to_string

from register.teksten import CERT_LABEL, TERMIJN_VERSTREKEN, TOEZICHT_LABEL, datum_kort, registerstand_tekst
from reports.models import Kameroverzicht
from reports.pdf import render_pdf
from reports.varianten import is_vertrouwelijk

CSV_KOLOMMEN = (
    "afkorting",
    "naam",
    "soort",
    "certificaat_1_jan",
    "certificaat_31_dec",
    "certificaatwijzigingen",
    "toezicht_1_jan",
    "toezicht_31_dec",
    "aantal_audits",
    "aantal_rapporten",
    "laatste_oordeel_goed_bestuur",
    "in_de_pas",
    "signaalcodes",
)


def render_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def csv_cel(waarde):
    """A CSV cell that a spreadsheet shows and never runs: text starting with =, +, -, @, tab or CR gets a
    leading apostrophe (OWASP). A number the overview computed itself (aantal audits, …) is written as a
    number, also when negative: it comes from an int, never from entered text, so it cannot be a formula."""
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return waarde
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(FORMULE_BEGIN) else tekst


def render_csv(data: dict) -> bytes:
    """One row per GI (semicolon-separated, UTF-8 with BOM so spreadsheet programs read it as Dutch text);
    every cell passes ``csv_cel``."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(["jaar", "peildatum", "variant", *CSV_KOLOMMEN])
    for gi in data["instellingen"]:
        bestuur = gi["laatste_oordeel_goed_bestuur"]
        waarden = {
            **gi,
            "laatste_oordeel_goed_bestuur": f"{bestuur['waarde']} ({bestuur['rapportdatum']})" if bestuur else "",
            "in_de_pas": "ja" if gi["in_de_pas"] else "nee",
            "signaalcodes": " ".join(gi["signaalcodes"]),
        }
        rij = [data["jaar"], data["peildatum"], data["variant"], *(waarden[k] for k in CSV_KOLOMMEN)]
        schrijver.writerow([csv_cel(w) for w in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _datum(iso):
    return dt.date.fromisoformat(iso) if iso else None


def _gi_weergave(gi: dict) -> dict:
    bestuur = gi["laatste_oordeel_goed_bestuur"]
    return {
        **gi,
        "cert_begin": CERT_LABEL.get(gi["certificaat_1_jan"], gi["certificaat_1_jan"]),
        "cert_eind": CERT_LABEL.get(gi["certificaat_31_dec"], gi["certificaat_31_dec"]),
        "toezicht_begin": TOEZICHT_LABEL.get(gi["toezicht_1_jan"], gi["toezicht_1_jan"]),
        "toezicht_eind": TOEZICHT_LABEL.get(gi["toezicht_31_dec"], gi["toezicht_31_dec"])
        + (f" ({TERMIJN_VERSTREKEN})" if gi["toezicht_31_dec_termijn_verstreken"] else ""),
        "bestuur": f"{bestuur['tekst']} ({datum_kort(bestuur['rapportdatum'])})" if bestuur else "–",
        "gebeurtenissen": [{**g, "datum_nl": datum_kort(g["datum"])} for g in gi["gebeurtenissen"]],
        "signalen": [
            {**s, "perioden_nl": "; ".join(datum_kort(a) if a == b else f"{datum_kort(a)} t/m {datum_kort(b)}" for a, b in s["perioden"])}
            for s in gi["signalen"]
        ],
        "rapporten": [{**r, "datum_nl": datum_kort(r["rapportdatum"])} for r in gi["rapporten"]],
        "certificaatbesluiten": [
            {**b, "ingang_nl": datum_kort(b["ingangsdatum"]), "tot_nl": datum_kort(b["geldig_tot"])} for b in gi["certificaatbesluiten"]
        ],
        "audits": [{**a, "start_nl": datum_kort(a["startdatum"]), "eind_nl": datum_kort(a["einddatum"])} for a in gi["audits"]],
        "cert_intervallen": [
            {**i, "van_nl": datum_kort(i["van"]), "tot_nl": datum_kort(i["tot"])} for i in gi["certificaat_intervallen"]
        ],
        "toezicht_intervallen_nl": [
            {**i, "van_nl": datum_kort(i["van"]), "tot_nl": datum_kort(i["tot"])} for i in gi["toezicht_intervallen"]
        ],
    }


def html_context(data: dict) -> dict:
    return {
        "instellingen": [_gi_weergave(gi) for gi in data["instellingen"]],
        "monitor": [{**m, "peildatum_nl": datum_kort(m["peildatum"])} for m in data["monitor"]],
        "data": data,
        "vertrouwelijk": is_vertrouwelijk(data["variant"]),
        "peildatum": _datum(data["peildatum"]),
        "registerstand": registerstand_tekst(data),
        "cert_label": CERT_LABEL,
        "toezicht_label": TOEZICHT_LABEL,
    }


def render_html(data: dict, request=None) -> str:
    return render_to_string("reports/kameroverzicht.html", html_context(data), request=request)


RENDERERS = {
    "pdf": ("application/pdf", render_pdf),
    "json": ("application/json; charset=utf-8", render_json),
    "csv": ("text/csv; charset=utf-8", render_csv),
}


def bestand(overzicht: Kameroverzicht, formaat: str, soort: str | None = None) -> HttpResponse:
    """An archived overview as a download: the archived PDF itself, or its data rendered as ``formaat``."""
    standaard_soort, renderer = RENDERERS[formaat]
    inhoud = bytes(overzicht.pdf) if formaat == "pdf" else renderer(overzicht.data)
    response = HttpResponse(inhoud, content_type=soort or standaard_soort)
    response["Content-Disposition"] = f'attachment; filename="{overzicht.bestandsnaam}.{formaat}"'
    return response
