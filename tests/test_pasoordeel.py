"""The verdict per GI per year (DESIGN.md §4): in de pas, niet in de pas, onvoldoende gegevens, never two values.
Pure: plain facts in, a verdict with its basis out, tested at the window's edges, the gegevens vanaf of each side and
leap days."""

import datetime as dt

import pytest

from register import rules
from register.rules import CertificaatFeit, OordeelFeit, RapportFeit, ToezichtFeit
from signalen import pasoordeel as p
from signalen import regels as s
from signalen.feiten import GIFeiten

D = dt.date
THEMAS = (("goed_bestuur", "goed bestuur"), ("betekenisvol_contact", "betekenisvol contact"),
          ("passende_hulp", "passende hulp"))
VOLLEDIG = CertificaatFeit(1, "volledig", D(2015, 1, 1), D(2030, 12, 31), D(2015, 1, 1))


def rapport(datum, *oordelen, titel="Rapport"):
    return RapportFeit(1, datum, titel, tuple(OordeelFeit(t, dict(THEMAS).get(t, t), w) for t, w in oordelen))


def gi(rapporten=(), certificaten=(VOLLEDIG,), toezichten=(), **kw):
    return GIFeiten("GIX", certificaten=tuple(certificaten), toezichten=tuple(toezichten), rapporten=tuple(rapporten), **kw)


def oordeel(feiten, jaar):
    return p.pasoordeel(feiten, jaar, s.signalen_van(feiten, jaar), THEMAS)


@pytest.mark.parametrize("rapportdatum, waarde", [
    (D(2023, 1, 1), p.IN_DE_PAS),  # 1 January of J-2: inside the window
    (D(2022, 12, 31), p.ONVOLDOENDE_GEGEVENS),  # 31 December of J-3: outside
    (D(2025, 12, 31), p.IN_DE_PAS),  # the last day of J
    (D(2026, 1, 1), p.ONVOLDOENDE_GEGEVENS),  # after J: not yet published for J
])
def test_het_venster_is_het_jaar_en_de_twee_jaren_ervoor(rapportdatum, waarde):
    assert oordeel(gi([rapport(rapportdatum, ("goed_bestuur", "voldoende"))]), 2025).waarde == waarde


def test_een_rapport_zonder_oordeel_telt_niet():
    result = oordeel(gi([rapport(D(2025, 3, 1))]), 2025)
    assert result.waarde == p.ONVOLDOENDE_GEGEVENS
    assert result.redenen == ("geen inspectierapport met een oordeel over GIX gepubliceerd in 2023 tot en met 2025",)


def test_schrikkeldag_aan_de_rand_van_het_venster():
    # J = 2026: the window starts on 1 January 2024, so a report on 29 February 2024 counts
    result = oordeel(gi([rapport(D(2024, 2, 29), ("goed_bestuur", "voldoende"))]), 2026)
    assert result.waarde == p.IN_DE_PAS and result.venster == (D(2024, 1, 1), D(2026, 12, 31))
    assert result.beoordeeld[0].rapportdatum == D(2024, 2, 29)


@pytest.mark.parametrize("kant", ["certificering_vanaf", "toezicht_vanaf"])
@pytest.mark.parametrize("vanaf, waarde", [
    (D(2025, 1, 1), p.IN_DE_PAS),  # complete from the first day of J
    (D(2025, 1, 2), p.ONVOLDOENDE_GEGEVENS),  # 1 January of J is before it
    (D(2024, 2, 29), p.IN_DE_PAS),
])
def test_een_dag_van_het_jaar_voor_de_gegevens_vanaf_van_een_kant(kant, vanaf, waarde):
    feiten = gi([rapport(D(2025, 3, 1), ("goed_bestuur", "voldoende"))], **{kant: vanaf})
    result = oordeel(feiten, 2025)
    assert result.waarde == waarde
    if waarde == p.ONVOLDOENDE_GEGEVENS:
        assert "pas volledig vanaf 2 januari 2025" in result.redenen[0]


def test_een_gi_die_later_in_het_jaar_begint_is_niet_onvolledig_door_de_dagen_ervoor():
    feiten = gi([rapport(D(2025, 8, 1), ("goed_bestuur", "voldoende"))], actief_vanaf=D(2025, 7, 1),
                certificering_vanaf=D(2025, 7, 1), toezicht_vanaf=D(2025, 7, 1))
    assert oordeel(feiten, 2025).waarde == p.IN_DE_PAS
    later = gi([rapport(D(2025, 8, 1), ("goed_bestuur", "voldoende"))], actief_vanaf=D(2025, 7, 1),
               certificering_vanaf=D(2025, 7, 2))
    assert oordeel(later, 2025).waarde == p.ONVOLDOENDE_GEGEVENS


def test_nog_niets_vastgelegd_is_onvoldoende_gegevens():
    feiten = gi(certificering_vanaf=rules.NOG_NIETS_VASTGELEGD, toezicht_vanaf=rules.NOG_NIETS_VASTGELEGD)
    result = oordeel(feiten, 2025)
    assert result.waarde == p.ONVOLDOENDE_GEGEVENS
    assert result.redenen[0] == "over GIX is nog niets vastgelegd"


def test_een_signaal_dat_telt_maakt_niet_in_de_pas_ook_bij_onvolledige_gegevens():
    feiten = gi([rapport(D(2025, 7, 24), ("goed_bestuur", "grotendeels_onvoldoende"))], toezicht_vanaf=D(2025, 7, 1))
    result = oordeel(feiten, 2025)
    assert result.waarde == p.NIET_IN_DE_PAS
    assert result.signaalcodes == (s.VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL,)


def test_een_info_signaal_alleen_maakt_niet_niet_in_de_pas():
    feiten = gi([rapport(D(2025, 3, 1), ("goed_bestuur", "voldoende"))],
                certificaten=[CertificaatFeit(1, "overbrugging", D(2025, 1, 1), D(2025, 9, 30), D(2025, 1, 1), "afweging"),
                              CertificaatFeit(2, "volledig", D(2025, 10, 1), D(2028, 9, 30), D(2025, 10, 1), "afweging")],
                toezichten=[ToezichtFeit(1, "regulier", D(2020, 1, 1), None)])
    sig = s.signalen_van(feiten, 2025)
    assert [x.code for x in sig] == [s.CERTIFICERING_STRENGER_DAN_TOEZICHT]
    assert p.pasoordeel(feiten, 2025, sig, THEMAS).waarde == p.IN_DE_PAS


def test_de_basis_noemt_wat_is_beoordeeld_met_rapport_en_datum_en_wat_niet():
    feiten = gi([
        rapport(D(2023, 5, 1), ("goed_bestuur", "grotendeels_onvoldoende"), titel="Eerste"),
        rapport(D(2025, 3, 1), ("goed_bestuur", "voldoende"), ("passende_hulp", "voldoende"), titel="Tweede"),
    ])
    result = oordeel(feiten, 2025)
    assert result.waarde == p.IN_DE_PAS
    assert [(b.thema, b.rapport, b.rapportdatum) for b in result.beoordeeld] == [
        ("goed_bestuur", "Tweede", D(2025, 3, 1)), ("passende_hulp", "Tweede", D(2025, 3, 1))]
    assert result.niet_beoordeeld == ("betekenisvol contact",)
    assert p.basis_tekst(result) == (
        "Beoordeeld in 2023–2025: goed bestuur ('Tweede', 1 maart 2025); passende hulp ('Tweede', 1 maart 2025). "
        "Niet beoordeeld: betekenisvol contact.")


def test_de_telling_noemt_alle_drie_ook_bij_nul():
    aantallen = p.telling([p.IN_DE_PAS, p.IN_DE_PAS, p.NIET_IN_DE_PAS])
    assert p.telling_tekst(aantallen) == "2 in de pas, 1 niet in de pas, 0 onvoldoende gegevens"
