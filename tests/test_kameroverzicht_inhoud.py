"""What the Kamer overview shows of one GI: the certificaatbesluiten of the year, the latest oordeel on goed
bestuur up to 31 December, and how the PDF marks a kritisch oordeel (bold in the table, a filled circle on the
timeline)."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib import colors

from register import klok
from reports.overzicht import kameroverzicht
from reports.pdf import Tijdlijngrafiek, render_pdf
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


def _gi(data, afkorting):
    return next(gi for gi in data["instellingen"] if gi["afkorting"] == afkorting)


def _overzicht_2025(afkorting):
    return _gi(kameroverzicht(2025, klok.vandaag()), afkorting)


def test_de_sectie_noemt_de_besluiten_die_in_het_jaar_golden_of_ingingen(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "BESL")
    maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2021, 6, 1), D(2023, 5, 31))  # over before the year
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2023, 6, 1))  # in force on 1 January 2025
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 9, 1), D(2026, 5, 31))  # takes effect in the year
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2026, 6, 1))  # takes effect after the year

    besluiten = _overzicht_2025("BESL")["certificaatbesluiten"]

    assert [(b["status"], b["ingangsdatum"]) for b in besluiten] == [
        ("volledig", "2023-06-01"),
        ("overbrugging", "2025-09-01"),
    ]


def test_laatste_oordeel_over_goed_bestuur_is_het_laatste_tot_en_met_31_december(beheerder, inspecteur):
    gi = maak.instelling(beheerder, "BEST")
    maak.onderzoek(inspecteur, gi, D(2024, 11, 1), {"goed_bestuur": "onvoldoende"})
    maak.onderzoek(inspecteur, gi, D(2025, 10, 1), {"goed_bestuur": "voldoende"})
    maak.onderzoek(inspecteur, gi, D(2025, 12, 1), {"passende_hulp": "grotendeels_voldoende"})  # no goed bestuur
    maak.onderzoek(inspecteur, gi, D(2026, 1, 15), {"goed_bestuur": "grotendeels_onvoldoende"})  # after the year

    laatste = _overzicht_2025("BEST")["laatste_oordeel_goed_bestuur"]

    assert (laatste["waarde"], laatste["rapportdatum"]) == ("voldoende", "2025-10-01")


@pytest.fixture
def twee_rapporten(beheerder, inspecteur):
    gi = maak.instelling(beheerder, "KRIT")
    maak.onderzoek(inspecteur, gi, D(2025, 3, 1), {"goed_bestuur": "grotendeels_voldoende"}, titel="Rapport zonder kritiek")
    maak.onderzoek(inspecteur, gi, D(2025, 8, 1), {"passende_hulp": "grotendeels_onvoldoende"}, titel="Rapport met kritiek")
    return gi


def _lettertype_per_tekst(pdf: bytes) -> dict[str, set[str]]:
    """Every text fragment of the PDF with the fonts it is set in."""
    fonts: dict[str, set[str]] = {}

    def bezoek(tekst, cm, tm, font, grootte):
        if tekst.strip() and font:
            fonts.setdefault(tekst.strip(), set()).add(str(font.get("/BaseFont")))

    for pagina in PdfReader(io.BytesIO(pdf)).pages:
        pagina.extract_text(visitor_text=bezoek)
    return fonts


def test_een_kritisch_oordeel_staat_vet_in_de_tabel_van_oordelen(twee_rapporten):
    fonts = _lettertype_per_tekst(render_pdf(kameroverzicht(2025, klok.vandaag())))

    # embedded subsets of the Vera family ("AAAAAA+BitstreamVeraSans-Bold")
    assert {f.split("+")[-1] for f in fonts["grotendeels onvoldoende"]} == {"BitstreamVeraSans-Bold"}
    assert {f.split("+")[-1] for f in fonts["grotendeels voldoende"]} == {"BitstreamVeraSans-Roman"}


class Tekenopname:
    """A canvas that notes the fill colour of every marker circle drawn (not the dots of a hatching pattern) and
    ignores the rest."""

    def __init__(self):
        self.cirkels = []
        self._vulling = None

    def setFillColor(self, kleur):
        self._vulling = kleur

    def circle(self, x, y, straal, stroke=1, fill=0):
        if straal > 1:
            self.cirkels.append(self._vulling if fill else None)

    def stringWidth(self, tekst, font, grootte):
        return len(tekst) * grootte / 2

    def __getattr__(self, naam):
        return lambda *args, **kwargs: self  # lines, rectangles, paths, fonts: not noted


def test_een_rapport_met_kritisch_oordeel_is_een_gevuld_rondje_op_de_tijdlijn(twee_rapporten):
    gi = _overzicht_2025("KRIT")
    grafiek = Tijdlijngrafiek(2025, [gi], breedte=500)
    grafiek.canv = Tekenopname()

    grafiek.draw()

    # one circle per report, in date order: March (no kritisch oordeel) open, August (kritisch) filled
    assert grafiek.canv.cirkels == [colors.white, colors.black]
