"""JSON, CSV and HTML renderers of the Kamer overview, and the download of an archived one in any of them; like
the PDF renderer (reports/pdf.py) they read only the overview structure built by reports/overzicht.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.http import HttpResponse
from django.template.loader import render_to_string

from register import tekens
from register.csvcel import csv_cel
from register.teksten import (
    CERT_LABEL, TERMIJN_VERSTREKEN, TOEZICHT_LABEL, datum_kort, datumkwaliteit_van, feitdatum_kort, geldig_tot_kort,
    grenskwaliteit, periode_met_kwaliteit, registerstand_tekst,
)
from reports.aanleidingen_pdf import render_aanleidingen_pdf
from reports.models import GearchiveerdDocument
from reports.pdf import render_pdf
from reports.teksten import (
    AANLEIDINGEN_LANDELIJK,
    signaal_perioden,
    AANLEIDINGEN_LEESWIJZER,
    AANLEIDINGEN_NIETS,
    AANLEIDINGEN_ONDERTITEL,
    AANLEIDINGEN_VERZENDING,
    OVERKOEPELEND_INLEIDING,
    OVERKOEPELEND_KOP,
    gi_opsomming,
    ook_over_tekst,
    zienswijze_tekst,
    GEEN_REACTIE,
    aanleiding_datum,
    aanleidingen_leeg,
    aanleidingen_periode,
    aanleidingen_soortnamen,
    aanleidingen_telling,
    aanleidingen_zonder,
    REACTIES_ZONDER_SIGNAAL_KOP,
    beleidsreactie_tekst,
    signaal_geldt_niet_meer,
    LEESWIJZER,
    LEESWIJZER_NA_TABEL,
    MONITOR_KOLOMMEN,
    ONDERTITEL,
    VERANTWOORDING_INLEIDING,
    VERANTWOORDING_LEEG,
    afweging_delen,
    afweging_platte_tekst,
    monitor_tabel,
    besluit_reikwijdte,
    bezwaren_regels,
    per_taak_tekst,
    reikwijdte_31_dec,
    audituitkomst_tekst,
    instellingen_tekst,
    kamervraag,
    kort_van,
    peildatum_tekst,
    PAS_TEKST,
    meerjaar_pasoordeel,
    pasoordeel_tekst,
    pasoordeel_van,
    vanaf_regel,
    vanaf_tekst,
    verantwoording_groepen,
    verantwoording_soort,
)
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
    "pasoordeel",
    "signaalcodes",
)
# Columns of schema 2 and 3 (CONTRACT: completeness per side, the verdict's basis, wederhoor, afweging,
# meerjarenbeeld), composed from several keys.
CSV_KOLOMMEN_SCHEMA_2 = (
    "certificering_vanaf", "toezicht_vanaf", "pasoordeel_toelichting", "wederhoor", "afwegingen", "meerjarenbeeld",
    "beleidsreactie",
    # the reikwijdte on 31 December with the status per task, the bezwaren beside the besluiten, and the national
    # monitor's footnotes (changed definitions, revised figures), the same in every row: empty for an older overview
    "certificaat_31_dec_reikwijdte", "certificaat_31_dec_per_taak", "bezwaren", "monitor_kanttekeningen",
)


def render_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def render_csv(data: dict) -> bytes:
    """One row per GI (semicolon-separated, UTF-8 with BOM so spreadsheet programs read it as Dutch text);
    every cell passes ``csv_cel``, and all text ``tekens.leesbaar`` (no control character stored before they were
    refused reaches a spreadsheet)."""
    data = tekens.leesbaar_in(data)
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(["jaar", "peildatum", "variant", *CSV_KOLOMMEN, *CSV_KOLOMMEN_SCHEMA_2])
    meerjaren = {m["afkorting"]: m for m in (data.get("meerjarenbeeld") or {}).get("instellingen", [])}
    # the beleidsreactie is about the year, not one GI: the same cell on every row (empty for an overview archived
    # before the overview printed it)
    beleidsreactie = beleidsreactie_cel(data)
    definities = {d["code"]: d for d in data.get("signaaldefinities", [])}
    monitor_kanttekeningen = " | ".join(
        f"{m['peildatum']}: {v['tekst']}" for m in data.get("monitor", []) for v in m.get("voetnoten") or []
    )
    for gi in data["instellingen"]:
        bestuur = gi["laatste_oordeel_goed_bestuur"]
        waarden = {
            **gi,
            "laatste_oordeel_goed_bestuur": f"{bestuur['waarde']} ({bestuur['rapportdatum']})" if bestuur else "",
            # written from the verdict's value in the register's own words, never from text in the data
            "pasoordeel": PAS_TEKST.get(pasoordeel_van(gi)["waarde"], ""),
            "pasoordeel_toelichting": pasoordeel_tekst(gi) if "pasoordeel" in gi else "",
            "signaalcodes": " ".join(gi["signaalcodes"]),
            "certificering_vanaf": _csv_vanaf(gi, "certificering"),
            "toezicht_vanaf": _csv_vanaf(gi, "toezicht"),
            "wederhoor": _csv_wederhoor(gi, data["variant"]),
            "beleidsreactie": beleidsreactie,
            "afwegingen": _csv_afwegingen(gi),
            "meerjarenbeeld": _csv_meerjarenbeeld(meerjaren.get(gi["afkorting"]), definities),
            "certificaat_31_dec_reikwijdte": reikwijdte_31_dec(gi),
            "certificaat_31_dec_per_taak": per_taak_tekst(gi),
            "bezwaren": " | ".join(
                f"{b['ingangsdatum']}: {regel}" for b in gi.get("certificaatbesluiten") or [] for regel in bezwaren_regels(b)
            ),
            "monitor_kanttekeningen": monitor_kanttekeningen,
        }
        rij = [data["jaar"], data["peildatum"], data["variant"], *(waarden.get(k, "") for k in (*CSV_KOLOMMEN, *CSV_KOLOMMEN_SCHEMA_2))]
        schrijver.writerow([csv_cel(w) for w in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def beleidsreactie_cel(data: dict) -> str:
    """The beleidsreactie in a CSV cell: its text first (then when it was recorded and its bron), or "Geen
    beleidsreactie"; empty for an overview archived before the overview printed it."""
    b = data.get("beleidsreactie")
    if "beleidsreactie" not in data:
        return ""
    if not b:
        return beleidsreactie_tekst(data)[1]
    bron = f"; bron: {b['bron']}" if b.get("bron") else ""
    return f"{b['tekst']} (vastgelegd {datum_kort(b.get('datum'))}{bron})"


def _csv_vanaf(gi: dict, kant: str) -> str:
    """The gegevens vanaf of one side: ISO, 'nog niets vastgelegd', or an earlier schema's one date for both."""
    if gi.get("nog_niets_vastgelegd"):
        return "nog niets vastgelegd"
    return gi.get(f"{kant}_vanaf") or gi.get("gegevens_vanaf") or ""


def _csv_wederhoor(gi: dict, variant: str) -> str:
    """Per signal of severity hoog or aandacht: its reacties, or that none was received."""
    delen = []
    for s in gi.get("signalen", []):
        if not s.get("wederhoor"):
            continue
        reacties = [f"reactie {r.get('organisatie_naam') or r.get('organisatie')} ({r.get('datum')}): {r.get('tekst')}" for r in s.get("reacties") or []]
        delen.append(f"{s['code']}: {' / '.join(reacties) if reacties else GEEN_REACTIE.lower()}")
    for g in gi.get("reacties_zonder_signaal") or []:
        reacties = [f"reactie {r.get('organisatie_naam') or r.get('organisatie')} ({r.get('datum')}): {r.get('tekst')}" for r in g["reacties"]]
        delen.append(f"{g['code']} ({signaal_geldt_niet_meer(variant)}): {' / '.join(reacties)}")
    return " | ".join(delen)


def _csv_afwegingen(gi: dict) -> str:
    """Per certificaatbesluit of an overview of schema 3: its aanleiding and afweging as every renderer prints
    them (reports/teksten.py ``afweging_delen``). Schema 2: the afweging, or that none was recorded where one was
    required, as it was printed then."""
    delen = []
    for b in gi.get("certificaatbesluiten", []):
        if "aanleiding_status" in b:
            delen.append(f"{b['status']} {b['ingangsdatum']}: {afweging_platte_tekst(b)}")
        elif b.get("afweging"):
            delen.append(f"{b['status']} {b['ingangsdatum']}: {b['afweging']}")
        elif b.get("afweging_vereist"):
            aanleiding = "; ".join(b.get("aanleiding") or [])
            delen.append(f"{b['status']} {b['ingangsdatum']}: geen afweging vastgelegd (aanleiding: {aanleiding})")
    return " | ".join(delen)


def _csv_meerjarenbeeld(beeld: dict | None, definities: dict) -> str:
    """The GI's years: 'onbekend', or in de pas ja/nee with the short codes of the year's signals."""
    if not beeld:
        return ""
    delen = []
    for j in beeld["jaren"]:
        if not j["bekend"]:
            delen.append(f"{j['jaar']}: onbekend")
            continue
        letters = " ".join(kort_van(definities[c]) if c in definities else c for c in j["signaalcodes"])
        waarde = meerjaar_pasoordeel(j)
        delen.append(f"{j['jaar']}: {PAS_TEKST.get(waarde, 'onbekend')}" + (f" ({letters})" if letters else ""))
    return "; ".join(delen)


def _datum(iso):
    return dt.date.fromisoformat(iso) if iso else None


def _periode(interval: dict, kwaliteit: dict) -> str:
    """A status period of the overview; an end that is a besluit's ingangsdatum known only to the month (or
    estimated) is shown as its datumkwaliteit allows."""
    return periode_met_kwaliteit(dt.date.fromisoformat(interval["van"]), dt.date.fromisoformat(interval["tot"]), kwaliteit, "t/m")


def gi_weergave(gi: dict, titels: dict | None = None) -> dict:
    """One GI's section as the pages show it (``titels``: ``signaaltitels`` of the overview's signaaldefinities)."""
    kwaliteit = grenskwaliteit([
        *((dt.date.fromisoformat(g["datum"]), datumkwaliteit_van(g))
          for g in gi["gebeurtenissen"] if g["soort"] in ("certificaatbesluit", "toezichtbesluit")),
        *((dt.date.fromisoformat(b["ingangsdatum"]), datumkwaliteit_van(b)) for b in gi["certificaatbesluiten"]),
    ])
    bestuur = gi["laatste_oordeel_goed_bestuur"]
    titels = titels or {}
    return {
        **gi,
        "cert_begin": CERT_LABEL.get(gi["certificaat_1_jan"], gi["certificaat_1_jan"]),
        "cert_eind": CERT_LABEL.get(gi["certificaat_31_dec"], gi["certificaat_31_dec"]),
        "cert_eind_reikwijdte": reikwijdte_31_dec(gi),
        "cert_eind_per_taak": per_taak_tekst(gi),
        "toezicht_begin": TOEZICHT_LABEL.get(gi["toezicht_1_jan"], gi["toezicht_1_jan"]),
        "toezicht_eind": TOEZICHT_LABEL.get(gi["toezicht_31_dec"], gi["toezicht_31_dec"])
        + (f" ({TERMIJN_VERSTREKEN})" if gi["toezicht_31_dec_termijn_verstreken"] else ""),
        "bestuur": f"{bestuur['tekst']} ({feitdatum_kort(bestuur['rapportdatum'], datumkwaliteit_van(bestuur))})" if bestuur else "–",
        "gebeurtenissen": [{**g, "datum_nl": feitdatum_kort(g["datum"], datumkwaliteit_van(g))} for g in gi["gebeurtenissen"]],
        "gegevens_vanaf_nl": vanaf_regel(gi),
        "pas": pasoordeel_van(gi),
        "pas_tekst": pasoordeel_tekst(gi),
        "signalen": [
            {
                **s,
                "perioden_nl": signaal_perioden(s),
                "reacties": [{**r, "datum_nl": datum_kort(r.get("datum"))} for r in s.get("reacties") or []],
            }
            for s in gi["signalen"]
        ],
        "reacties_zonder_signaal": [
            {**g, "titel": titels.get(g["code"], g["code"]),
             "reacties": [{**r, "datum_nl": datum_kort(r.get("datum"))} for r in g["reacties"]]}
            for g in gi.get("reacties_zonder_signaal") or []
        ],
        "rapporten": [
            {
                **r,
                "datum_nl": feitdatum_kort(r["rapportdatum"], datumkwaliteit_van(r)),
                "ook_over": ook_over_tekst(r, gi["afkorting"]),
                "zienswijze_nl": zienswijze_tekst(r),
            }
            for r in gi["rapporten"]
        ],
        "certificaatbesluiten": [
            {
                **b,
                "ingang_nl": feitdatum_kort(b["ingangsdatum"], datumkwaliteit_van(b)),
                "tot_nl": datum_kort(b["geldig_tot"]),
                "geldig_tot_nl": geldig_tot_kort(b),
                "aanleiding_nl": "; ".join(b.get("aanleiding") or []),
                "afweging_delen": afweging_delen(b),  # empty for an overview of schema 1, which knows no afweging
                "reikwijdte_nl": besluit_reikwijdte(b),
                "bezwaren_nl": bezwaren_regels(b),
            }
            for b in gi["certificaatbesluiten"]
        ],
        "audits": [
            {**a, "start_nl": feitdatum_kort(a["startdatum"], datumkwaliteit_van(a)),
             "eind_nl": feitdatum_kort(a["einddatum"], datumkwaliteit_van(a)), "uitkomst_nl": audituitkomst_tekst(a)}
            for a in gi["audits"]
        ],
        "cert_intervallen": [{**i, "periode_nl": _periode(i, kwaliteit)} for i in gi["certificaat_intervallen"]],
        "toezicht_intervallen_nl": [{**i, "periode_nl": _periode(i, kwaliteit)} for i in gi["toezicht_intervallen"]],
    }


def _meerjarenbeeld_weergave(data: dict) -> dict | None:
    beeld = data.get("meerjarenbeeld")
    if not beeld or not beeld.get("jaren"):
        return None
    definities = {d["code"]: d for d in data["signaaldefinities"]}
    return {"jaren": beeld["jaren"], "instellingen": [meerjaar_weergave(gi, beeld["jaren"], definities) for gi in beeld["instellingen"]]}


def meerjaar_weergave(gi: dict, jaren: list[int], definities: dict) -> dict:
    """One GI's row of the meerjarenbeeld as the pages show it (``definities``: the signaldefinities by code)."""
    per_jaar = {j["jaar"]: j for j in gi["jaren"]}
    cellen = []
    for jaar in jaren:
        j = per_jaar.get(jaar) or {"jaar": jaar, "bekend": False, "signaalcodes": [], "pasoordeel": None}
        letters = [kort_van(definities[c]) if c in definities else c for c in j["signaalcodes"]]
        waarde = meerjaar_pasoordeel(j)
        cellen.append({**j, "letters": " ".join(letters), "pas": waarde, "pas_tekst": PAS_TEKST.get(waarde, "onbekend")})
    return {"afkorting": gi["afkorting"], "naam": gi["naam"], "jaren": cellen}


def signaaltitels(signaaldefinities: list[dict]) -> dict[str, str]:
    """The title of each signal by code, as a GI's section names a reactie on a signal that no longer stands."""
    return {d["code"]: d["titel"] for d in signaaldefinities}


def html_context(data: dict, weergaven: list[dict] | None = None) -> dict:
    """What the overview's pages render. ``weergaven``: ``gi_weergave`` of each of ``data``'s GI's, in order, when
    made already (reports/afgeleid.py keeps one per GI)."""
    if weergaven is None:
        titels = signaaltitels(data["signaaldefinities"])
        weergaven = [gi_weergave(gi, titels) for gi in data["instellingen"]]
    return {
        "instellingen": weergaven,
        "overkoepelend": [
            {
                **r,
                "datum_nl": feitdatum_kort(r["rapportdatum"], datumkwaliteit_van(r)),
                "instellingen_nl": gi_opsomming(r["instellingen"]),
            }
            for r in data.get("overkoepelende_rapporten") or []
        ],
        "overkoepelend_kop": OVERKOEPELEND_KOP,
        "overkoepelend_inleiding": OVERKOEPELEND_INLEIDING,
        "monitor": [
            {**r["meting"], "peildatum_nl": feitdatum_kort(r["meting"]["peildatum"], datumkwaliteit_van(r["meting"])),
             "waarden_nl": r["cellen"]}
            for r in monitor_tabel(data)[0]
        ],
        "monitor_voetnoten": monitor_tabel(data)[1],
        "monitor_koppen": [kop for _, kop in MONITOR_KOLOMMEN],
        "signaaldefinities": [{**d, "kort": kort_van(d)} for d in data["signaaldefinities"]],
        "instellingen_tekst": instellingen_tekst(data),
        "vanaf_tekst": vanaf_tekst(data),
        "leeswijzer": LEESWIJZER,
        "leeswijzer_na_tabel": LEESWIJZER_NA_TABEL,
        "geen_reactie": GEEN_REACTIE,
        "beleidsreactie": beleidsreactie_tekst(data),
        "reacties_zonder_signaal_kop": REACTIES_ZONDER_SIGNAAL_KOP,
        "signaal_geldt_niet_meer": signaal_geldt_niet_meer(data["variant"]),
        "meerjarenbeeld": _meerjarenbeeld_weergave(data),
        "data": data,
        "vertrouwelijk": is_vertrouwelijk(data["variant"]),
        "peildatum": _datum(data["peildatum"]),
        "peildatum_tekst": peildatum_tekst(data),
        "ondertitel": ONDERTITEL,
        # an overview archived before the cover quoted question and answer (schema 2) gets the same words
        "kamervraag": data.get("kamervraag") or kamervraag(),
        "registerstand": registerstand_tekst(data),
        # None for an overview archived before the appendix (schema 2): the page then has no Verantwoording
        "verantwoording": verantwoording_weergave(data) if "verantwoording" in data else None,
        "verantwoording_inleiding": VERANTWOORDING_INLEIDING,
        "verantwoording_leeg": VERANTWOORDING_LEEG,
        "cert_label": CERT_LABEL,
        "toezicht_label": TOEZICHT_LABEL,
    }


def verantwoording_weergave(data: dict) -> list[dict]:
    """The Verantwoording per heading as the templates show it (reports/_verantwoording.html)."""
    return [
        {"kop": kop, "items": [{**v, "soort_tekst": verantwoording_soort(v["soort"])} for v in groep]}
        for kop, groep in verantwoording_groepen(data)
    ]


def render_html(data: dict, request=None) -> str:
    """The page, with all text ``tekens.leesbaar`` (an HTML page holds no control character either)."""
    return render_to_string("reports/kameroverzicht.html", html_context(tekens.leesbaar_in(data)), request=request)


RENDERERS = {
    "pdf": ("application/pdf", render_pdf),
    "json": ("application/json; charset=utf-8", render_json),
    "csv": ("text/csv; charset=utf-8", render_csv),
}


def bestand(overzicht: GearchiveerdDocument, formaat: str, soort: str | None = None, renderers: dict | None = None) -> HttpResponse:
    """An archived overview as a download: the archived PDF itself, or its data rendered as ``formaat`` (by the
    Kamer overview's renderers, or ``renderers`` of another document)."""
    standaard_soort, renderer = (renderers or RENDERERS)[formaat]
    inhoud = bytes(overzicht.pdf) if formaat == "pdf" else renderer(overzicht.data)
    response = HttpResponse(inhoud, content_type=soort or standaard_soort)
    response["Content-Disposition"] = f'attachment; filename="{overzicht.bestandsnaam}.{formaat}"'
    return response


# -- the aanleidingenoverzicht (DESIGN.md §5a) ---------------------------------------------------------------------

AANLEIDINGEN_CSV_KOLOMMEN = (
    "van", "tot", "peildatum", "variant", "instelling", "naam", "datum", "datumkwaliteit", "datum_getoond", "soort",
    "omschrijving", "details", "bron",
)


def render_aanleidingen_csv(data: dict) -> bytes:
    """One row per entry (a GI's, then those about no GI), semicolon-separated, UTF-8 with BOM, every cell safe
    (``csv_cel``). A period in which nothing happened gives the header only; the PDF and HTML say it in words."""
    data = tekens.leesbaar_in(data)
    namen = aanleidingen_soortnamen(data)
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(AANLEIDINGEN_CSV_KOLOMMEN)
    groepen = [(gi["afkorting"], gi["naam"], gi["aanleidingen"]) for gi in data["instellingen"]]
    groepen.append(("", AANLEIDINGEN_LANDELIJK, data.get("landelijk") or []))
    for afkorting, naam, items in groepen:
        for item in items:
            rij = [data["van"], data["tot"], data["peildatum"], data["variant"], afkorting, naam, item["datum"],
                   item.get("datumkwaliteit") or "exact", aanleiding_datum(item), namen.get(item["soort"], item["soort"]),
                   item["omschrijving"], " | ".join(item["details"]), item["bron"]]
            schrijver.writerow([csv_cel(w) for w in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _aanleidingen_weergave(items: list[dict], namen: dict[str, str]) -> list[dict]:
    return [{**i, "datum_nl": aanleiding_datum(i), "soort_nl": namen.get(i["soort"], i["soort"])} for i in items]


def aanleidingen_html_context(data: dict) -> dict:
    namen = aanleidingen_soortnamen(data)
    vraag = data.get("kamervraag") or kamervraag()
    return {
        "data": data,
        "ondertitel": AANLEIDINGEN_ONDERTITEL,
        "periode": aanleidingen_periode(data),
        "peildatum_tekst": peildatum_tekst(data),
        "registerstand": registerstand_tekst(data),
        "telling": aanleidingen_telling(data),
        "kamervraag": vraag,
        "verzending": AANLEIDINGEN_VERZENDING,
        "leeswijzer": AANLEIDINGEN_LEESWIJZER,
        "vertrouwelijk": is_vertrouwelijk(data["variant"]),
        "leeg": aanleidingen_leeg(data),
        "niets": AANLEIDINGEN_NIETS,
        "zonder": aanleidingen_zonder(data),
        "instellingen": [
            {**gi, "aanleidingen": _aanleidingen_weergave(gi["aanleidingen"], namen)} for gi in data["instellingen"] if gi["aanleidingen"]
        ],
        "landelijk_kop": AANLEIDINGEN_LANDELIJK,
        "landelijk": _aanleidingen_weergave(data.get("landelijk") or [], namen),
    }


def render_aanleidingen_html(data: dict, request=None) -> str:
    return render_to_string("reports/aanleidingen.html", aanleidingen_html_context(tekens.leesbaar_in(data)), request=request)


AANLEIDINGEN_RENDERERS = {
    "pdf": ("application/pdf", render_aanleidingen_pdf),
    "json": ("application/json; charset=utf-8", render_json),
    "csv": ("text/csv; charset=utf-8", render_aanleidingen_csv),
}
