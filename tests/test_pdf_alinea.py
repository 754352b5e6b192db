"""The PDF's paragraphs parse a text once per overview and break their lines once per width (reports.pdf._Alinea):
the same lines and the same bytes as reportlab's own Paragraph, which parses every paragraph and breaks its lines
again at every wrap."""

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from register.klok import vandaag
from reports import pdf
from reports.overzicht import kameroverzicht
from voorbeelddata.services import laden


def _regels(alinea) -> list:
    """The broken lines as plain values: per line the space left (to 1e-6 pt, see below) and the text of each word or
    fragment.

    The space left is rounded because reportlab's own Paragraph drifts on a line after a soft hyphen: each time it
    breaks the same text at the same width again, that line's space left moves by 1e-8 pt (-2.628173828125, then
    ...818125, ...808125 for '\xad&' at 4 pt; ``test_paragraph_zelf_verschuift_na_een_zacht_afbreekstreepje``). The
    paragraph here breaks once per width and keeps reportlab's first answer; the words of every line must be equal."""
    uit = []
    for regel in alinea.blPara.lines:
        if isinstance(regel, tuple):  # one style: (space left, words)
            uit.append((round(regel[0], 6), list(regel[1])))
        else:  # several fragments: a FragLine
            uit.append((round(regel.extraSpace, 6), [getattr(w, "text", w) for w in regel.words]))
    return uit


def test_paragraph_zelf_verschuift_na_een_zacht_afbreekstreepje():
    """Why ``_regels`` rounds: reportlab's Paragraph, wrapped twice at the same width, gives a line after a soft hyphen
    a space left 1e-8 pt apart; the paragraph here gives its first answer every time, which is equal to 1e-6 pt."""
    verwacht = Paragraph(pdf._p("\xad&", "cel").text, pdf.STIJL["cel"])
    verwacht.wrap(4.0, 1000)
    eerste = verwacht.blPara.lines[-1].extraSpace
    verwacht.wrap(4.0, 1000)
    tweede = verwacht.blPara.lines[-1].extraSpace
    assert eerste != tweede and abs(eerste - tweede) < 1e-7
    alinea = pdf._p("\xad&", "cel")
    alinea.wrap(4.0, 1000)
    alinea.wrap(4.0, 1000)
    assert alinea.blPara.lines[-1].extraSpace == eerste
    assert _regels(alinea) == _regels(verwacht)


tekst = st.text(st.characters(codec="latin-1", exclude_categories=("Cc", "Cs")), max_size=400)
breedte = st.floats(min_value=0, max_value=600, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(tekst=tekst, stijl=st.sampled_from(sorted(pdf.STIJL)), breedtes=st.lists(breedte, min_size=1, max_size=6))
def test_zelfde_regels_als_paragraph_bij_elke_reeks_breedtes(tekst, stijl, breedtes):
    """Any text, any style and any sequence of widths (repeated, changing, below reportlab's minimum): each wrap
    gives the size and the lines that reportlab's Paragraph gives after the same sequence of wraps."""
    alinea = pdf._p(tekst, stijl)
    verwacht = Paragraph(alinea.text, pdf.STIJL[stijl])
    for b in breedtes:
        assert alinea.wrap(b, 1000) == verwacht.wrap(b, 1000)
        if b >= 1:
            assert _regels(alinea) == _regels(verwacht)


@settings(max_examples=150, deadline=None)
@given(
    tekst=tekst,
    opmaak=st.sampled_from(["{}", "<b>{}</b> en {}", "<i>{}</i>", "<para align='right'>{}</para>"]),
    stijl=st.sampled_from(sorted(pdf.STIJL)),
    opsomming=st.sampled_from([None, "•"]),
    stappen=st.lists(st.tuples(st.booleans(), breedte, st.floats(min_value=0, max_value=200)), max_size=5),
)
def test_een_eerder_ontlede_tekst_geeft_dezelfde_alinea(tekst, opmaak, stijl, opsomming, stappen):
    """A paragraph whose text was parsed before (the copy of its fragments) is the paragraph reportlab makes of the
    text, whatever was done before with the first one (wraps at other widths, splits)."""
    from xml.sax.saxutils import escape

    pdf._ONTLEED.clear()
    markup = opmaak.replace("{}", escape(tekst))
    eerste = pdf._Alinea(markup, pdf.STIJL[stijl], bulletText=opsomming)
    for splitsen, b, h in stappen:  # whatever the first one went through
        eerste.wrap(b, 1000)
        if splitsen:
            eerste.split(b, h)
    tweede = pdf._Alinea(markup, pdf.STIJL[stijl], bulletText=opsomming)
    verwacht = Paragraph(markup, pdf.STIJL[stijl], bulletText=opsomming)
    assert tweede.text == verwacht.text and tweede.bulletText == verwacht.bulletText
    assert tweede.style.alignment == verwacht.style.alignment
    assert [f.__dict__ for f in tweede.frags] == [f.__dict__ for f in verwacht.frags]
    for b in (300, 120, 300):
        assert tweede.wrap(b, 1000) == verwacht.wrap(b, 1000)
        assert _regels(tweede) == _regels(verwacht)
    assert [p.wrap(300, 1000) for p in tweede.split(300, 40)] == [p.wrap(300, 1000) for p in verwacht.split(300, 40)]
    # the same text in another style or without the bullet is parsed for that style
    for andere_stijl, andere_opsomming in (("h1" if stijl != "h1" else "cel", opsomming), (stijl, None if opsomming else "•")):
        anders = pdf._Alinea(markup, pdf.STIJL[andere_stijl], bulletText=andere_opsomming)
        vers = Paragraph(markup, pdf.STIJL[andere_stijl], bulletText=andere_opsomming)
        assert [f.__dict__ for f in anders.frags] == [f.__dict__ for f in vers.frags]
        assert anders.bulletText == vers.bulletText
    pdf._ONTLEED.clear()


def test_weigering_bij_splitsen_breekt_opnieuw():
    """A split that refuses the paragraph (too little room) drops its lines; the next wrap breaks them again
    instead of answering from what was dropped, and drawing still has its lines."""
    alinea = pdf._p("woord " * 200, "tekst")
    breedte, hoogte = alinea.wrap(300, 1000)
    assert alinea.split(300, 5) == []
    assert "blPara" not in alinea.__dict__
    assert alinea.wrap(300, 1000) == (breedte, hoogte)
    assert "blPara" in alinea.__dict__


def test_pdf_bytegelijk_met_en_zonder_eenmalig_ontleden_en_breken(db, monkeypatch):
    laden()
    for variant in ("openbaar", "vertrouwelijk"):
        data = kameroverzicht(2025, vandaag(), variant=variant)
        eenmalig = pdf.render_pdf(data)
        assert pdf._ONTLEED == {}  # emptied after every render
        monkeypatch.setattr(pdf._Alinea, "wrap", Paragraph.wrap)
        monkeypatch.setattr(pdf._Alinea, "_setup", Paragraph._setup)
        telkens = pdf.render_pdf(data)
        monkeypatch.undo()
        assert len(eenmalig) > 10_000
        assert eenmalig == telkens, variant
