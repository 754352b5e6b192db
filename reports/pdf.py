"""PDF renderer of the Kamer overview (reportlab, A4, Dutch). Reads only the overview structure.

The output is deterministic: reportlab's invariant mode, fixed document metadata, and no wall-clock
time — the time on the cover is the register state (the latest recorded change up to the peildatum).
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from register.rules import is_kritisch
from register.teksten import (
    CERT_LABEL,
    ERNST_TEKST,
    MAANDEN,
    SOORT_TEKST,
    TERMIJN_VERSTREKEN,
    TOEZICHT_LABEL,
    datum_kort,
    datum_tekst,
    registerstand_tekst,
)
from reports.varianten import is_vertrouwelijk

PAGINA_BREEDTE, PAGINA_HOOGTE = A4
MARGE = 18 * mm

_basis = getSampleStyleSheet()
STIJL = {
    "titel": ParagraphStyle("titel", parent=_basis["Title"], fontName="Helvetica-Bold", fontSize=24, leading=30, alignment=TA_CENTER),
    "ondertitel": ParagraphStyle("ondertitel", parent=_basis["Normal"], fontSize=13, leading=18, alignment=TA_CENTER),
    "h1": ParagraphStyle("h1", parent=_basis["Heading1"], fontName="Helvetica-Bold", fontSize=16, leading=20, spaceBefore=6, spaceAfter=8),
    "h2": ParagraphStyle("h2", parent=_basis["Heading2"], fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
    "h3": ParagraphStyle("h3", parent=_basis["Heading3"], fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=6, spaceAfter=2),
    "tekst": ParagraphStyle("tekst", parent=_basis["Normal"], fontName="Helvetica", fontSize=9, leading=12, spaceAfter=4),
    "klein": ParagraphStyle("klein", parent=_basis["Normal"], fontName="Helvetica", fontSize=7.5, leading=9.5),
    "cel": ParagraphStyle("cel", parent=_basis["Normal"], fontName="Helvetica", fontSize=7, leading=8.5),
    "celkop": ParagraphStyle("celkop", parent=_basis["Normal"], fontName="Helvetica-Bold", fontSize=7, leading=8.5),
    "vertrouwelijk": ParagraphStyle(
        "vertrouwelijk", parent=_basis["Normal"], fontName="Helvetica-Bold", fontSize=9, leading=12,
        borderColor=colors.black, borderWidth=0.8, borderPadding=4, spaceBefore=4, spaceAfter=8,
    ),
}

def _p(tekst, stijl="tekst") -> Paragraph:
    return Paragraph(escape(str(tekst if tekst is not None else "")), STIJL[stijl])


def _pm(markup, stijl="tekst") -> Paragraph:
    """A paragraph with trusted markup (our own tags around escaped values)."""
    return Paragraph(markup, STIJL[stijl])


# -- page furniture -------------------------------------------------------------------------------


class _GenummerdCanvas(Canvas):
    """Writes 'Pagina X van Y' once the number of pages is known."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._paginas = []

    def showPage(self):
        self._paginas.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        totaal = len(self._paginas)
        for staat in self._paginas:
            self.__dict__.update(staat)
            self.setFont("Helvetica", 8)
            self.drawRightString(PAGINA_BREEDTE - MARGE, 10 * mm, f"Pagina {self._pageNumber} van {totaal}")
            super().showPage()
        super().save()


def _paginakader(data: dict):
    vertrouwelijk = is_vertrouwelijk(data["variant"])
    kop = f"Kameroverzicht gecertificeerde instellingen {data['jaar']} · peildatum {datum_kort(data['peildatum'])} · variant {data['variant']}"

    def teken(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setLineWidth(0.4)
        canvas.drawString(MARGE, PAGINA_HOOGTE - 11 * mm, kop)
        canvas.line(MARGE, PAGINA_HOOGTE - 12.5 * mm, PAGINA_BREEDTE - MARGE, PAGINA_HOOGTE - 12.5 * mm)
        canvas.line(MARGE, 14 * mm, PAGINA_BREEDTE - MARGE, 14 * mm)
        canvas.drawString(MARGE, 10 * mm, f"Gegevens-sha256 {data['data_sha256'][:16]}…")
        if vertrouwelijk:
            canvas.setFont("Helvetica-Bold", 10)
            for y in (PAGINA_HOOGTE - 7 * mm, 5 * mm):
                canvas.drawCentredString(PAGINA_BREEDTE / 2, y, "VERTROUWELIJK – niet openbaar maken")
        canvas.restoreState()

    return teken


# -- the timeline chart ---------------------------------------------------------------------------

# (fill grey, pattern, short label) per value; the pattern and the label carry the meaning, not colour.
CERT_STIJL = {
    "volledig": (1.0, None, "V"),
    "voorlopig": (0.92, "schuin", "VL"),
    "overbrugging": (0.85, "tegenschuin", "O"),
    "geschorst": (0.7, "kruis", "S"),
    "ingetrokken": (0.35, "horizontaal", "I"),
    "verlopen": (0.8, "stip", "X"),
    "geen": (0.6, "stip", "G"),
}
TOEZICHT_STIJL = {
    "regulier": (1.0, None, "R"),
    "geintensiveerd": (0.88, "schuin", "GI"),
    "verscherpt": (0.65, "kruis", "VS"),
}


def _patroon(canvas, x, y, w, h, patroon):
    if not patroon or w <= 0:
        return
    canvas.saveState()
    pad = canvas.beginPath()
    pad.rect(x, y, w, h)
    canvas.clipPath(pad, stroke=0, fill=0)
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(colors.black)
    stap = 3.2
    if patroon in ("schuin", "kruis"):
        k = -h
        while k < w:
            canvas.line(x + k, y, x + k + h, y + h)
            k += stap
    if patroon in ("tegenschuin", "kruis"):
        k = 0
        while k < w + h:
            canvas.line(x + k, y, x + k - h, y + h)
            k += stap
    if patroon == "horizontaal":
        canvas.setStrokeColor(colors.white)
        yy = y + 1.5
        while yy < y + h:
            canvas.line(x, yy, x + w, yy)
            yy += 2.5
    if patroon == "stip":
        canvas.setFillColor(colors.black)
        yy = y + 1.6
        while yy < y + h:
            xx = x + 1.6
            while xx < x + w:
                canvas.circle(xx, yy, 0.45, stroke=0, fill=1)
                xx += 3
            yy += 3
    canvas.restoreState()


def _band_label(canvas, x, y, w, h, lang, kort, donker):
    canvas.setFont("Helvetica-Bold", 6)
    tekst = lang if canvas.stringWidth(lang, "Helvetica-Bold", 6) + 4 <= w else kort
    breedte = canvas.stringWidth(tekst, "Helvetica-Bold", 6)
    if breedte + 2 > w:
        return
    canvas.setFillColor(colors.white)
    canvas.rect(x + w / 2 - breedte / 2 - 1, y + h / 2 - 3, breedte + 2, 6.2, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(x + w / 2, y + h / 2 - 2, tekst)


class Tijdlijngrafiek(Flowable):
    """One swimlane per GI across the year: certificate band, toezicht band, markers."""

    LABEL_BREEDTE = 16 * mm
    BAND = 8.5
    BAAN = 35

    def __init__(self, jaar: int, instellingen: list[dict], breedte: float):
        super().__init__()
        self.jaar = jaar
        self.instellingen = instellingen
        self.breedte = breedte
        self.hoogte = 16 + self.BAAN * len(instellingen)

    def wrap(self, avail_width, avail_height):
        return self.breedte, self.hoogte

    def _x(self, iso: str, einde=False) -> float:
        datum = dt.date.fromisoformat(iso)
        begin = dt.date(self.jaar, 1, 1)
        dagen = (dt.date(self.jaar, 12, 31) - begin).days + 1
        offset = (datum - begin).days + (1 if einde else 0)
        return self.LABEL_BREEDTE + (self.breedte - self.LABEL_BREEDTE) * offset / dagen

    def draw(self):
        c = self.canv
        c.saveState()
        top = self.hoogte
        # month grid and labels
        c.setFont("Helvetica", 6.5)
        c.setLineWidth(0.3)
        c.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        for m in range(1, 13):
            x = self._x(dt.date(self.jaar, m, 1).isoformat())
            c.line(x, 0, x, top - 10)
            c.setFillColor(colors.black)
            c.drawString(x + 1.5, top - 8, MAANDEN[m - 1][:3])
        c.line(self.breedte, 0, self.breedte, top - 10)
        c.setStrokeColor(colors.black)
        for n, gi in enumerate(self.instellingen):
            y0 = top - 14 - self.BAAN * (n + 1)
            c.setFillColor(colors.black)
            c.setFont("Helvetica-Bold", 7)
            c.drawString(0, y0 + 27, gi["afkorting"])
            c.setFont("Helvetica", 5.5)
            c.drawString(0, y0 + 18.3, "certificaat")
            c.drawString(0, y0 + 9.3, "toezicht")
            c.drawString(0, y0 + 0.8, "gebeurtenis")
            self._band(c, gi["certificaat_intervallen"], y0 + 16, CERT_STIJL, CERT_LABEL)
            self._band(c, gi["toezicht_intervallen"], y0 + 7, TOEZICHT_STIJL, TOEZICHT_LABEL)
            self._markers(c, gi, y0 + 2.5)
            c.setLineWidth(0.2)
            c.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
            c.line(0, y0 - 0.5, self.breedte, y0 - 0.5)
            c.setStrokeColor(colors.black)
        c.restoreState()

    def _band(self, c, intervallen, y, stijlen, labels):
        h = self.BAND
        for i in intervallen:
            x1, x2 = self._x(i["van"]), self._x(i["tot"], einde=True)
            grijs, patroon, kort = stijlen.get(i["waarde"], (1.0, None, "?"))
            c.setFillColor(colors.Color(grijs, grijs, grijs))
            c.setStrokeColor(colors.black)
            c.setLineWidth(0.6)
            if i.get("termijn_verstreken"):
                c.setDash(2, 1.5)
            c.rect(x1, y, x2 - x1, h, stroke=1, fill=1)
            c.setDash()
            _patroon(c, x1, y, x2 - x1, h, patroon)
            lang = labels.get(i["waarde"], i["waarde"])
            if i.get("termijn_verstreken"):
                lang, kort = f"{lang} ({TERMIJN_VERSTREKEN})", f"{kort}!"
            _band_label(c, x1, y, x2 - x1, h, lang, kort, grijs < 0.5)

    def _markers(self, c, gi, y):
        c.setLineWidth(0.6)
        for g in gi["gebeurtenissen"]:
            x = self._x(g["datum"]) + 0.5
            if g["soort"] == "audit":
                pad = c.beginPath()
                pad.moveTo(x - 2.6, y - 2.2)
                pad.lineTo(x + 2.6, y - 2.2)
                pad.lineTo(x, y + 2.4)
                pad.close()
                c.setFillColor(colors.white)
                c.drawPath(pad, stroke=1, fill=1)
            elif g["soort"] == "inspectieonderzoek":
                kritisch = any(
                    is_kritisch(o["waarde"])
                    for r in gi["rapporten"]
                    if r["rapportdatum"] == g["datum"]
                    for o in r["oordelen"]
                )
                c.setFillColor(colors.black if kritisch else colors.white)
                c.circle(x, y, 2.3, stroke=1, fill=1)
            elif g["soort"] == "handhavingsmaatregel":
                c.setFillColor(colors.black)
                c.rect(x - 2, y - 2, 4, 4, stroke=1, fill=1)


class Legenda(Flowable):
    def __init__(self, breedte):
        super().__init__()
        self.breedte = breedte
        self.hoogte = 73

    def wrap(self, aw, ah):
        return self.breedte, self.hoogte

    def draw(self):
        c = self.canv
        c.saveState()
        rijen = [
            ("Certificaat:", [(CERT_STIJL[k], CERT_LABEL[k]) for k in CERT_STIJL]),
            ("Toezicht:", [(TOEZICHT_STIJL[k], TOEZICHT_LABEL[k]) for k in TOEZICHT_STIJL]),
        ]
        y = self.hoogte - 12
        for titel, items in rijen:
            c.setFont("Helvetica-Bold", 7)
            c.setFillColor(colors.black)
            c.drawString(0, y + 2, titel)
            x = 46
            for (grijs, patroon, kort), naam in items:
                if x + 19 + c.stringWidth(f"{kort} = {naam}", "Helvetica", 6.5) > self.breedte:
                    x, y = 46, y - 11
                c.setFillColor(colors.Color(grijs, grijs, grijs))
                c.setLineWidth(0.6)
                c.rect(x, y, 16, 8, stroke=1, fill=1)
                _patroon(c, x, y, 16, 8, patroon)
                c.setFillColor(colors.black)
                c.setFont("Helvetica", 6.5)
                c.drawString(x + 19, y + 2, f"{kort} = {naam}")
                x += 19 + c.stringWidth(f"{kort} = {naam}", "Helvetica", 6.5) + 9
            y -= 14
        c.setFont("Helvetica-Bold", 7)
        c.drawString(0, y + 2, "Markers:")
        x = 46
        c.setLineWidth(0.6)
        pad = c.beginPath()
        pad.moveTo(x, y + 1)
        pad.lineTo(x + 5.2, y + 1)
        pad.lineTo(x + 2.6, y + 5.6)
        pad.close()
        c.setFillColor(colors.white)
        c.drawPath(pad, stroke=1, fill=1)
        c.setFillColor(colors.black)
        c.setFont("Helvetica", 6.5)
        c.drawString(x + 8, y + 2, "audit KMI (startdatum)")
        x += 90
        c.setFillColor(colors.white)
        c.circle(x + 2.5, y + 3.2, 2.3, stroke=1, fill=1)
        c.setFillColor(colors.black)
        c.drawString(x + 8, y + 2, "inspectierapport zonder kritisch oordeel")
        x += 140
        c.circle(x + 2.5, y + 3.2, 2.3, stroke=1, fill=1)
        c.drawString(x + 8, y + 2, "inspectierapport met kritisch oordeel")
        y -= 12
        x = 46
        c.rect(x + 0.5, y + 1.2, 4, 4, stroke=1, fill=1)
        c.drawString(x + 8, y + 2, "handhavingsmaatregel")
        x += 90
        c.setDash(2, 1.5)
        c.setFillColor(colors.white)
        c.rect(x, y, 16, 8, stroke=1, fill=1)
        c.setDash()
        c.setFillColor(colors.black)
        c.drawString(x + 19, y + 2, "stippellijn en ! = termijn van verhoogd toezicht verstreken")
        c.restoreState()


# -- the document ---------------------------------------------------------------------------------


# A table row taller than the space left on a page is split inside the row (its cells continue on the next
# page under the repeated header), so a text of any length fits; each part is at least this high.
MIN_RIJDEEL = 3 * STIJL["cel"].leading


def _tabel(rijen, kolommen, kop=1, zebra=True):
    # reportlab splits the content of a cell only when the cell holds a list of flowables
    rijen = [[[cel] if isinstance(cel, Flowable) else cel for cel in rij] for rij in rijen]
    tabel = Table(rijen, colWidths=kolommen, repeatRows=kop, splitInRow=MIN_RIJDEEL)
    stijl = [
        ("GRID", (0, 0), (-1, -1), 0.3, colors.Color(0.5, 0.5, 0.5)),
        ("BACKGROUND", (0, 0), (-1, kop - 1), colors.Color(0.88, 0.88, 0.88)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    tabel.setStyle(TableStyle(stijl))
    return tabel


def _omslag(data: dict) -> list:
    vertrouwelijk = is_vertrouwelijk(data["variant"])
    s = data["samenvatting"]
    items = [
        Spacer(1, 45 * mm),
        _p(data["titel"], "titel"),
        Spacer(1, 6 * mm),
        _p("Overzicht van certificering (Keurmerkinstituut) en toezicht (inspecties) per gecertificeerde instelling, "
           "naar aanleiding van Kamervraag 44 (beantwoord op 30 januari 2026)", "ondertitel"),
        Spacer(1, 14 * mm),
    ]
    rijen = [
        [_p("Jaar", "celkop"), _p(data["jaar"], "cel")],
        [_p("Peildatum", "celkop"), _p(f"{datum_tekst(dt.date.fromisoformat(data['peildatum']))} (het register zoals vastgelegd aan het einde van die dag)", "cel")],
        [_p("Variant", "celkop"), _p("vertrouwelijk – alleen voor toezichthouders en ter inzage voor de Kamer" if vertrouwelijk else "openbaar", "cel")],
        [_p("Tijdstip van aanmaak (registerstand)", "celkop"), _p(registerstand_tekst(data), "cel")],
        [_p("sha256 van de gegevens", "celkop"), _p(data["data_sha256"], "cel")],
        [_p("Instellingen", "celkop"), _p(f"{s['aantal_instellingen']}, waarvan {s['aantal_in_de_pas']} in de pas", "cel")],
    ]
    items.append(_tabel(rijen, [55 * mm, 110 * mm], kop=0))
    if vertrouwelijk:
        items += [Spacer(1, 10 * mm), _p(
            "VERTROUWELIJK. Dit overzicht bevat vertrouwelijke bevindingen uit audits van het Keurmerkinstituut "
            "(bedrijfsgevoelige informatie). Niet openbaar maken en niet verder verspreiden.", "vertrouwelijk")]
    items.append(PageBreak())
    return items


def _leeswijzer(data: dict) -> list:
    items = [
        _p("Leeswijzer", "h1"),
        _p("Twee stelsels, twee vragen", "h2"),
        _p("Het Keurmerkinstituut (KMI) certificeert het kwaliteitsmanagementsysteem van een gecertificeerde instelling "
           "(GI) aan de hand van het normenkader jeugdbescherming en jeugdreclassering. Het KMI beoordeelt dus of de "
           "organisatie zo is ingericht dat zij aan de normen kan voldoen. Een certificaat is volgens de Jeugdwet drie "
           "jaar geldig, een voorlopig certificaat twee jaar; het KMI kan ook een overbruggingscertificaat verlenen, of "
           "een certificaat schorsen of intrekken. Auditrapporten zijn vertrouwelijk."),
        _p("De inspecties (Inspectie Gezondheidszorg en Jeugd en Inspectie Justitie en Veiligheid) houden toezicht op "
           "de feitelijke uitvoering: krijgen kinderen op tijd een vaste jeugdbeschermer, is er betekenisvol contact, "
           "passende hulp, goed bestuur? Zij oordelen per thema op een vierpuntsschaal (voldoende, grotendeels "
           "voldoende, grotendeels onvoldoende, onvoldoende) en kunnen het toezicht intensiveren of verscherpen. "
           "Rapporten en maatregelen zijn openbaar."),
        _p("De twee stelsels kunnen verschillend uitkomen. Dit overzicht laat per GI zien of certificering en toezicht "
           "in de pas lopen."),
        _p("Hoe de status op een dag wordt bepaald", "h2"),
        _p("De certificaatstatus op een dag is de status van het certificaatbesluit met de laatste ingangsdatum op of "
           "vóór die dag; 'verlopen' als de geldigheid dan voorbij is en 'geen' als er geen besluit is. Het "
           "toezichtniveau is het niveau van het laatste toezichtbesluit; zonder besluit is het toezicht regulier. Alle "
           "data zijn kalenderdagen (Europe/Amsterdam) en begin- en einddata tellen mee. Een registratie die vervallen "
           "is verklaard, telt niet mee."),
        _p("Peildatum, registerstand en controlegetal", "h2"),
        _p("Het overzicht toont het register zoals het was vastgelegd aan het einde van de peildatum, op basis van de "
           "wijzigingshistorie. Een latere correctie verandert een verzonden overzicht dus niet. Het 'tijdstip van "
           "aanmaak' op het omslag is daarom geen kloktijd maar de registerstand: het tijdstip van de laatste "
           "vastgelegde wijziging tot en met de peildatum. Zo levert opnieuw aanmaken met dezelfde gegevens en "
           "peildatum een bytegelijk document op. Wie het overzicht wanneer heeft aangemaakt, staat in het archief "
           "van het register. Het sha256-controlegetal op het omslag is berekend over de gegevens van dit overzicht "
           "(de JSON-uitvoer)."),
        _p("Signalen", "h2"),
        _pm("Per GI vergelijkt het register de twee stelsels dag voor dag over het jaar. Elk signaal heeft een ernst. "
           "Een GI is <b>in de pas</b> als zij geen signaal met ernst 'hoog' of 'aandacht' heeft; signalen met ernst "
           "'info' zijn ter informatie. Een kritisch oordeel is 'grotendeels onvoldoende' of 'onvoldoende'."),
    ]
    rijen = [[_p("Code", "celkop"), _p("Ernst", "celkop"), _p("Betekenis", "celkop")]]
    for d in data["signaaldefinities"]:
        rijen.append([_p(d["code"], "cel"), _p(d["ernst"], "cel"), _pm(f"<b>{escape(d['titel'])}.</b> {escape(d['omschrijving'])}", "cel")])
    items.append(_tabel(rijen, [68 * mm, 15 * mm, 91 * mm]))
    items += [
        _p("Bij benadering", "h2"),
        _p("Data die alleen tot op de maand bekend zijn, staan in het register als benadering en zijn in dit overzicht "
           "gemarkeerd met '(ca.)'. Elk feit noemt zijn bron."),
    ]
    if is_vertrouwelijk(data["variant"]):
        items.append(_p("Deze vertrouwelijke variant bevat daarnaast de vertrouwelijke bevindingen van de KMI-audits "
                        "(samenvatting en rapportkenmerk) en de vertrouwelijke motivering van certificaatbesluiten.", "vertrouwelijk"))
    items.append(PageBreak())
    return items


def _goed_bestuur(gi: dict) -> str:
    o = gi["laatste_oordeel_goed_bestuur"]
    return f"{o['tekst']} ({datum_kort(o['rapportdatum'])})" if o else "–"


SIGNAALKOLOM = 35  # width of the signal column in the summary table, mm


def _codes(codes: list[str], breedte: float, stijl: str = "cel") -> Paragraph:
    """Signal codes one per line; a code too long for the column breaks after an underscore, never mid-word."""
    opmaak = STIJL[stijl]
    regels = []
    for code in codes:
        regel = ""
        for deel in code.replace("_", "_\n").split("\n"):
            if regel and stringWidth(regel + deel, opmaak.fontName, opmaak.fontSize) > breedte:
                regels.append(regel)
                regel = ""
            regel += deel
        regels.append(regel)
    return _pm("<br/>".join(escape(r) for r in regels) or "–", stijl)


def _overzichtstabel(data: dict) -> list:
    items = [_p("Samenvatting per instelling", "h1"),
             _p(f"Certificaat en toezicht op 1 januari en 31 december {data['jaar']}, aantal wijzigingen van de "
                "certificaatstatus in het jaar, audits en inspectierapporten in het jaar, het laatste oordeel over goed "
                "bestuur tot en met 31 december, en de signalen.")]
    kop = ["GI", "Certificaat 1 jan", "Certificaat 31 dec", "Wijz.", "Toezicht 1 jan", "Toezicht 31 dec",
           "Audits", "Rapp.", "Goed bestuur (laatste)", "In de pas", "Signalen"]
    rijen = [[_p(k, "celkop") for k in kop]]
    for gi in data["instellingen"]:
        t_eind = TOEZICHT_LABEL.get(gi["toezicht_31_dec"], gi["toezicht_31_dec"])
        if gi["toezicht_31_dec_termijn_verstreken"]:
            t_eind += f" ({TERMIJN_VERSTREKEN})"
        rijen.append([
            _p(gi["afkorting"], "celkop"),
            _p(CERT_LABEL.get(gi["certificaat_1_jan"], gi["certificaat_1_jan"]), "cel"),
            _p(CERT_LABEL.get(gi["certificaat_31_dec"], gi["certificaat_31_dec"]), "cel"),
            _p(gi["certificaatwijzigingen"], "cel"),
            _p(TOEZICHT_LABEL.get(gi["toezicht_1_jan"], gi["toezicht_1_jan"]), "cel"),
            _p(t_eind, "cel"),
            _p(gi["aantal_audits"], "cel"),
            _p(gi["aantal_rapporten"], "cel"),
            _p(_goed_bestuur(gi), "cel"),
            _p("ja" if gi["in_de_pas"] else "NEE", "celkop" if not gi["in_de_pas"] else "cel"),
            _codes(gi["signaalcodes"], SIGNAALKOLOM * mm - 5),
        ])
    kolommen = [11, 17, 17, 8, 16, 18, 10, 9, 22, 11, SIGNAALKOLOM]
    items.append(_tabel(rijen, [k * mm for k in kolommen]))
    items.append(PageBreak())
    return items


def _grafiek(data: dict, breedte: float) -> list:
    items = [_p(f"Tijdlijn {data['jaar']}", "h1"),
             _p("Per instelling een baan over het jaar: de bovenste band is de certificaatstatus, de onderste het "
                "toezichtniveau. De betekenis staat in de band (tekst of afkorting) en in het arceerpatroon, niet alleen "
                "in de grijstint. Driehoeken zijn audits, rondjes inspectierapporten (gevuld: met kritisch oordeel), "
                "vierkantjes handhavingsmaatregelen."),
             Legenda(breedte), Spacer(1, 3 * mm)]
    gis = data["instellingen"]
    start, per_pagina = 0, 15  # the first page also holds the legend
    while start < len(gis):
        if start:
            items.append(PageBreak())
        items.append(Tijdlijngrafiek(data["jaar"], gis[start:start + per_pagina], breedte))
        start, per_pagina = start + per_pagina, 19
    items.append(PageBreak())
    return items


def _gi_sectie(gi: dict, data: dict, vertrouwelijk: bool) -> list:
    items = [CondPageBreak(60 * mm), _p(f"{gi['afkorting']} – {gi['naam']}", "h1")]
    werk = f" · werkgebied {gi['werkgebied']}" if gi["werkgebied"] else ""
    items.append(_p(f"{gi['soort']}{werk} · {'in de pas' if gi['in_de_pas'] else 'NIET in de pas'} in {data['jaar']}", "tekst"))
    status = (
        f"Certificaat: {CERT_LABEL.get(gi['certificaat_1_jan'])} op 1 januari, {CERT_LABEL.get(gi['certificaat_31_dec'])} op 31 december. "
        f"Toezicht: {TOEZICHT_LABEL.get(gi['toezicht_1_jan'])} op 1 januari, {TOEZICHT_LABEL.get(gi['toezicht_31_dec'])} op 31 december."
    )
    items.append(_p(status))
    items.append(_p("Signalen", "h2"))
    if gi["signalen"]:
        for s in gi["signalen"]:
            perioden = "; ".join(f"{datum_kort(a)} t/m {datum_kort(b)}" if a != b else datum_kort(a) for a, b in s["perioden"])
            items.append(_pm(
                f"<b>[{ERNST_TEKST[s['ernst']]}] {escape(s['code'])}</b> – {escape(s['titel'])} ({escape(perioden)}).<br/>{escape(s['uitleg'])}"
            ))
    else:
        items.append(_p("Geen signalen in dit jaar."))
    items.append(_p("Gebeurtenissen", "h2"))
    if gi["gebeurtenissen"]:
        rijen = [[_p("Datum", "celkop"), _p("Soort", "celkop"), _p("Omschrijving", "celkop"), _p("Bron", "celkop")]]
        for g in gi["gebeurtenissen"]:
            datum = datum_kort(g["datum"]) + (" (ca.)" if g["datum_bij_benadering"] else "")
            rijen.append([_p(datum, "cel"), _p(SOORT_TEKST.get(g["soort"], g["soort"]), "cel"), _p(g["omschrijving"], "cel"), _p(g["bron"], "klein")])
        items.append(_tabel(rijen, [22 * mm, 24 * mm, 58 * mm, 70 * mm]))
    else:
        items.append(_p("Geen gebeurtenissen in dit jaar."))
    if gi["rapporten"]:
        items.append(_p("Oordelen per inspectierapport", "h2"))
        for r in gi["rapporten"]:
            items.append(_pm(f"<b>{escape(r['titel'])}</b> ({escape(datum_kort(r['rapportdatum']))}, {escape(r['door'])}, {escape(r['soort'])})", "tekst"))
            if r["oordelen"]:
                rijen = [[_p("Thema", "celkop"), _p("Oordeel", "celkop"), _p("Toelichting", "celkop")]]
                for o in r["oordelen"]:
                    rijen.append([_p(o["thema_naam"], "cel"), _p(o["tekst"], "celkop" if is_kritisch(o["waarde"]) else "cel"), _p(o["toelichting"], "cel")])
                items.append(_tabel(rijen, [45 * mm, 32 * mm, 97 * mm]))
            extra = []
            if r["oorzaken"]:
                extra.append(f"oorzaken: {r['oorzaken']}")
            extra.append(f"vertrouwen in verbeterkracht: {r['vertrouwen_verbeterkracht']}")
            items.append(_p("; ".join(extra) + ".", "klein"))
    if gi["certificaatbesluiten"]:
        items.append(_p("Certificaatbesluiten die in het jaar golden of ingingen", "h2"))
        for b in gi["certificaatbesluiten"]:
            tot = f" tot en met {datum_kort(b['geldig_tot'])}" if b["geldig_tot"] else ""
            kenmerk = f", kenmerk {b['kenmerk']}" if b["kenmerk"] else ""
            items.append(_pm(f"<b>{escape(b['tekst'])}</b> per {escape(datum_kort(b['ingangsdatum']))}{escape(tot)} (besluit {escape(datum_kort(b['besluitdatum']))}{escape(kenmerk)})"))
            if b["motivering_openbaar"]:
                items.append(_p(b["motivering_openbaar"], "klein"))
            if vertrouwelijk and b.get("motivering_vertrouwelijk"):
                items.append(_pm(f"<b>Vertrouwelijke motivering:</b> {escape(b['motivering_vertrouwelijk'])}", "klein"))
    if gi["audits"]:
        items.append(_p("Audits van het KMI", "h2"))
        for a in gi["audits"]:
            aantallen = []
            if a["aantal_kritische_afwijkingen"] is not None:
                aantallen.append(f"{a['aantal_kritische_afwijkingen']} kritische afwijkingen")
            if a["aantal_afwijkingen"] is not None:
                aantallen.append(f"{a['aantal_afwijkingen']} afwijkingen")
            if a["hersteltermijn"]:
                aantallen.append(f"hersteltermijn {datum_kort(a['hersteltermijn'])}")
            uitkomst = "; ".join(aantallen) or "uitkomst niet geregistreerd"
            items.append(_p(f"Audit {a['soort']} van {datum_kort(a['startdatum'])} tot en met {datum_kort(a['einddatum'])}: {uitkomst}."))
            if vertrouwelijk:
                items.append(_pm(
                    f"<b>Vertrouwelijk – bevindingen:</b> {escape(a.get('samenvatting') or 'geen samenvatting geregistreerd')}"
                    f" (rapportkenmerk {escape(a.get('rapportkenmerk') or '–')})",
                    "klein",
                ))
    items.append(_p("Bronnen", "h2"))
    for bron in gi["bronnen"] or ["geen"]:
        items.append(_p(f"• {bron}", "klein"))
    return items


def _monitor(data: dict) -> list:
    items = [PageBreak(), _p(f"Landelijke GI-monitor {data['jaar']}", "h1")]
    if not data["monitor"]:
        items.append(_p(f"Er zijn geen landelijke GI-monitormetingen met een peildatum in {data['jaar']} vastgelegd."))
        return items
    kop = ["Peildatum", "Kinderen met maatregel", "Workload per fte", "Wachtlijst totaal", "Gem. wachttijd (dagen)", "Fte", "Verloop %", "Verzuim %"]
    rijen = [[_p(k, "celkop") for k in kop]]
    for m in data["monitor"]:
        def getal(w):
            return "–" if w is None else str(w).replace(".", ",")
        rijen.append([_p(datum_kort(m["peildatum"]), "cel")] + [_p(getal(m[k]), "cel") for k in (
            "aantal_kinderen_met_maatregel", "workload_per_fte", "wachtlijst_totaal", "gemiddelde_wachttijd_dagen", "fte", "verloop_pct", "verzuim_pct")])
    items.append(_tabel(rijen, [22 * mm, 26 * mm, 20 * mm, 22 * mm, 24 * mm, 20 * mm, 20 * mm, 20 * mm]))
    items.append(_p("Bronnen", "h2"))
    for bron in sorted({m["bron"] for m in data["monitor"]}):
        items.append(_p(f"• {bron}", "klein"))
    return items


def render_pdf(data: dict) -> bytes:
    """The overview as an A4 PDF; the same data gives the same bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGE,
        rightMargin=MARGE,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=data["titel"] + f" ({data['variant']})",
        author="GI-register",
        subject=f"Kamervraag 44 · peildatum {data['peildatum']} · sha256 gegevens {data['data_sha256']}",
        creator="GI-register",
        producer="GI-register (reportlab)",
        lang="nl-NL",
        invariant=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="tekst")
    kader = _paginakader(data)
    doc.addPageTemplates([PageTemplate(id="pagina", frames=[frame], onPage=kader)])
    vertrouwelijk = is_vertrouwelijk(data["variant"])
    verhaal = _omslag(data) + _leeswijzer(data) + _overzichtstabel(data) + _grafiek(data, doc.width)
    verhaal.append(_p("Per instelling", "h1"))
    for gi in data["instellingen"]:
        verhaal += _gi_sectie(gi, data, vertrouwelijk)
    verhaal += _monitor(data)
    doc.build(verhaal, canvasmaker=_GenummerdCanvas)
    return buffer.getvalue()

