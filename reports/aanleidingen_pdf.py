"""PDF renderer of the aanleidingenoverzicht (DESIGN.md §5a): reads only the structure of reports/aanleidingen.py and
uses the fonts, styles, tables and page furniture of the Kamer overview's PDF (reports/pdf.py), so both documents
look alike and are deterministic the same way (invariant mode, fixed metadata, the register state's time instead of
the wall clock): the same data give the same bytes."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Spacer

from register.teksten import datum_kort, registerstand_tekst
from reports.pdf import (
    _ONTLEED,
    _e,
    _GenummerdCanvas,
    _koppen_bewaken,
    _opsomming,
    _p,
    _paginakader,
    documentinstellingen,
    _pm,
    _tabel,
)
from reports.teksten import (
    AANLEIDINGEN_LANDELIJK,
    AANLEIDINGEN_LEESWIJZER,
    AANLEIDINGEN_NIETS,
    AANLEIDINGEN_ONDERTITEL,
    AANLEIDINGEN_VERZENDING,
    aanleiding_datum,
    aanleidingen_leeg,
    aanleidingen_periode,
    aanleidingen_soortnamen,
    aanleidingen_telling,
    aanleidingen_zonder,
    kamervraag,
    peildatum_tekst,
)
from reports.varianten import is_vertrouwelijk


def _kop(data: dict) -> str:
    """The head line of every page of the aanleidingenoverzicht."""
    return (f"Aanleidingenoverzicht {datum_kort(data['van'])} t/m {datum_kort(data['tot'])} · peildatum "
            f"{datum_kort(data['peildatum'])} · variant {data['variant']}")


def _omslag(data: dict) -> list:
    vertrouwelijk = is_vertrouwelijk(data["variant"])
    vraag = data.get("kamervraag") or kamervraag()
    rijen = [
        ["Periode", aanleidingen_periode(data) + " (beide dagen tellen mee)"],
        ["Peildatum", peildatum_tekst(data)],
        ["Variant", "vertrouwelijk – alleen voor toezichthouders" if vertrouwelijk else "openbaar"],
        ["Tijdstip van aanmaak (registerstand)", registerstand_tekst(data)],
        ["sha256 van de gegevens", data["data_sha256"]],
        ["Aantallen", aanleidingen_telling(data)],
        ["Kamervraag 44", f"“{vraag['vraag']}”"],
        ["Antwoord", f"“{vraag['antwoord']}” Bron: {vraag['bron']}."],
        ["Verzending", AANLEIDINGEN_VERZENDING],
    ]
    items = [
        Spacer(1, 16 * mm),
        _p(data["titel"], "titel"),
        Spacer(1, 6 * mm),
        _p(AANLEIDINGEN_ONDERTITEL, "ondertitel"),
        Spacer(1, 8 * mm),
        _tabel([[_p(k, "celkop"), _p(v, "cel")] for k, v in rijen], [50 * mm, 124 * mm], kop=0),
    ]
    if vertrouwelijk:
        items += [Spacer(1, 8 * mm), _p(
            "VERTROUWELIJK. Dit overzicht bevat vertrouwelijke gegevens van het Keurmerkinstituut (bedrijfsgevoelige "
            "informatie). Niet openbaar maken en niet verder verspreiden.", "vertrouwelijk")]
    items += [_p("Leeswijzer", "h2"), *(_p(t) for t in AANLEIDINGEN_LEESWIJZER)]
    return items


def _tabel_items(items: list[dict], namen: dict[str, str]) -> list:
    rijen = [[_p("Datum", "celkop"), _p("Soort", "celkop"), _p("Wat", "celkop"), _p("Bron", "celkop")]]
    for item in items:
        wat = [_pm(f"<b>{_e(item['omschrijving'])}</b>", "cel"), *(_p(d, "cel") for d in item["details"])]
        if item.get("datum_toelichting"):
            wat.append(_p(f"Over de datum: {item['datum_toelichting']}", "cel"))
        rijen.append([
            _p(aanleiding_datum(item), "cel"),
            _p(namen.get(item["soort"], item["soort"]), "cel"),
            wat,
            _p(item["bron"] or "–", "cel"),
        ])
    return [_tabel(rijen, [22 * mm, 33 * mm, 79 * mm, 40 * mm])]


def _verhaal(data: dict) -> list:
    namen = aanleidingen_soortnamen(data)
    verhaal = _omslag(data) + [PageBreak()]
    if aanleidingen_leeg(data):
        return verhaal + [_p("Wat er gebeurde", "h1"), _p(AANLEIDINGEN_NIETS)]
    verhaal.append(_p("Per instelling", "h1"))
    for gi in data["instellingen"]:
        if not gi["aanleidingen"]:
            continue
        verhaal += [_p(f"{gi['afkorting']} – {gi['naam']}", "h2"), *_tabel_items(gi["aanleidingen"], namen), Spacer(1, 3 * mm)]
    zonder = aanleidingen_zonder(data)
    if zonder:
        verhaal.append(_p(zonder))
    if data.get("landelijk"):
        verhaal += [_p(AANLEIDINGEN_LANDELIJK, "h2"), *_tabel_items(data["landelijk"], namen)]
    bronnen = sorted({i["bron"] for gi in data["instellingen"] for i in gi["aanleidingen"] if i["bron"]}
                     | {i["bron"] for i in data.get("landelijk", []) if i["bron"]})
    if bronnen:
        verhaal += [_p("Bronnen", "h2"), *_opsomming(bronnen)]
    return verhaal


def render_aanleidingen_pdf(data: dict) -> bytes:
    """The aanleidingenoverzicht as an A4 PDF; the same data gives the same bytes."""
    _ONTLEED.clear()
    try:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(buffer, **documentinstellingen(data, "Aanleidingenoverzicht"))
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="staand")
        doc.addPageTemplates([PageTemplate(id="staand", frames=[frame], onPage=_paginakader(data, _kop(data)), pagesize=A4)])
        doc.build(_koppen_bewaken(_verhaal(data)), canvasmaker=_GenummerdCanvas)
        return buffer.getvalue()
    finally:
        _ONTLEED.clear()
