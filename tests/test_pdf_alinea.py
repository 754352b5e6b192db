"""The PDF's paragraphs break their lines once per width (reports.pdf._Alinea): the same lines and the same bytes as
reportlab's own Paragraph, which breaks them again at every wrap."""

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from reports import pdf
from reports.overzicht import kameroverzicht
from voorbeelddata.services import laden


def _regels(alinea) -> list:
    """The broken lines as plain values: per line the space left and the text of each word or fragment."""
    uit = []
    for regel in alinea.blPara.lines:
        if isinstance(regel, tuple):  # one style: (space left, words)
            uit.append((regel[0], list(regel[1])))
        else:  # several fragments: a FragLine
            uit.append((regel.extraSpace, [getattr(w, "text", w) for w in regel.words]))
    return uit


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


def test_weigering_bij_splitsen_breekt_opnieuw():
    """A split that refuses the paragraph (too little room) drops its lines; the next wrap breaks them again
    instead of answering from what was dropped, and drawing still has its lines."""
    alinea = pdf._p("woord " * 200, "tekst")
    breedte, hoogte = alinea.wrap(300, 1000)
    assert alinea.split(300, 5) == []
    assert "blPara" not in alinea.__dict__
    assert alinea.wrap(300, 1000) == (breedte, hoogte)
    assert "blPara" in alinea.__dict__


def test_pdf_bytegelijk_met_en_zonder_eenmalig_breken(db, monkeypatch):
    laden()
    for variant in ("openbaar", "vertrouwelijk"):
        data = kameroverzicht(2025, variant=variant)
        eenmalig = pdf.render_pdf(data)
        monkeypatch.setattr(pdf._Alinea, "wrap", Paragraph.wrap)
        telkens = pdf.render_pdf(data)
        monkeypatch.undo()
        assert len(eenmalig) > 10_000
        assert eenmalig == telkens, variant
