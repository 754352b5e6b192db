"""The Kamer overview PDF is a report people can read on paper: embedded fonts, the document language and metadata,
no text below its minimum size, Dutch numbers, no heading alone at the foot of a page and no page holding a lone
bullet, every character shown (never an empty box), and the timeline's bands carrying the legend's letters."""

import copy
import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream

from register import klok
from register.teksten import getal_tekst
from reports import pdf as pdfmodule
from reports.overzicht import kameroverzicht
from reports.pdf import (
    _GLYFEN,
    CERT_STIJL,
    KOPPEN,
    MIN_GRAFIEK,
    MIN_TABEL,
    MIN_TEKST,
    STIJL,
    TOEZICHT_STIJL,
    Legenda,
    Tijdlijngrafiek,
    _schrijfbaar,
    render_pdf_met_opmaak,
)
from tests.test_kameroverzicht_varianten import pdf_tekst
from voorbeelddata.services import laden

TABELSTIJLEN = {"cel", "celkop", "code"}
GRAFIEK = {"Tijdlijngrafiek", "Legenda"}


_VOORBEELD = {}


@pytest.fixture
def voorbeeld(db):
    """The example data's overview of 2025 (vertrouwelijk: every section), with its PDF and layout; plain data, so
    built once for the module."""
    if not _VOORBEELD:
        laden()
        data = kameroverzicht(2025, klok.vandaag(), "vertrouwelijk")
        _VOORBEELD["v"] = (data, *render_pdf_met_opmaak(data))
    return _VOORBEELD["v"]


def _fonts(reader):
    for pagina in reader.pages:
        for naam, ref in pagina["/Resources"]["/Font"].items():
            yield naam, ref.get_object()


def test_alle_lettertypen_zijn_ingebed(voorbeeld):
    _, pdf, _ = voorbeeld
    fonts = list(_fonts(PdfReader(io.BytesIO(pdf))))
    assert fonts
    for naam, font in fonts:
        assert font["/Subtype"] == "/TrueType", naam
        assert "/FontFile2" in font["/FontDescriptor"], f"{font['/BaseFont']} is not embedded"
        assert "Helvetica" not in font["/BaseFont"]
    assert {str(f["/BaseFont"]).split("+")[-1] for _, f in fonts} >= {"BitstreamVeraSans-Roman", "BitstreamVeraSans-Bold"}


def test_taal_en_metadata(voorbeeld):
    data, pdf, _ = voorbeeld
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert reader.metadata.title == "Kameroverzicht gecertificeerde instellingen 2025 (vertrouwelijk)"
    assert reader.metadata.author == "GI-register"
    assert data["data_sha256"] in reader.metadata.subject


def _lettergroottes(pagina) -> list[float]:
    inhoud = ContentStream(pagina.get_contents(), pagina.pdf)
    return [float(operanden[1]) for operanden, operator in inhoud.operations if operator == b"Tf"]


def test_geen_tekst_kleiner_dan_het_minimum(voorbeeld):
    _, pdf, opmaak = voorbeeld
    paginas = PdfReader(io.BytesIO(pdf)).pages
    assert len(paginas) == len(opmaak)
    grafiekpaginas = 0
    for nummer, (pagina, soorten) in enumerate(zip(paginas, opmaak), 1):
        grootten = _lettergroottes(pagina)
        assert grootten, nummer
        if GRAFIEK & set(soorten):
            grafiekpaginas += 1
            assert min(grootten) >= MIN_GRAFIEK, nummer
        else:
            assert min(grootten) >= MIN_TABEL, nummer
    assert grafiekpaginas >= 1
    # the styles: running text at least 9 pt, table text at least 8 pt
    for naam, stijl in STIJL.items():
        assert stijl.fontSize >= (MIN_TABEL if naam in TABELSTIJLEN else MIN_TEKST), naam
    assert (MIN_TEKST, MIN_TABEL, MIN_GRAFIEK) == (9, 8, 7)


def test_grafieklabels_en_legenda_niet_kleiner_dan_7_pt():
    assert pdfmodule.GRAFIEK_LETTER >= MIN_GRAFIEK and pdfmodule.BAND_LETTER >= MIN_GRAFIEK
    assert Legenda.LETTER >= MIN_GRAFIEK


def test_duizendtallen_in_de_gi_monitor(voorbeeld):
    data, pdf, _ = voorbeeld
    kinderen = next(m["aantal_kinderen_met_maatregel"] for m in data["monitor"] if (m["aantal_kinderen_met_maatregel"] or 0) >= 1000)
    tekst = "\n".join(pdf_tekst(pdf))
    assert getal_tekst(kinderen) in tekst and re.search(r"\d{1,3}\.\d{3}\b", getal_tekst(kinderen))
    assert str(kinderen) not in tekst
    fte = next(m["fte"] for m in data["monitor"] if m["fte"] and float(m["fte"]) >= 1000)
    assert getal_tekst(fte) in tekst  # 2.681,0


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_getal_tekst_groepeert_per_drie_cijfers(n):
    tekst = getal_tekst(n)
    assert tekst.replace(".", "") == str(n)
    groepen = tekst.lstrip("-").split(".")
    assert 1 <= len(groepen[0]) <= 3 and all(len(g) == 3 for g in groepen[1:])


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_getal_tekst_van_een_decimaal(d):
    tekst = getal_tekst(str(d))
    heel, _, decimalen = tekst.partition(",")
    assert decimalen == str(d).partition(".")[2]
    assert heel.replace(".", "") in (str(int(d)), "-0") or heel.replace(".", "") == str(d).partition(".")[0]


def test_getal_tekst_randgevallen():
    assert [getal_tekst(w) for w in (None, "", 0, 999, 1000, "12.00", "abc", "1²")] == ["–", "–", "0", "999", "1.000", "12,00", "abc", "1²"]


def _controleer_koppen_en_opsommingen(opmaak):
    for nummer, soorten in enumerate(opmaak, 1):
        inhoud = [s for s in soorten if s not in ("PageBreak", "NextPageTemplate")]
        assert inhoud, f"page {nummer} is empty"
        assert inhoud[-1] not in KOPPEN, f"page {nummer} ends with a heading: {inhoud}"
        assert inhoud != ["opsomming"], f"page {nummer} holds a single bullet"


def test_geen_kop_onderaan_een_pagina_in_de_voorbeelddata(voorbeeld):
    _controleer_koppen_en_opsommingen(voorbeeld[2])


def _uitgebreid(data: dict, lengtes: list[int]) -> dict:
    """The example data with more GI's: each a copy of one with a signal, its sections made longer by ``n``."""
    data = copy.deepcopy(data)
    bron = next(gi for gi in data["instellingen"] if gi["signalen"])
    for k, n in enumerate(lengtes):
        gi = copy.deepcopy(bron)
        gi["afkorting"], gi["naam"] = f"X{k}", f"Instelling {k} met een naam van een zekere lengte"
        gi["bronnen"] = [f"Bron {k}.{i}: een vindplaats met enige toelichting" for i in range(n % 7 + 1)]
        gi["gebeurtenissen"] = gi["gebeurtenissen"] * (n % 4 + 1)
        for s in gi["signalen"]:
            s["uitleg"] += " Nadere toelichting." * (n * 6)
        gi["rapporten"] = gi["rapporten"][: n % 2 + 1]
        data["instellingen"].append(gi)
    return data


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=5))
def test_geen_kop_onderaan_een_pagina_bij_secties_van_elke_lengte(voorbeeld, lengtes):
    _, opmaak = render_pdf_met_opmaak(_uitgebreid(voorbeeld[0], lengtes))
    _controleer_koppen_en_opsommingen(opmaak)


def test_kop_en_begin_van_een_tabel_blijven_samen(voorbeeld):
    """A heading directly followed by a table is on the page of the table's first row."""
    _, opmaak = render_pdf_met_opmaak(_uitgebreid(voorbeeld[0], list(range(13))))
    for soorten in opmaak:
        assert soorten[-1] not in KOPPEN
    assert len(opmaak) > 20


def test_elk_teken_wordt_getoond_nooit_een_leeg_vakje():
    tekst = "Zoë, één – “citaat” ≥ 5 € … → ✓ 漢 ŉ"
    schrijfbaar = _schrijfbaar(tekst)
    assert all(ord(t) in _GLYFEN for t in schrijfbaar)
    assert schrijfbaar.startswith("Zoë, één – “citaat” ≥ 5 € … -> v ? ")
    for teken in "ëé–“”≥€…•·":  # what the overview's own texts use
        assert ord(teken) in _GLYFEN, teken
    assert _schrijfbaar("regel\neen\ttab") == "regel\neen\ttab"


def test_onbekende_tekens_in_de_gegevens_worden_leesbaar_gedrukt(voorbeeld):
    data = copy.deepcopy(voorbeeld[0])
    data["instellingen"][0]["naam"] = "Stichting Zoë → “Noord” ✓ 漢"
    tekst = "".join(pdf_tekst(render_pdf_met_opmaak(data)[0]))
    assert "Stichting Zoë -> “Noord” v ?" in tekst


class Tekenopname:
    """A canvas that notes the strings drawn centred (the band labels) and ignores the rest."""

    def __init__(self):
        self.teksten = []

    def drawCentredString(self, x, y, tekst):
        self.teksten.append(tekst)

    def stringWidth(self, tekst, font, grootte):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(tekst, font, grootte)

    def __getattr__(self, naam):
        return lambda *args, **kwargs: self


def test_de_banden_tonen_de_letters_van_de_legenda(voorbeeld):
    data = voorbeeld[0]
    letters = {kort for _, _, kort in (*CERT_STIJL.values(), *TOEZICHT_STIJL.values())}
    grafiek = Tijdlijngrafiek(2025, data["instellingen"], breedte=700)
    grafiek.canv = Tekenopname()
    grafiek.draw()
    assert grafiek.canv.teksten
    for tekst in grafiek.canv.teksten:
        assert tekst.split(" = ")[0].rstrip("!") in letters, tekst
    assert "VT = verscherpt" in grafiek.canv.teksten and "O = overbrugging" in grafiek.canv.teksten
    # a narrow band shows the letter alone
    smal = Tijdlijngrafiek(2025, data["instellingen"], breedte=130)
    smal.canv = Tekenopname()
    smal.draw()
    assert "VT" in smal.canv.teksten or "O" in smal.canv.teksten


def test_brede_tabellen_en_de_tijdlijn_op_liggende_paginas(voorbeeld):
    _, pdf, opmaak = voorbeeld
    paginas = PdfReader(io.BytesIO(pdf)).pages
    for pagina, soorten in zip(paginas, opmaak):
        liggend = float(pagina.mediabox.width) > float(pagina.mediabox.height)
        if "Tijdlijngrafiek" in soorten or "Legenda" in soorten:
            assert liggend
    assert float(paginas[0].mediabox.width) < float(paginas[0].mediabox.height)  # the cover stands


def test_het_archief_json_rendert_zonder_database(voorbeeld, tmp_path):
    """The archived JSON alone renders the same bytes (as the rl_accel test does in a bare process)."""
    data, pdf, _ = voorbeeld
    assert render_pdf_met_opmaak(json.loads(json.dumps(data)))[0] == pdf
