"""The seven alignment signals (DESIGN.md §4) as pure rules, at their boundary days; no database."""

import datetime as dt

from register.rules import CertificaatFeit, OordeelFeit, RapportFeit, ToezichtFeit
from signalen import regels as s
from signalen.feiten import GIFeiten
from signalen.regels import Signaal, signalen_van
from signalen import pasoordeel


def niet_in_de_pas(signalen) -> bool:
    """The verdict of a GI with these signals is 'niet in de pas' (signalen/pasoordeel.py)."""
    return pasoordeel.pasoordeel(GIFeiten("GIX"), 2025, signalen).waarde == pasoordeel.NIET_IN_DE_PAS


D = dt.date


def cert(i, status, ingang, tot=None):
    return CertificaatFeit(i, status, ingang, tot)


def toez(i, niveau, ingang, einde=None):
    return ToezichtFeit(i, niveau, ingang, einde)


def rapport(i, datum, **oordelen):
    return RapportFeit(i, datum, f"Rapport {i}", tuple(OordeelFeit(k, k.replace("_", " "), v) for k, v in oordelen.items()))


def gi(certificaten=(), toezichten=(), rapporten=(), **kw):
    return GIFeiten("GIX", certificaten=tuple(certificaten), toezichten=tuple(toezichten), rapporten=tuple(rapporten), **kw)


def codes(feiten, jaar=2025):
    return [x.code for x in signalen_van(feiten, jaar)]


VOLLEDIG_2024 = cert(1, "volledig", D(2024, 1, 1), D(2027, 1, 1))


# -- a GI without any record -----------------------------------------------------------------------

def test_gi_zonder_enig_record_heeft_alleen_geen_geldig_certificaat_over_het_hele_jaar():
    result = signalen_van(gi(), 2025)
    assert [x.code for x in result] == [s.GEEN_GELDIG_CERTIFICAAT]
    assert result[0].perioden == ((D(2025, 1, 1), D(2025, 12, 31)),)
    assert result[0].ernst == "hoog"
    assert result[0].instelling == "GIX"
    assert niet_in_de_pas(result)


def test_gi_met_volledig_certificaat_en_regulier_toezicht_is_in_de_pas():
    assert signalen_van(gi([VOLLEDIG_2024]), 2025) == []
    assert not niet_in_de_pas([])


# -- VOLLEDIG_TIJDENS_VERSCHERPT -------------------------------------------------------------------

def test_volledig_tijdens_verscherpt_meldt_de_overlap():
    feiten = gi([VOLLEDIG_2024], [toez(10, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))])
    [sig] = s.volledig_tijdens_verscherpt(feiten, 2025)
    assert sig.perioden == ((D(2025, 7, 24), D(2025, 12, 31)),)
    assert sig.ernst == "hoog"
    assert "24 juli 2025" in sig.uitleg and "verscherpt toezicht" in sig.uitleg and "1 januari 2024" in sig.uitleg


def test_volledig_tijdens_verscherpt_op_de_laatste_dag_van_het_jaar():
    feiten = gi([VOLLEDIG_2024], [toez(10, "verscherpt", D(2025, 12, 31))])
    [sig] = s.volledig_tijdens_verscherpt(feiten, 2025)
    assert sig.perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert s.volledig_tijdens_verscherpt(feiten, 2024) == []


def test_volledig_tijdens_verscherpt_op_de_eerste_dag_van_het_jaar():
    feiten = gi([VOLLEDIG_2024], [toez(10, "verscherpt", D(2024, 6, 1)), toez(11, "regulier", D(2025, 1, 2))])
    [sig] = s.volledig_tijdens_verscherpt(feiten, 2025)
    assert sig.perioden == ((D(2025, 1, 1), D(2025, 1, 1)),)


def test_wissel_op_dezelfde_dag_geeft_geen_overlap():
    # verscherpt ends the day before the volledig certificate starts: no day with both
    feiten = gi(
        [cert(1, "overbrugging", D(2025, 1, 1), D(2025, 6, 30)), cert(2, "volledig", D(2025, 7, 1), D(2028, 6, 30))],
        [toez(10, "verscherpt", D(2025, 3, 1)), toez(11, "regulier", D(2025, 7, 1))],
    )
    assert s.volledig_tijdens_verscherpt(feiten, 2025) == []
    # ...and on the same day as toezicht becomes verscherpt: one day of overlap
    feiten = gi([cert(2, "volledig", D(2025, 7, 1), D(2028, 6, 30))], [toez(10, "verscherpt", D(2025, 7, 1), D(2025, 7, 1)), toez(11, "regulier", D(2025, 7, 2))])
    [sig] = s.volledig_tijdens_verscherpt(feiten, 2025)
    assert sig.perioden == ((D(2025, 7, 1), D(2025, 7, 1)),)


def test_geintensiveerd_toezicht_is_geen_verscherpt():
    feiten = gi([VOLLEDIG_2024], [toez(10, "geintensiveerd", D(2025, 3, 1))])
    assert s.volledig_tijdens_verscherpt(feiten, 2025) == []


# -- VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL / KRITISCHE_OORDELEN ----------------------------------

def test_kritisch_bestuursoordeel_bij_volledig_certificaat():
    feiten = gi([VOLLEDIG_2024], rapporten=[rapport(5, D(2025, 1, 1), goed_bestuur="onvoldoende")])
    [sig] = s.volledig_ondanks_kritisch_bestuursoordeel(feiten, 2025)
    assert sig.perioden == ((D(2025, 1, 1), D(2025, 1, 1)),)
    assert "Rapport 5" in sig.uitleg and "goed bestuur onvoldoende" in sig.uitleg
    assert s.volledig_ondanks_kritische_oordelen(feiten, 2025) == []
    # a report published the year before does not count for this year
    assert s.volledig_ondanks_kritisch_bestuursoordeel(feiten, 2026) == []


def test_grotendeels_voldoende_is_niet_kritisch():
    feiten = gi([VOLLEDIG_2024], rapporten=[rapport(5, D(2025, 5, 1), goed_bestuur="grotendeels_voldoende")])
    assert codes(feiten) == []


def test_kritisch_oordeel_op_de_dag_dat_het_certificaat_volledig_wordt():
    feiten = gi(
        [cert(1, "overbrugging", D(2025, 1, 1), D(2025, 12, 30)), cert(2, "volledig", D(2025, 12, 31), D(2028, 12, 30))],
        rapporten=[rapport(5, D(2025, 12, 31), passende_hulp="grotendeels_onvoldoende"),
                   rapport(6, D(2025, 12, 30), passende_hulp="onvoldoende")],
    )
    [sig] = s.volledig_ondanks_kritische_oordelen(feiten, 2025)
    assert sig.perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert sig.ernst == "aandacht"
    assert "Rapport 5" in sig.uitleg


# -- HERCERTIFICERING_NA_KRITISCH_RAPPORT ------------------------------------------------------------

def _herc(dagen_na_rapport, rapportdatum=D(2024, 3, 1)):
    ingang = rapportdatum + dt.timedelta(days=dagen_na_rapport)
    return gi(
        [cert(1, "overbrugging", D(2024, 1, 1), ingang - dt.timedelta(days=1)), cert(2, "volledig", ingang, ingang + dt.timedelta(days=900))],
        rapporten=[rapport(5, rapportdatum, goed_bestuur="grotendeels_onvoldoende")],
    ), ingang


def test_hercertificering_365_dagen_na_rapport_telt_366_niet():
    # 2024-03-01 + 365 days = 2025-03-01 (2024 is a leap year: 29 February lies in between)
    feiten, ingang = _herc(365)
    assert ingang == D(2025, 3, 1)
    [sig] = s.hercertificering_na_kritisch_rapport(feiten, 2025)
    assert sig.perioden == ((D(2025, 3, 1), D(2025, 3, 1)),)
    assert "Rapport 5" in sig.uitleg and "1 maart 2024" in sig.uitleg
    feiten, ingang = _herc(366)
    assert ingang == D(2025, 3, 2)
    assert s.hercertificering_na_kritisch_rapport(feiten, 2025) == []


def test_hercertificering_in_schrikkeljaar_telt_dagen_niet_kalenderdata():
    # 2023-03-01 + 365 days = 2024-02-29
    feiten, ingang = _herc(365, D(2023, 3, 1))
    assert ingang == D(2024, 2, 29)
    assert [x.code for x in s.hercertificering_na_kritisch_rapport(feiten, 2024)] == [s.HERCERTIFICERING_NA_KRITISCH_RAPPORT]
    feiten, ingang = _herc(366, D(2023, 3, 1))
    assert ingang == D(2024, 3, 1)
    assert s.hercertificering_na_kritisch_rapport(feiten, 2024) == []


def test_hercertificering_op_de_rapportdatum_zelf_telt_en_de_dag_ervoor_niet():
    feiten, _ = _herc(0, D(2025, 6, 1))
    assert len(s.hercertificering_na_kritisch_rapport(feiten, 2025)) == 1
    feiten = gi(
        [cert(2, "volledig", D(2025, 5, 31), D(2028, 5, 30))],
        rapporten=[rapport(5, D(2025, 6, 1), goed_bestuur="onvoldoende")],
    )
    assert s.hercertificering_na_kritisch_rapport(feiten, 2025) == []


def test_hercertificering_tijdens_verhoogd_toezicht_zonder_rapport():
    feiten = gi(
        [cert(2, "volledig", D(2025, 1, 1), D(2027, 12, 31))],
        [toez(10, "geintensiveerd", D(2024, 10, 1), D(2025, 1, 1)), toez(11, "regulier", D(2025, 1, 2))],
    )
    [sig] = s.hercertificering_na_kritisch_rapport(feiten, 2025)
    assert sig.perioden == ((D(2025, 1, 1), D(2025, 1, 1)),)
    assert "geïntensiveerd toezicht" in sig.uitleg
    # the level changed to regulier on the same day as the certificate took effect: no signal
    feiten = gi([cert(2, "volledig", D(2025, 1, 2), D(2027, 12, 31))], feiten.toezichten)
    assert s.hercertificering_na_kritisch_rapport(feiten, 2025) == []


def test_voorlopig_certificaat_is_geen_hercertificering():
    feiten = gi(
        [cert(2, "voorlopig", D(2025, 3, 1), D(2027, 2, 28))],
        rapporten=[rapport(5, D(2025, 1, 1), goed_bestuur="onvoldoende")],
    )
    assert s.hercertificering_na_kritisch_rapport(feiten, 2025) == []


# -- CERTIFICERING_STRENGER_DAN_TOEZICHT ------------------------------------------------------------

def test_overbrugging_onder_regulier_toezicht_tot_verscherpt_toezicht_begint():
    feiten = gi(
        [cert(1, "overbrugging", D(2024, 12, 16), D(2025, 9, 15))],
        [toez(10, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))],
    )
    [sig] = s.certificering_strenger_dan_toezicht(feiten, 2025)
    assert sig.perioden == ((D(2025, 1, 1), D(2025, 7, 23)),)
    assert sig.ernst == "info"
    assert "overbruggingscertificaat" in sig.uitleg


def test_ingetrokken_en_geschorst_tellen_ook():
    feiten = gi(
        [cert(1, "geschorst", D(2025, 1, 1), D(2025, 3, 31)), cert(2, "ingetrokken", D(2025, 4, 1))],
    )
    [sig] = s.certificering_strenger_dan_toezicht(feiten, 2025)
    assert sig.perioden == ((D(2025, 1, 1), D(2025, 12, 31)),)
    assert not niet_in_de_pas([sig])


# -- GEEN_GELDIG_CERTIFICAAT ----------------------------------------------------------------------

def test_verlopen_certificaat_vanaf_de_dag_na_geldig_tot():
    feiten = gi([cert(1, "volledig", D(2022, 12, 31), D(2025, 12, 30))])
    [sig] = s.geen_geldig_certificaat(feiten, 2025)
    assert sig.perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert "verlopen" in sig.uitleg
    # geldig tot 31 December is inclusive: no gap that year
    feiten = gi([cert(1, "volledig", D(2023, 1, 1), D(2025, 12, 31))])
    assert s.geen_geldig_certificaat(feiten, 2025) == []


def test_geen_certificaat_alleen_in_de_actieve_periode():
    feiten = gi([cert(1, "volledig", D(2025, 3, 1), D(2028, 2, 28))], actief_vanaf=D(2025, 2, 1))
    [sig] = s.geen_geldig_certificaat(feiten, 2025)
    assert sig.perioden == ((D(2025, 2, 1), D(2025, 2, 28)),)
    feiten = gi(actief_tot=D(2024, 12, 31))
    assert s.geen_geldig_certificaat(feiten, 2025) == []
    feiten = gi(actief_vanaf=D(2025, 12, 31))
    assert s.geen_geldig_certificaat(feiten, 2025)[0].perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)


def test_ingetrokken_certificaat_is_geen_geldig_certificaat_vanaf_de_ingangsdatum():
    feiten = gi([VOLLEDIG_2024, cert(2, "ingetrokken", D(2025, 12, 31))])
    [sig] = s.geen_geldig_certificaat(feiten, 2025)
    assert sig.perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert sig.ernst == "hoog"
    assert "een ingetrokken certificaat (het certificaatbesluit 'ingetrokken certificaat' met ingang van 31 december 2025)" in sig.uitleg
    # the day before: still volledig; the next year: the whole year
    assert s.geen_geldig_certificaat(feiten, 2024) == []
    assert s.geen_geldig_certificaat(feiten, 2026)[0].perioden == ((D(2026, 1, 1), D(2026, 12, 31)),)
    assert codes(feiten, 2025) == [s.GEEN_GELDIG_CERTIFICAAT, s.CERTIFICERING_STRENGER_DAN_TOEZICHT]


def test_ingetrokken_alleen_terwijl_de_gi_actief_is():
    feiten = gi([cert(1, "ingetrokken", D(2024, 2, 29))], actief_vanaf=D(2020, 1, 1), actief_tot=D(2024, 2, 29))
    [sig] = s.geen_geldig_certificaat(feiten, 2024)
    # leap day: the last active day is the only day with the withdrawn certificate; before it there was none
    assert sig.perioden == ((D(2024, 1, 1), D(2024, 2, 29)),)
    assert "geen certificaatbesluit" in sig.uitleg and "ingetrokken" in sig.uitleg
    assert s.geen_geldig_certificaat(feiten, 2025) == []


def test_schrikkeljaar_heeft_366_dagen():
    [sig] = s.geen_geldig_certificaat(gi(), 2024)
    assert sig.perioden == ((D(2024, 1, 1), D(2024, 12, 31)),)
    feiten = gi([cert(1, "voorlopig", D(2022, 2, 28), D(2024, 2, 28))])
    [sig] = s.geen_geldig_certificaat(feiten, 2024)
    assert sig.perioden == ((D(2024, 2, 29), D(2024, 12, 31)),)


# -- TOEZICHTTERMIJN_VERSTREKEN -------------------------------------------------------------------

def test_toezichttermijn_verstreken_vanaf_de_dag_na_de_voorziene_einddatum():
    feiten = gi([VOLLEDIG_2024], [toez(10, "verscherpt", D(2025, 1, 1), D(2025, 12, 30))])
    [sig] = s.toezichttermijn_verstreken(feiten, 2025)
    assert sig.perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert "30 december 2025" in sig.uitleg
    feiten = gi([VOLLEDIG_2024], [toez(10, "verscherpt", D(2025, 1, 1), D(2025, 12, 31))])
    assert s.toezichttermijn_verstreken(feiten, 2025) == []


def test_termijn_verstreken_eindigt_met_een_nieuw_besluit():
    feiten = gi([VOLLEDIG_2024], [toez(10, "geintensiveerd", D(2024, 6, 1), D(2024, 12, 31)), toez(11, "regulier", D(2025, 1, 2))])
    [sig] = s.toezichttermijn_verstreken(feiten, 2025)
    assert sig.perioden == ((D(2025, 1, 1), D(2025, 1, 1)),)


# -- the contract ---------------------------------------------------------------------------------

def test_signaal_is_een_onveranderlijke_dataclass_met_het_afgesproken_contract():
    sig = Signaal("X", "info", ((D(2025, 1, 1), D(2025, 1, 2)),), "uitleg", "JBN")
    try:
        sig.code = "Y"
    except AttributeError:
        pass
    else:
        raise AssertionError("Signaal moet frozen zijn")
    assert not niet_in_de_pas([sig])
    assert niet_in_de_pas([sig, Signaal("Y", "aandacht", (), "", "JBN")])
    assert niet_in_de_pas([Signaal("Z", "hoog", (), "", "JBN")])


def test_elke_signaalcode_heeft_een_definitie_met_de_ernst_uit_het_ontwerp():
    assert {d.code: d.ernst for d in s.DEFINITIES} == {
        "VOLLEDIG_TIJDENS_VERSCHERPT": "hoog",
        "VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL": "hoog",
        "VOLLEDIG_ONDANKS_KRITISCHE_OORDELEN": "aandacht",
        "HERCERTIFICERING_NA_KRITISCH_RAPPORT": "aandacht",
        "CERTIFICERING_STRENGER_DAN_TOEZICHT": "info",
        "GEEN_GELDIG_CERTIFICAAT": "hoog",
        "AFWEGING_ONTBREEKT": "aandacht",
        "TOEZICHTTERMIJN_VERSTREKEN": "info",
    }


def test_elke_definitie_heeft_een_unieke_korte_code_en_elke_regel_een_definitie():
    kort = {d.code: d.kort for d in s.DEFINITIES}
    assert kort == {
        "VOLLEDIG_TIJDENS_VERSCHERPT": "VV",
        "VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL": "KB",
        "VOLLEDIG_ONDANKS_KRITISCHE_OORDELEN": "KO",
        "HERCERTIFICERING_NA_KRITISCH_RAPPORT": "HK",
        "CERTIFICERING_STRENGER_DAN_TOEZICHT": "CS",
        "GEEN_GELDIG_CERTIFICAAT": "GC",
        "AFWEGING_ONTBREEKT": "AO",
        "TOEZICHTTERMIJN_VERSTREKEN": "TV",
    }
    assert len(set(kort.values())) == len(kort)
    assert all(d.titel and d.omschrijving for d in s.DEFINITIES)
    assert len(s.REGELS) == len(s.DEFINITIES)
