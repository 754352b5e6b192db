"""PDF renderer of the Kamer overview (reportlab, A4, Dutch). Reads only the overview structure.

The output is deterministic: reportlab's invariant mode, fixed document metadata, and no wall-clock
time — the time on the cover is the register state (the latest recorded change up to the peildatum).

Made to be read on paper: embedded TrueType fonts (Vera), running text at least 9 pt, tables 8 pt, chart labels
7 pt; the wide tables and the timeline on landscape pages; headings kept with what follows; Dutch numbers
(12.345); the document language (nl-NL), title, author and subject in the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable

from register.rules import is_kritisch
from register.teksten import (
    CERT_LABEL,
    ERNST_TEKST,
    MAANDEN_KORT,
    SOORT_TEKST,
    TERMIJN_VERSTREKEN,
    TOEZICHT_LABEL,
    datum_kort,
    datumkwaliteit_van,
    feitdatum_kort,
    geldig_tot_kort,
    getal_tekst,
    registerstand_tekst,
)
from reports.teksten import (
    monitor_tabel,
    signaal_perioden,
    besluit_reikwijdte,
    bezwaren_regels,
    per_taak_tekst,
    reikwijdte_31_dec,
    OVERKOEPELEND_INLEIDING,
    OVERKOEPELEND_KOP,
    gi_opsomming,
    ook_over_tekst,
    zienswijze_tekst,
    GEEN_REACTIE,
    REACTIES_ZONDER_SIGNAAL_KOP,
    beleidsreactie_tekst,
    signaal_geldt_niet_meer,
    LEESWIJZER,
    LEESWIJZER_NA_TABEL,
    LEESWIJZER_VERTROUWELIJK,
    MONITOR_KOLOMMEN,
    ONDERTITEL,
    VERANTWOORDING_INLEIDING,
    VERANTWOORDING_LEEG,
    PAS_TEKST,
    afweging_delen,
    audituitkomst_tekst,
    instellingen_tekst,
    kamervraag,
    kort_van,
    peildatum_tekst,
    meerjaar_pasoordeel,
    pasoordeel_tekst,
    pasoordeel_van,
    vanaf_kort,
    vanaf_regel,
    vanaf_tekst,
    verantwoording_groepen,
    verantwoording_soort,
)
from reports.varianten import is_vertrouwelijk

PAGINA_BREEDTE, PAGINA_HOOGTE = A4
MARGE = 18 * mm

# Fonts: the Bitstream Vera family that ships with reportlab, embedded as TrueType subsets (the base-14 Helvetica is
# not embedded, so a reader's substitute could change the layout). Registered once per process.
LETTER, VET, CURSIEF, VET_CURSIEF = "Vera", "VeraBd", "VeraIt", "VeraBI"
for _naam in (LETTER, VET, CURSIEF, VET_CURSIEF):
    if _naam not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_naam, f"{_naam}.ttf"))
pdfmetrics.registerFontFamily(LETTER, normal=LETTER, bold=VET, italic=CURSIEF, boldItalic=VET_CURSIEF)

# The characters every one of the four fonts can show; any other character is written as a look-alike (or "?"),
# never as an empty box.
_GLYFEN = frozenset.intersection(
    *(frozenset(pdfmetrics.getFont(n).face.charToGlyph) for n in (LETTER, VET, CURSIEF, VET_CURSIEF))
)
VERVANGING = {
    "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u2713": "v", "\u2714": "v", "\u2717": "x",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "",
    "\u2009": " ", "\u202f": " ", "\u2007": " ", "\ufeff": "",
}


def _schrijfbaar(tekst: str) -> str:
    """``tekst`` with every character the fonts lack replaced: a known look-alike, else the letter without its
    accent, else "?". Line breaks and tabs stay (the paragraph treats them as spaces)."""
    if all(ord(t) in _GLYFEN or t in "\n\r\t" for t in tekst):
        return tekst
    uit = []
    for t in tekst:
        if ord(t) in _GLYFEN or t in "\n\r\t":
            uit.append(t)
        elif t in VERVANGING:
            uit.append(VERVANGING[t])
        else:
            basis = "".join(d for d in unicodedata.normalize("NFKD", t) if ord(d) in _GLYFEN)
            uit.append(basis or "?")
    return "".join(uit)


# Sizes for reading on paper: running text at least 9 pt, table text at least 8 pt, chart labels at least 7 pt
# (tests/test_pdf_leesbaarheid.py). A heading never ends a page: see _koppen_bewaken.
MIN_TEKST, MIN_TABEL, MIN_GRAFIEK = 9, 8, 7
_ZACHT = colors.Color(0.25, 0.25, 0.25)


def _stijl(naam, font=LETTER, grootte=9.5, regel=None, **extra) -> ParagraphStyle:
    return ParagraphStyle(naam, fontName=font, fontSize=grootte, leading=regel or round(grootte * 1.3, 1), **extra)


STIJL = {
    "titel": _stijl("titel", VET, 24, 30, alignment=TA_CENTER),
    "ondertitel": _stijl("ondertitel", LETTER, 13, 18, alignment=TA_CENTER),
    "h1": _stijl("h1", VET, 16, 20, spaceBefore=6, spaceAfter=8),
    "h2": _stijl("h2", VET, 12.5, 16, spaceBefore=9, spaceAfter=4),
    "h3": _stijl("h3", VET, 10.5, 13.5, spaceBefore=6, spaceAfter=3),
    "tekst": _stijl("tekst", LETTER, 9.5, 13, spaceAfter=4, allowWidows=0, allowOrphans=0),
    "klein": _stijl("klein", LETTER, 9, 11.5, spaceAfter=2, allowWidows=0, allowOrphans=0),
    "inspring": _stijl("inspring", LETTER, 9, 11.5, leftIndent=5 * mm, spaceAfter=2, allowWidows=0, allowOrphans=0),
    "opsomming": _stijl(
        "opsomming", LETTER, 9, 11.5, leftIndent=4 * mm, bulletIndent=0, bulletFontName=LETTER, bulletFontSize=9, spaceAfter=1,
    ),
    "cel": _stijl("cel", LETTER, 8.5, 10.5),
    "celkop": _stijl("celkop", VET, 8.5, 10.5),
    "code": _stijl("code", LETTER, 8, 9.5, textColor=_ZACHT),
    "vertrouwelijk": _stijl(
        "vertrouwelijk", VET, 9.5, 13,
        borderColor=colors.black, borderWidth=0.8, borderPadding=4, spaceBefore=4, spaceAfter=8,
    ),
}
KOPPEN = ("h1", "h2", "h3")


# Parsed paragraph texts of the overview being rendered, by (text, style, bullet): the same cell recurs thousands of
# times in a large overview (the meerjarenbeeld, "in de pas", sources, table headers). Emptied before and after
# every render, so it never outlives one.
_ONTLEED: dict[tuple, tuple] = {}


def _kopie(fragmenten):
    return [f.clone() for f in fragmenten] if isinstance(fragmenten, list) else fragmenten


class _Alinea(Paragraph):
    """A Paragraph that parses a text once per overview and breaks its lines once per width.

    reportlab parses the markup of every paragraph (an HTML parser: the larger part of making one) and wraps a
    paragraph many times at the same width (a table sizes its cells, then wraps them again to draw them; a
    heading's guard measures what follows before the frame places it). The parsed fragments of a text depend on the
    text, the style and the bullet only: a paragraph with a text parsed before gets its own copies of those
    fragments. The lines depend on the width only: the result of the last wrap at a width is kept. A split that
    refuses the paragraph drops its lines (blPara), and the next wrap breaks them afresh."""

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None:  # a part of a split paragraph: its fragments are given
            return super()._setup(text, style, bulletText, frags, cleaner)
        sleutel = (text, id(style), bulletText)
        ontleed = _ONTLEED.get(sleutel)
        if ontleed is None:
            super()._setup(text, style, bulletText, None, cleaner)
            _ONTLEED[sleutel] = (self.text, self.style, _kopie(self.bulletText), _kopie(self.frags))
        else:
            tekst, stijl, opsomming, fragmenten = ontleed
            super()._setup(tekst, stijl, _kopie(opsomming), _kopie(fragmenten), cleaner)

    def wrap(self, availWidth, availHeight):
        if self.__dict__.get("_gewrapt_op") == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        maten = super().wrap(availWidth, availHeight)
        self._gewrapt_op = availWidth if "blPara" in self.__dict__ and self.width == availWidth else None
        return maten


def _p(tekst, stijl="tekst") -> Paragraph:
    return _Alinea(escape(_schrijfbaar(str(tekst if tekst is not None else ""))), STIJL[stijl])


def _pm(markup, stijl="tekst") -> Paragraph:
    """A paragraph with trusted markup (our own tags around escaped values)."""
    return _Alinea(_schrijfbaar(markup), STIJL[stijl])


def _e(tekst) -> str:
    return escape(str(tekst if tekst is not None else ""))


# -- page furniture -------------------------------------------------------------------------------


class _GenummerdCanvas(Canvas):
    """Writes 'Pagina X van Y' once the number of pages is known."""

    def __init__(self, *args, **kwargs):
        # the initial font is Vera too: reportlab's default would add a (not embedded) Helvetica to every page
        kwargs["initialFontName"] = kwargs.get("initialFontName") or LETTER
        super().__init__(*args, **kwargs)
        self._paginas = []

    def showPage(self):
        self._paginas.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        totaal = len(self._paginas)
        for staat in self._paginas:
            self.__dict__.update(staat)
            self.setFont(LETTER, 8)
            self.drawRightString(self._pagesize[0] - MARGE, 10 * mm, f"Pagina {self._pageNumber} van {totaal}")
            super().showPage()
        super().save()


def _kop(data: dict) -> str:
    """The head line of every page of the Kamer overview."""
    return f"Kameroverzicht gecertificeerde instellingen {data['jaar']} · peildatum {datum_kort(data['peildatum'])} · variant {data['variant']}"


def _paginakader(data: dict, kop: str):
    """The page furniture of every archived document (the Kamer overview and the aanleidingenoverzicht): ``kop`` as
    the head line over a rule, a rule and the start of the data's sha256 at the foot, and on the vertrouwelijk
    variant a VERTROUWELIJK band at top and bottom."""
    vertrouwelijk = is_vertrouwelijk(data["variant"])

    def teken(canvas, doc):
        breedte, hoogte = canvas._pagesize
        canvas.saveState()
        canvas.setFont(LETTER, 8)
        canvas.setLineWidth(0.4)
        canvas.drawString(MARGE, hoogte - 11 * mm, kop)
        canvas.line(MARGE, hoogte - 12.5 * mm, breedte - MARGE, hoogte - 12.5 * mm)
        canvas.line(MARGE, 14 * mm, breedte - MARGE, 14 * mm)
        canvas.drawString(MARGE, 10 * mm, f"Gegevens-sha256 {data['data_sha256'][:16]}…")
        if vertrouwelijk:
            canvas.setFont(VET, 10)
            for y in (hoogte - 7 * mm, 5 * mm):
                canvas.drawCentredString(breedte / 2, y, "VERTROUWELIJK – niet openbaar maken")
        canvas.restoreState()

    return teken


def sha256_in_groepen(waarde: str) -> str:
    """A 64-character hash as four groups of 16, so a narrow column breaks it between groups and never leaves its
    last character alone on a line."""
    return " ".join(waarde[i:i + 16] for i in range(0, len(waarde), 16))


def _vervolg(canvas, doc):
    """At the end of a page that continues a GI's section (it does not open with the GI's heading): the GI's name,
    and the next GI's when its section starts on the same page (a page mostly about JBW that opens with the end of
    JBN's section reads "vervolg JBN … · hierna JBW …", not only "vervolg JBN")."""
    if doc.gi_bij_begin and not doc.opent_met_kop:
        kop = f"vervolg {doc.gi_bij_begin}"
        if doc.lopende_gi and doc.lopende_gi != doc.gi_bij_begin:
            kop += f" · hierna {doc.lopende_gi}"
        canvas.saveState()
        canvas.setFont(CURSIEF, 8)
        canvas.drawRightString(canvas._pagesize[0] - MARGE, canvas._pagesize[1] - 16.5 * mm, kop)
        canvas.restoreState()


# -- the timeline chart ---------------------------------------------------------------------------

# (fill grey, pattern, letter) per value; the pattern and the letter carry the meaning, not colour. The bands show
# the letter ("V = volledig" where there is room) and the legend explains every letter.
CERT_STIJL = {
    "volledig": (1.0, None, "V"),
    "voorlopig": (0.92, "schuin", "VL"),
    "overbrugging": (0.85, "tegenschuin", "O"),
    "geschorst": (0.7, "kruis", "S"),
    "ingetrokken": (0.35, "horizontaal", "I"),
    "verlopen": (0.8, "stip", "X"),
    "geen": (0.6, "stip", "G"),
    "onbekend": (1.0, "onbekend", "?"),
}
TOEZICHT_STIJL = {
    "regulier": (1.0, None, "R"),
    "geintensiveerd": (0.88, "schuin", "GT"),
    "verscherpt": (0.65, "kruis", "VT"),
    "onbekend": (1.0, "onbekend", "?"),
}
GRAFIEK_LETTER = 7.5  # labels in and beside the chart
BAND_LETTER = 7  # the letters in a band


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
    if patroon == "onbekend":  # nothing known: a light grey band with a dotted centre line
        canvas.setFillColor(colors.Color(0.93, 0.93, 0.93))
        canvas.rect(x, y, w, h, stroke=0, fill=1)
        canvas.setDash(1, 2)
        canvas.line(x, y + h / 2, x + w, y + h / 2)
    canvas.restoreState()


def _band_label(canvas, x, y, w, h, lang, kort):
    """The band's letter, with its meaning where the band is wide enough ("VT = verscherpt")."""
    volledig = f"{kort} = {lang}"
    tekst = volledig if canvas.stringWidth(volledig, VET, BAND_LETTER) + 4 <= w else kort
    breedte = canvas.stringWidth(tekst, VET, BAND_LETTER)
    if breedte + 2 > w:
        return
    canvas.setFont(VET, BAND_LETTER)
    canvas.setFillColor(colors.white)
    canvas.rect(x + w / 2 - breedte / 2 - 1.2, y + h / 2 - 3.6, breedte + 2.4, 7.6, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(x + w / 2, y + h / 2 - 2.5, tekst)


class Tijdlijngrafiek(Flowable):
    """One swimlane per GI across the year: certificate band, toezicht band, markers. Splits between lanes."""

    LABEL_BREEDTE = 22 * mm
    BAND = 10
    BAAN = 44
    KOP = 18

    def __init__(self, jaar: int, instellingen: list[dict], breedte: float):
        super().__init__()
        self.jaar = jaar
        self.instellingen = instellingen
        self.breedte = breedte
        self.hoogte = self.KOP + self.BAAN * len(instellingen)

    def wrap(self, avail_width, avail_height):
        return self.breedte, self.hoogte

    def split(self, avail_width, avail_height):
        passend = int((avail_height - self.KOP) // self.BAAN)
        if passend < 1 or passend >= len(self.instellingen):
            return []  # reportlab moves the whole chart to the next page (or draws it when it fits)
        return [
            Tijdlijngrafiek(self.jaar, self.instellingen[:passend], self.breedte),
            Tijdlijngrafiek(self.jaar, self.instellingen[passend:], self.breedte),
        ]

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
        c.setFont(LETTER, GRAFIEK_LETTER)
        c.setLineWidth(0.3)
        c.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        for m in range(1, 13):
            x = self._x(dt.date(self.jaar, m, 1).isoformat())
            c.line(x, 0, x, top - 11)
            c.setFillColor(colors.black)
            c.drawString(x + 1.5, top - 9, MAANDEN_KORT[m - 1])
        c.line(self.breedte, 0, self.breedte, top - 11)
        c.setStrokeColor(colors.black)
        for n, gi in enumerate(self.instellingen):
            y0 = top - self.KOP - self.BAAN * (n + 1)
            c.setFillColor(colors.black)
            c.setFont(VET, 8.5)
            c.drawString(0, y0 + 34, _schrijfbaar(gi["afkorting"]))
            c.setFont(LETTER, GRAFIEK_LETTER)
            c.drawString(0, y0 + 22.5, "certificaat")
            c.drawString(0, y0 + 11.5, "toezicht")
            c.drawString(0, y0 + 1.5, "gebeurtenis")
            self._band(c, gi["certificaat_intervallen"], y0 + 20, CERT_STIJL, CERT_LABEL)
            self._band(c, gi["toezicht_intervallen"], y0 + 9, TOEZICHT_STIJL, TOEZICHT_LABEL)
            self._markers(c, gi, y0 + 3.5)
            c.setLineWidth(0.2)
            c.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
            c.line(0, y0 - 1, self.breedte, y0 - 1)
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
            _band_label(c, x1, y, x2 - x1, h, lang, kort)

    def _markers(self, c, gi, y):
        c.setLineWidth(0.6)
        for g in gi["gebeurtenissen"]:
            x = self._x(g["datum"]) + 0.5
            if g["soort"] == "audit":
                pad = c.beginPath()
                pad.moveTo(x - 2.8, y - 2.4)
                pad.lineTo(x + 2.8, y - 2.4)
                pad.lineTo(x, y + 2.6)
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
                c.circle(x, y, 2.5, stroke=1, fill=1)
            elif g["soort"] == "handhavingsmaatregel":
                c.setFillColor(colors.black)
                c.rect(x - 2.2, y - 2.2, 4.4, 4.4, stroke=1, fill=1)


class Legenda(Flowable):
    """The letters and patterns of the bands and the markers of the timeline chart."""

    LETTER = 8
    RIJ = 12.5

    def __init__(self, breedte):
        super().__init__()
        self.breedte = breedte
        self.rijen = [
            ("Certificaat:", [(CERT_STIJL[k], CERT_LABEL[k]) for k in CERT_STIJL]),
            ("Toezicht:", [(TOEZICHT_STIJL[k], TOEZICHT_LABEL[k]) for k in TOEZICHT_STIJL]),
        ]
        self.hoogte = self._indeling(None)

    def _indeling(self, c):
        """Lays out (and with a canvas draws) the legend; returns its height."""
        def breedte(tekst):
            return stringWidth(tekst, LETTER, self.LETTER)

        y = -self.RIJ
        for titel, items in self.rijen:
            if c:
                c.setFont(VET, self.LETTER)
                c.setFillColor(colors.black)
                c.drawString(0, y + 2, titel)
            x = 60
            for (grijs, patroon, kort), naam in items:
                tekst = f"{kort} = {naam}"
                if x + 22 + breedte(tekst) > self.breedte:
                    x, y = 60, y - self.RIJ
                if c:
                    c.setFillColor(colors.Color(grijs, grijs, grijs))
                    c.setLineWidth(0.6)
                    c.rect(x, y, 18, 9, stroke=1, fill=1)
                    _patroon(c, x, y, 18, 9, patroon)
                    c.setFillColor(colors.black)
                    c.setFont(LETTER, self.LETTER)
                    c.drawString(x + 21, y + 2, tekst)
                x += 21 + breedte(tekst) + 10
            y -= self.RIJ + 3
        markers = [
            ("audit", "audit KMI (startdatum)"),
            ("open", "inspectierapport zonder kritisch oordeel"),
            ("dicht", "inspectierapport met kritisch oordeel"),
            ("vierkant", "handhavingsmaatregel"),
            ("stippel", "stippellijn en ! = termijn van verhoogd toezicht verstreken"),
        ]
        if c:
            c.setFont(VET, self.LETTER)
            c.drawString(0, y + 2, "Markers:")
        x = 60
        for soort, tekst in markers:
            ruimte = (21 if soort == "stippel" else 10) + breedte(tekst) + 12
            if x + ruimte > self.breedte:
                x, y = 60, y - self.RIJ
            if c:
                self._marker(c, soort, x, y)
                c.setFillColor(colors.black)
                c.setFont(LETTER, self.LETTER)
                c.drawString(x + (21 if soort == "stippel" else 10), y + 2, tekst)
            x += ruimte
        return -y + 2

    @staticmethod
    def _marker(c, soort, x, y):
        c.setLineWidth(0.6)
        c.setStrokeColor(colors.black)
        if soort == "audit":
            pad = c.beginPath()
            pad.moveTo(x, y + 1)
            pad.lineTo(x + 5.6, y + 1)
            pad.lineTo(x + 2.8, y + 6)
            pad.close()
            c.setFillColor(colors.white)
            c.drawPath(pad, stroke=1, fill=1)
        elif soort in ("open", "dicht"):
            c.setFillColor(colors.white if soort == "open" else colors.black)
            c.circle(x + 2.8, y + 3.5, 2.5, stroke=1, fill=1)
        elif soort == "vierkant":
            c.setFillColor(colors.black)
            c.rect(x + 0.6, y + 1.3, 4.4, 4.4, stroke=1, fill=1)
        else:
            c.setDash(2, 1.5)
            c.setFillColor(colors.white)
            c.rect(x, y, 18, 9, stroke=1, fill=1)
            c.setDash()

    def wrap(self, aw, ah):
        return self.breedte, self.hoogte

    def draw(self):
        self.canv.saveState()
        self.canv.translate(0, self.hoogte)
        self._indeling(self.canv)
        self.canv.restoreState()


# -- building blocks ------------------------------------------------------------------------------


# A table row taller than the space left on a page is split inside the row (its cells continue on the next
# page under the repeated header), so a text of any length fits. reportlab only tries the largest part that fits
# and refuses the split when what is left would be lower than the table's splitInRow; a row left just over a page
# high could then be neither placed nor split (a LayoutError). So a split may leave any part, down to one line
# (SPLITS_IN_RIJ); a heading still needs the first MIN_RIJDEEL of a table below it on its page.
MIN_RIJDEEL = 3 * STIJL["cel"].leading
SPLITS_IN_RIJ = 1


def _tabel(rijen, kolommen, kop=1, zebra=True, rijen_heel=False):
    """A table with a repeated header. ``rijen_heel``: a table of short rows (the signal definitions, a legend)
    breaks only between rows, so a signal's title and its code never end up on two pages."""
    # reportlab splits the content of a cell only when the cell holds a list of flowables
    rijen = [[[cel] if isinstance(cel, Flowable) else cel for cel in rij] for rij in rijen]
    tabel = Table(rijen, colWidths=kolommen, repeatRows=kop, splitInRow=0 if rijen_heel else SPLITS_IN_RIJ, hAlign="LEFT")
    stijl = [
        ("GRID", (0, 0), (-1, -1), 0.3, colors.Color(0.5, 0.5, 0.5)),
        ("FONT", (0, 0), (-1, -1), LETTER, STIJL["cel"].fontSize),  # else reportlab sets (not embedded) Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if kop:
        stijl.append(("BACKGROUND", (0, 0), (-1, kop - 1), colors.Color(0.88, 0.88, 0.88)))
    tabel.setStyle(TableStyle(stijl))
    return tabel


def _opsomming(regels, stijl="opsomming") -> list:
    """A bulleted list; a short list stays in one piece, so no page holds a lone item."""
    items = [_Alinea(_schrijfbaar(escape(str(r))), STIJL[stijl], bulletText="•") for r in regels]
    return [KeepTogether(items)] if items else []


def _codes(codes: list[str], breedte: float, stijl: str = "code") -> Paragraph:
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


def _titels(data: dict) -> dict[str, dict]:
    """The signal definitions by code."""
    return {d["code"]: d for d in data["signaaldefinities"]}


def _signaal_in_woorden(s: dict, breedte: float) -> list:
    """A signal as a reader meets it: its title in words (with the severity), its code beneath in small print."""
    return [
        _pm(f"<b>{_e(s['titel'])}</b> ({_e(s['ernst'])})", "cel"),
        _codes([s["code"]], breedte),
    ]


def _kop_van(flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name in KOPPEN


def _begin_hoogte(flowable, breedte: float, hoogte: float) -> float:
    """The height a heading needs below it on its page: what follows when it is short, else its first lines (a
    paragraph) or its header and first rows (a table)."""
    if isinstance(flowable, KeepTogether):  # kept together: all of it moves to the next page when it does not fit
        return sum(f.wrap(breedte, hoogte)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowable._content)
    if isinstance(flowable, Table):
        flowable.wrap(breedte, hoogte)
        rijen = flowable._rowHeights
        kop = sum(rijen[: flowable.repeatRows])
        eerste = rijen[flowable.repeatRows] if len(rijen) > flowable.repeatRows else 0
        return kop + min(eerste, MIN_RIJDEEL + 6)
    if isinstance(flowable, (Paragraph, Tijdlijngrafiek, Legenda)):
        h = flowable.wrap(breedte, hoogte)[1]
        if isinstance(flowable, Paragraph):
            return min(h, 3 * flowable.style.leading) + flowable.style.spaceBefore
        return min(h, Tijdlijngrafiek.KOP + Tijdlijngrafiek.BAAN) if isinstance(flowable, Tijdlijngrafiek) else h
    return 0


class _KopBewaking(CondPageBreak):
    """Before a heading (or a run of headings): a new page unless the headings and the start of what follows fit."""

    def __init__(self, koppen: list, volgende):
        super().__init__(0)
        self.koppen, self.volgende = koppen, volgende

    def wrap(self, breedte, hoogte):
        nodig = sum(k.wrap(breedte, hoogte)[1] + k.style.spaceBefore + k.style.spaceAfter for k in self.koppen)
        self.height = nodig + (_begin_hoogte(self.volgende, breedte, hoogte) if self.volgende is not None else 0)
        return super().wrap(breedte, hoogte)


def _koppen_bewaken(verhaal: list) -> list:
    """Puts a _KopBewaking before every heading, so no heading stands alone at the foot of a page."""
    uit, i = [], 0
    while i < len(verhaal):
        if _kop_van(verhaal[i]):
            j = i
            while j < len(verhaal) and _kop_van(verhaal[j]):
                j += 1
            volgende = verhaal[j] if j < len(verhaal) and not isinstance(verhaal[j], (PageBreak, CondPageBreak)) else None
            uit.append(_KopBewaking(verhaal[i:j], volgende))
            uit += verhaal[i:j]
            i = j
        else:
            uit.append(verhaal[i])
            i += 1
    return uit


# -- the document ---------------------------------------------------------------------------------


def _omslag(data: dict) -> list:
    vertrouwelijk = is_vertrouwelijk(data["variant"])
    items = [
        Spacer(1, 20 * mm),
        _p(data["titel"], "titel"),
        Spacer(1, 6 * mm),
        _p(ONDERTITEL, "ondertitel"),
        Spacer(1, 10 * mm),
    ]
    # an overview archived before the cover quoted question and answer (schema 2) gets the same words
    vraag = data.get("kamervraag") or kamervraag()
    rijen = [
        [_p("Jaar", "celkop"), _p(data["jaar"], "cel")],
        [_p("Peildatum", "celkop"), _p(peildatum_tekst(data), "cel")],
        [_p("Variant", "celkop"), _p("vertrouwelijk – alleen voor toezichthouders en ter inzage voor de Kamer" if vertrouwelijk else "openbaar", "cel")],
        [_p("Tijdstip van aanmaak (registerstand)", "celkop"), _p(registerstand_tekst(data), "cel")],
        [_p("sha256 van de gegevens", "celkop"), _p(sha256_in_groepen(data["data_sha256"]), "cel")],
        [_p("Instellingen", "celkop"), _p(instellingen_tekst(data), "cel")],
    ]
    vanaf = vanaf_tekst(data)
    if vanaf:
        rijen.append([_p("Volledigheid", "celkop"), _p(vanaf, "cel")])
    rijen += [
        [_p("Kamervraag 44", "celkop"), _p(f"“{vraag['vraag']}”", "cel")],
        [_p("Antwoord", "celkop"), [_p(f"“{vraag['antwoord']}”", "cel"), _p(f"Bron: {vraag['bron']}.", "cel")]],
        [_p("Verzending", "celkop"), _p(vraag["verzending"], "cel")],
    ]
    items.append(_tabel(rijen, [50 * mm, 120 * mm], kop=0))
    if vertrouwelijk:
        items += [Spacer(1, 10 * mm), _p(
            "VERTROUWELIJK. Dit overzicht bevat vertrouwelijke bevindingen uit audits van het Keurmerkinstituut "
            "(bedrijfsgevoelige informatie). Niet openbaar maken en niet verder verspreiden.", "vertrouwelijk")]
    items.append(PageBreak())
    return items


def _leeswijzer_alinea(soort: str, tekst: str):
    if soort == "h2":
        return _p(tekst, "h2")
    return _pm(tekst) if soort == "markup" else _p(tekst)


def _leeswijzer(data: dict) -> list:
    items = [_p("Leeswijzer", "h1")] + [_leeswijzer_alinea(soort, tekst) for soort, tekst in LEESWIJZER]
    breedte = 60 * mm
    rijen = [[_p("Kort", "celkop"), _p("Signaal", "celkop"), _p("Ernst", "celkop"), _p("Betekenis", "celkop")]]
    for d in data["signaaldefinities"]:
        rijen.append([
            _p(kort_van(d), "celkop"),
            [_pm(f"<b>{_e(d['titel'])}</b>", "cel"), _codes([d["code"]], breedte - 6)],
            _p(d["ernst"], "cel"),
            _p(d["omschrijving"], "cel"),
        ])
    items.append(_tabel(rijen, [12 * mm, breedte, 19 * mm, 83 * mm], rijen_heel=True))
    items += [_leeswijzer_alinea(soort, tekst) for soort, tekst in LEESWIJZER_NA_TABEL]
    if is_vertrouwelijk(data["variant"]):
        items.append(_p(LEESWIJZER_VERTROUWELIJK, "vertrouwelijk"))
    return items


def _goed_bestuur(gi: dict) -> str:
    o = gi["laatste_oordeel_goed_bestuur"]
    return f"{o['tekst']} ({feitdatum_kort(o['rapportdatum'], datumkwaliteit_van(o))})" if o else "–"


SIGNAALKOLOM = 35  # width of the signal column in the summary table, mm


def _overzichtstabel(data: dict) -> list:
    items = [_p("Samenvatting per instelling", "h1"),
             _p(f"{instellingen_tekst(data)} Per instelling: de datum vanaf wanneer haar gegevens volledig zijn (één datum "
                "voor certificering en toezicht samen, anders per kant), "
                f"certificaat en toezicht op 1 januari en 31 december {data['jaar']}, het aantal wijzigingen van de "
                "certificaatstatus in het jaar (Wijz.), audits en inspectierapporten (Rapp.) in het jaar, het laatste "
                "oordeel over goed bestuur tot en met 31 december, het oordeel (in de pas, niet in de pas, onvoldoende gegevens; "
                "de basis staat onder de tabel) en de signalen: de titel met de ernst, de code eronder.")]
    kop = ["GI", "Gegevens vanaf", "Certificaat 1 jan", "Certificaat 31 dec", "Wijz.", "Toezicht 1 jan", "Toezicht 31 dec",
           "Audits", "Rapp.", "Goed bestuur (laatste)", "Oordeel", "Signalen"]
    kolommen = [30, 24, 23, 23, 12, 24, 24, 14, 13, 20, 19, SIGNAALKOLOM]  # 261 mm, a landscape page
    rijen = [[_p(k, "celkop") for k in kop]]
    for gi in data["instellingen"]:
        t_eind = TOEZICHT_LABEL.get(gi["toezicht_31_dec"], gi["toezicht_31_dec"])
        if gi["toezicht_31_dec_termijn_verstreken"]:
            t_eind += f" ({TERMIJN_VERSTREKEN})"
        signalen = [f for n, s in enumerate(gi["signalen"]) for f in [Spacer(1, 3)] * bool(n) + _signaal_in_woorden(s, SIGNAALKOLOM * mm - 6)]
        rijen.append([
            [_p(gi["afkorting"], "celkop"), _p(gi["naam"], "cel")],
            _p(vanaf_kort(gi), "cel"),
            _p(CERT_LABEL.get(gi["certificaat_1_jan"], gi["certificaat_1_jan"]), "cel"),
            [_p(CERT_LABEL.get(gi["certificaat_31_dec"], gi["certificaat_31_dec"]), "cel")]
            + ([_p(reikwijdte_31_dec(gi), "cel")] if reikwijdte_31_dec(gi) else []),
            _p(getal_tekst(gi["certificaatwijzigingen"]), "cel"),
            _p(TOEZICHT_LABEL.get(gi["toezicht_1_jan"], gi["toezicht_1_jan"]), "cel"),
            _p(t_eind, "cel"),
            _p(getal_tekst(gi["aantal_audits"]), "cel"),
            _p(getal_tekst(gi["aantal_rapporten"]), "cel"),
            _p(_goed_bestuur(gi), "cel"),
            _pas_cel(gi),
            signalen or _p("–", "cel"),
        ])
    items.append(_tabel(rijen, [k * mm for k in kolommen]))
    items.append(_p("Oordeel per instelling en waarop het berust", "h3"))
    items += [_pm(f"<b>{_e(gi['afkorting'])}</b>: {_e(pasoordeel_tekst(gi))}", "tekst") for gi in data["instellingen"]]
    return items + _beleidsreactie(data)


def _beleidsreactie(data: dict) -> list:
    """The ministerie's beleidsreactie on the year, right after the summary (reports/teksten.py)."""
    tekst = beleidsreactie_tekst(data)
    if tekst is None:
        return []
    kop, inhoud = tekst
    return [_p(kop, "h2"), _p(inhoud)]


def _pas_cel(gi: dict):
    """The verdict in a table cell: 'niet in de pas' in bold capitals, the others as they are."""
    p = pasoordeel_van(gi)
    if p["waarde"] == "niet_in_de_pas":
        return _p("NIET in de pas", "celkop")
    return _p(p["tekst"], "cel")


def _meerjarenbeeld(data: dict) -> list:
    beeld = data.get("meerjarenbeeld")
    if not beeld or not beeld.get("jaren"):
        return []
    jaren = beeld["jaren"]
    definities = _titels(data)
    items = [
        _p("Meerjarenbeeld", "h1"),
        _p(f"Per instelling het oordeel (in de pas, niet in de pas of onvoldoende gegevens) in de jaren {jaren[0]} tot "
           f"en met {jaren[-1]}, met de signalen van elk jaar in korte letters (uitgelegd onder de tabel), zodat "
           "aanhoudend verschil tussen certificering en toezicht in één oogopslag te zien is. 'Onvoldoende gegevens': "
           "een dag van het jaar ligt vóór de datum vanaf wanneer de gegevens van een kant volledig zijn, of er is in "
           "dat jaar en de twee jaren ervoor geen inspectierapport met een oordeel verschenen. 'Onbekend': het jaar "
           "ligt buiten de periode waarin de instelling actief was."),
    ]
    rijen = [[_p("GI", "celkop")] + [_p(j, "celkop") for j in jaren]]
    for gi in beeld["instellingen"]:
        per_jaar = {j["jaar"]: j for j in gi["jaren"]}
        rij = [[_p(gi["afkorting"], "celkop"), _p(gi["naam"], "cel")]]
        for jaar in jaren:
            j = per_jaar.get(jaar)
            if not j or not j["bekend"]:
                rij.append(_p("– onbekend", "cel"))
                continue
            waarde = meerjaar_pasoordeel(j)
            pas = _pm("<b>NIET in de pas</b>", "cel") if waarde == "niet_in_de_pas" else _p(PAS_TEKST.get(waarde, "onbekend"), "cel")
            letters = " ".join(kort_van(definities[c]) if c in definities else c for c in j["signaalcodes"])
            rij.append([pas, _p(letters or "geen signalen", "cel")])
        rijen.append(rij)
    breedte = 261 - 50
    items.append(_tabel(rijen, [50 * mm] + [breedte / len(jaren) * mm] * len(jaren)))
    legenda = [[_p("Kort", "celkop"), _p("Signaal", "celkop"), _p("Ernst", "celkop")]]
    for d in data["signaaldefinities"]:
        legenda.append([_p(kort_van(d), "celkop"), _p(d["titel"], "cel"), _p(d["ernst"], "cel")])
    items += [_p("Korte letters van de signalen", "h3"), _tabel(legenda, [14 * mm, 130 * mm, 20 * mm], rijen_heel=True)]
    return items


def _grafiek(data: dict, breedte: float) -> list:
    return [
        _p(f"Tijdlijn {data['jaar']}", "h1"),
        _p("Per instelling een baan over het jaar: de bovenste band is de certificaatstatus, de onderste het "
           "toezichtniveau. De band toont de letter uit de legenda (met de betekenis erbij waar de band breed genoeg "
           "is) en het arceerpatroon; de betekenis zit nooit alleen in de grijstint. Driehoeken zijn audits, rondjes "
           "inspectierapporten (gevuld: met kritisch oordeel), vierkantjes handhavingsmaatregelen."),
        Legenda(breedte),
        Spacer(1, 4 * mm),
        Tijdlijngrafiek(data["jaar"], data["instellingen"], breedte),
    ]


def _reacties(s: dict, peildatum: str) -> list:
    """The wederhoor under a signal of severity hoog or aandacht: each reactie, or that none was received."""
    if not s.get("wederhoor"):
        return []
    reacties = s.get("reacties") or []
    if not reacties:
        return [_pm(f"<i>{GEEN_REACTIE}</i> (tot en met de peildatum {_e(datum_kort(peildatum))}).", "inspring")]
    items = []
    for r in reacties:
        naam = r.get("organisatie_naam") or str(r.get("organisatie", "")).upper()
        bron = f" <font color='#404040'>(bron: {_e(r['bron'])})</font>" if r.get("bron") else ""
        items.append(_pm(f"<b>Reactie {_e(naam)} ({_e(datum_kort(r.get('datum')))}):</b> {_e(r.get('tekst'))}{bron}", "inspring"))
    return items


def _reacties_zonder_signaal(gi: dict, data: dict) -> list:
    """The reacties whose signal the overview does not hold (it no longer stands), each with that statement."""
    groepen = gi.get("reacties_zonder_signaal") or []
    if not groepen:
        return []
    titels = _titels(data)
    items = [_p(REACTIES_ZONDER_SIGNAAL_KOP, "h2")]
    for g in groepen:
        titel = titels.get(g["code"], {}).get("titel", g["code"])
        blok = [_pm(f"<b>{_e(titel)}</b>", "tekst"), _codes([g["code"]], 170 * mm),
                _p(signaal_geldt_niet_meer(data["variant"]), "inspring"), *_reacties({"wederhoor": True, **g}, data["peildatum"])]
        items += [KeepTogether(blok), Spacer(1, 2 * mm)]
    return items


def _afweging(b: dict) -> list:
    """The afweging of a certificaatbesluit, for the column beside it (reports/teksten.py ``afweging_delen``)."""
    cel = []
    for kop, tekst in afweging_delen(b):
        if kop and tekst:
            cel.append(_pm(f"<b>{_e(kop)}:</b> {_e(tekst)}", "cel"))
        elif kop:
            cel.append(_pm(f"<b>{_e(kop)}</b>", "cel"))
        else:
            cel.append(_p(tekst, "cel"))
    return cel or [_p("–", "cel")]


def _gi_sectie(gi: dict, data: dict, vertrouwelijk: bool) -> list:
    kop = _p(f"{gi['afkorting']} – {gi['naam']}", "h1")
    kop.gi_sectie = _schrijfbaar(f"{gi['afkorting']} – {gi['naam']}")[:80]
    items = [CondPageBreak(70 * mm), kop]
    werk = f" · werkgebied {gi['werkgebied']}" if gi["werkgebied"] else ""
    pas = pasoordeel_van(gi)
    items.append(_p(f"{gi['soort']}{werk} · {'NIET in de pas' if pas['waarde'] == 'niet_in_de_pas' else pas['tekst']} "
                    f"in {data['jaar']}", "tekst"))
    items.append(_p(f"Oordeel {data['jaar']}: {pasoordeel_tekst(gi)}"))
    if vanaf_regel(gi):
        items.append(_p(f"Gegevens volledig: {vanaf_regel(gi)}."))
    status = (
        f"Certificaat: {CERT_LABEL.get(gi['certificaat_1_jan'])} op 1 januari, {CERT_LABEL.get(gi['certificaat_31_dec'])} op 31 december. "
        f"Toezicht: {TOEZICHT_LABEL.get(gi['toezicht_1_jan'])} op 1 januari, {TOEZICHT_LABEL.get(gi['toezicht_31_dec'])} op 31 december."
    )
    items.append(_p(status))
    if per_taak_tekst(gi):
        reikwijdte = f" ({reikwijdte_31_dec(gi)})" if reikwijdte_31_dec(gi) else ""
        items.append(_p(f"Certificaat op 31 december{reikwijdte}, per taak: {per_taak_tekst(gi)}."))
    items.append(_p("Signalen", "h2"))
    if gi["signalen"]:
        for s in gi["signalen"]:
            perioden = signaal_perioden(s)
            blok = [
                _pm(f"<b>{_e(s['titel'])}</b> [{_e(ERNST_TEKST[s['ernst']])}] ({_e(perioden)})", "tekst"),
                _codes([s["code"]], 170 * mm),
                _p(s["uitleg"], "inspring"),
                *_reacties(s, data["peildatum"]),
            ]
            items.append(KeepTogether(blok))
            items.append(Spacer(1, 2 * mm))
    else:
        items.append(_p("Geen signalen in dit jaar."))
    items += _reacties_zonder_signaal(gi, data)
    items.append(_p("Gebeurtenissen", "h2"))
    if gi["gebeurtenissen"]:
        rijen = [[_p("Datum", "celkop"), _p("Soort", "celkop"), _p("Omschrijving", "celkop"), _p("Bron", "celkop")]]
        for g in gi["gebeurtenissen"]:
            datum = feitdatum_kort(g["datum"], datumkwaliteit_van(g))
            rijen.append([_p(datum, "cel"), _p(SOORT_TEKST.get(g["soort"], g["soort"]), "cel"), _p(g["omschrijving"], "cel"), _p(g["bron"], "cel")])
        items.append(_tabel(rijen, [24 * mm, 37 * mm, 57 * mm, 56 * mm]))
    else:
        items.append(_p("Geen gebeurtenissen in dit jaar."))
    if gi["rapporten"]:
        items.append(_p("Oordelen per inspectierapport", "h2"))
        for r in gi["rapporten"]:
            items.append(_p(f"{r['titel']} ({feitdatum_kort(r['rapportdatum'], datumkwaliteit_van(r))}, {r['door']}, {r['soort']})", "h3"))
            if ook := ook_over_tekst(r, gi["afkorting"]):
                items.append(_p(ook, "klein"))
            if r["oordelen"]:
                rijen = [[_p("Thema", "celkop"), _p("Oordeel", "celkop"), _p("Toelichting", "celkop"), _p("Oorzaken", "celkop")]]
                for o in r["oordelen"]:
                    rijen.append([
                        _p(o["thema_naam"], "cel"), _p(o["tekst"], "celkop" if is_kritisch(o["waarde"]) else "cel"),
                        _p(o["toelichting"], "cel"), _p(o.get("oorzaken_tekst", ""), "cel"),
                    ])
                items.append(_tabel(rijen, [34 * mm, 46 * mm, 64 * mm, 30 * mm]))
            if zienswijze := zienswijze_tekst(r):
                items.append(_p(zienswijze, "klein"))
            extra = []
            if r["oorzaken"]:
                extra.append(f"oorzaken: {r['oorzaken']}")
            extra.append(f"vertrouwen in verbeterkracht: {r['vertrouwen_verbeterkracht']}")
            items.append(_p("; ".join(extra) + ".", "klein"))
    if gi["certificaatbesluiten"]:
        items.append(_p("Certificaatbesluiten die in het jaar golden of ingingen, met de afweging", "h2"))
        rijen = [[_p("Besluit", "celkop"), _p("Motivering", "celkop"), _p("Afweging", "celkop")]]
        for b in gi["certificaatbesluiten"]:
            tot = geldig_tot_kort(b)
            kenmerk = f", kenmerk {b['kenmerk']}" if b["kenmerk"] else ""
            reikwijdte = f"; {besluit_reikwijdte(b)}" if besluit_reikwijdte(b) else ""
            besluit = [_pm(
                f"<b>{_e(b['tekst'])}</b> per {_e(feitdatum_kort(b['ingangsdatum'], datumkwaliteit_van(b)))}{_e(tot)} "
                f"(besluit {_e(feitdatum_kort(b['besluitdatum'], datumkwaliteit_van(b)))}{_e(kenmerk)}{_e(reikwijdte)})",
                "cel",
            )] + [_p(regel, "cel") for regel in bezwaren_regels(b)]
            motivering = [_p(b["motivering_openbaar"] or "–", "cel")]
            if vertrouwelijk and b.get("motivering_vertrouwelijk"):
                motivering.append(_pm(f"<b>Vertrouwelijke motivering:</b> {_e(b['motivering_vertrouwelijk'])}", "cel"))
            rijen.append([besluit, motivering, _afweging(b)])
        items.append(_tabel(rijen, [46 * mm, 62 * mm, 66 * mm]))
    if gi["audits"]:
        items.append(_p("Audits van het KMI", "h2"))
        for a in gi["audits"]:
            uitkomst = audituitkomst_tekst(a)
            items.append(_p(
                f"Audit {a['soort']} van {feitdatum_kort(a['startdatum'], datumkwaliteit_van(a))} tot en met "
                f"{feitdatum_kort(a['einddatum'], datumkwaliteit_van(a))}: {uitkomst}."
            ))
            if vertrouwelijk:
                items.append(_pm(
                    f"<b>Vertrouwelijk – bevindingen:</b> {_e(a.get('samenvatting') or 'geen samenvatting geregistreerd')}"
                    f" (rapportkenmerk {_e(a.get('rapportkenmerk') or '–')})",
                    "klein",
                ))
    items.append(_p("Bronnen", "h2"))
    items += _opsomming(gi["bronnen"] or ["geen"])
    return items


def _overkoepelend(data: dict) -> list:
    """The reports on more than one GI, each once (an overview archived before them has none)."""
    rapporten = data.get("overkoepelende_rapporten") or []
    if not rapporten:
        return []
    items = [_p(OVERKOEPELEND_KOP, "h1"), _p(OVERKOEPELEND_INLEIDING)]
    for r in rapporten:
        items.append(_p(f"{r['titel']} ({feitdatum_kort(r['rapportdatum'], datumkwaliteit_van(r))}, {r['door']}, {r['soort']})", "h3"))
        items.append(_p(f"Instellingen: {gi_opsomming(r['instellingen'])}.", "tekst"))
        if r["samenvatting"]:
            items.append(_p(r["samenvatting"], "tekst"))
        items.append(_p(f"Bron: {r['bron']}" + (f"; {r['url']}" if r["url"] else ""), "klein"))
    return items + [PageBreak()]


def _monitor(data: dict) -> list:
    items = [PageBreak(), _p(f"Landelijke GI-monitor {data['jaar']}", "h1")]
    if not data["monitor"]:
        items.append(_p(f"Er zijn geen landelijke GI-monitormetingen met een peildatum in {data['jaar']} vastgelegd."))
        return items
    rijen = [[_p("Peildatum", "celkop")] + [_p(kop, "celkop") for _, kop in MONITOR_KOLOMMEN]]
    tabel, voetnoten = monitor_tabel(data)
    for r in tabel:
        m = r["meting"]
        rijen.append([_p(feitdatum_kort(m["peildatum"], datumkwaliteit_van(m)), "cel")] + [_pm(f"<para align='right'>{_e(cel)}</para>", "cel") for cel in r["cellen"]])
    items.append(_tabel(rijen, [22 * mm, 25 * mm, 21 * mm, 22 * mm, 24 * mm, 20 * mm, 20 * mm, 20 * mm]))
    if voetnoten:
        items.append(_p("Voetnoten bij de GI-monitor", "h2"))
        items += [_p(v, "klein") for v in voetnoten]
    items.append(_p("Bronnen", "h2"))
    items += _opsomming(sorted({m["bron"] for m in data["monitor"]}))
    return items


def _verantwoording(data: dict) -> list:
    """The Verantwoording appendix (DESIGN.md §5): every entry with its kind, the GI it is about and its source."""
    if "verantwoording" not in data:  # an overview archived before the appendix (schema 2)
        return []
    items = [PageBreak(), _p("Verantwoording", "h1"), _p(VERANTWOORDING_INLEIDING)]
    if not data["verantwoording"]:
        return items + [_p(VERANTWOORDING_LEEG)]
    for kop, groep in verantwoording_groepen(data):
        items.append(_p(kop, "h2"))
        for v in groep:
            items.append(_pm(f"<b>{_e(verantwoording_soort(v['soort']))}.</b> {_e(v['tekst'])}"))
            if v["bron"]:
                items.append(_p(f"Bron: {v['bron']}", "inspring"))
    return items


def documentinstellingen(data: dict, onderwerp: str) -> dict:
    """The page and the metadata of a PDF of the register (the Kamer overview, the aanleidingenoverzicht): A4 with
    the register's margins, title and variant, the subject with the peildatum and the data's sha256, Dutch, and
    ``invariant`` so the same data gives the same bytes."""
    return {
        "pagesize": A4,
        "leftMargin": MARGE,
        "rightMargin": MARGE,
        "topMargin": 20 * mm,
        "bottomMargin": 20 * mm,
        "title": data["titel"] + f" ({data['variant']})",
        "author": "GI-register",
        "subject": f"{onderwerp} · peildatum {data['peildatum']} · sha256 gegevens {data['data_sha256']}",
        "creator": "GI-register",
        "producer": "GI-register (reportlab)",
        "lang": "nl-NL",
        "invariant": 1,
    }


class _Document(BaseDocTemplate):
    """Notes which flowable ends on which page (``opmaak``: per page the kinds of what it holds), and adds the
    outline (bookmarks) of the chapters and GI sections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opmaak: list[list[str]] = []
        self.lopende_gi = self.gi_bij_begin = None
        self.opent_met_kop = False

    def handle_pageBegin(self):
        self.gi_bij_begin, self.opent_met_kop = self.lopende_gi, False
        super().handle_pageBegin()
        self._bladwijzers = 0

    def afterFlowable(self, flowable):
        pagina = self.page
        while len(self.opmaak) < pagina:
            self.opmaak.append([])
        if isinstance(flowable, Paragraph):
            soort = flowable.style.name
        elif isinstance(flowable, (Spacer, CondPageBreak, ActionFlowable)):
            return
        else:
            soort = type(flowable).__name__
        if not self.opmaak[pagina - 1]:
            self.opent_met_kop = soort == "h1"  # a new GI or chapter
        self.opmaak[pagina - 1].append(soort)
        if soort == "h1":
            self.lopende_gi = getattr(flowable, "gi_sectie", None)
        if soort in ("h1", "h2") and isinstance(flowable, Paragraph):
            self._bladwijzers += 1
            sleutel = f"b{self._bladwijzers}"
            self.canv.bookmarkPage(sleutel)
            self.canv.addOutlineEntry(flowable.getPlainText(), sleutel, level=KOPPEN.index(soort), closed=True)


def _staand(doc, kader) -> PageTemplate:
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="staand")
    return PageTemplate(id="staand", frames=[frame], onPage=kader, onPageEnd=_vervolg, pagesize=A4)


def _liggend(doc, kader) -> PageTemplate:
    breedte, hoogte = landscape(A4)
    frame = Frame(MARGE, doc.bottomMargin, breedte - 2 * MARGE, hoogte - doc.topMargin - doc.bottomMargin, id="liggend")
    return PageTemplate(id="liggend", frames=[frame], onPage=kader, pagesize=landscape(A4))


def render_pdf_met_opmaak(data: dict) -> tuple[bytes, list[list[str]]]:
    """The overview as a PDF, with per page the kinds of flowable it holds (style names of paragraphs)."""
    _ONTLEED.clear()
    try:
        return _render(data)
    finally:
        _ONTLEED.clear()


def _render(data: dict) -> tuple[bytes, list[list[str]]]:
    buffer = io.BytesIO()
    doc = _Document(buffer, **documentinstellingen(data, "Kamervraag 44"))
    kader = _paginakader(data, _kop(data))
    doc.addPageTemplates([_staand(doc, kader), _liggend(doc, kader)])
    liggend_breedte = landscape(A4)[0] - 2 * MARGE
    vertrouwelijk = is_vertrouwelijk(data["variant"])
    verhaal = _omslag(data) + _leeswijzer(data)
    verhaal += [NextPageTemplate("liggend"), PageBreak()]
    verhaal += _overzichtstabel(data)
    meerjaren = _meerjarenbeeld(data)
    if meerjaren:
        verhaal += [PageBreak()] + meerjaren
    verhaal += [PageBreak()] + _grafiek(data, liggend_breedte)
    verhaal += [NextPageTemplate("staand"), PageBreak()]
    verhaal += _overkoepelend(data)
    verhaal += [_p("Per instelling", "h1")]
    for gi in data["instellingen"]:
        verhaal += _gi_sectie(gi, data, vertrouwelijk)
    verhaal += _monitor(data)
    verhaal += _verantwoording(data)
    doc.build(_koppen_bewaken(verhaal), canvasmaker=_GenummerdCanvas)
    return buffer.getvalue(), doc.opmaak


def render_pdf(data: dict) -> bytes:
    """The overview as an A4 PDF; the same data gives the same bytes."""
    return render_pdf_met_opmaak(data)[0]
