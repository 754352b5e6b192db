"""No signal fires on a day before the GI's gegevens vanaf (DESIGN.md §4): such a day is 'onbekend', neither
'geen' nor 'regulier'. For every rule: the record of the boundary day fires, the day before does not. Pure rules."""

import datetime as dt

import pytest

from register import rules
from register.rules import AuditFeit, CertificaatFeit, OordeelFeit, RapportFeit, ToezichtFeit
from signalen import regels as s
from signalen.feiten import GIFeiten

D = dt.date


def gi(vanaf, certificaten=(), toezichten=(), rapporten=(), audits=(), **kw):
    """A GI whose two sides are complete from ``vanaf`` (unless a side's own vanaf is given in ``kw``)."""
    kw = {"certificering_vanaf": vanaf, "toezicht_vanaf": vanaf, **kw}
    return GIFeiten(
        "GIX", certificaten=tuple(certificaten), toezichten=tuple(toezichten), rapporten=tuple(rapporten),
        audits=tuple(audits), **kw,
    )


def rapport(datum, thema="goed_bestuur"):
    return RapportFeit(1, datum, "Rapport", (OordeelFeit(thema, thema, "onvoldoende"),))


def codes(feiten, jaar):
    return [x.code for x in s.signalen_van(feiten, jaar)]


VOLLEDIG = CertificaatFeit(1, "volledig", D(2020, 1, 1), D(2030, 12, 31), D(2020, 1, 1))


def test_een_gi_zonder_records_heeft_vanaf_gegevens_vanaf_geen_certificaat_ervoor_niets():
    feiten = gi(D(2025, 7, 1))
    [sig] = s.signalen_van(feiten, 2025)
    assert sig.code == s.GEEN_GELDIG_CERTIFICAAT
    assert sig.perioden == ((D(2025, 7, 1), D(2025, 12, 31)),)
    assert s.signalen_van(feiten, 2024) == []
    # gegevens vanaf on 31 December: only the last day; on 1 January of the next year: nothing this year
    assert s.signalen_van(gi(D(2025, 12, 31)), 2025)[0].perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert s.signalen_van(gi(D(2026, 1, 1)), 2025) == []


@pytest.mark.parametrize("vanaf, perioden", [
    (D(2025, 3, 1), ((D(2025, 3, 1), D(2025, 3, 31)),)),  # the day itself counts
    (D(2025, 3, 31), ((D(2025, 3, 31), D(2025, 3, 31)),)),  # the last day of the overlap
    (D(2025, 4, 1), None),  # the day after the overlap: nothing known of it
])
def test_volledig_tijdens_verscherpt(vanaf, perioden):
    feiten = gi(vanaf, [VOLLEDIG], [ToezichtFeit(1, "verscherpt", D(2025, 1, 1), D(2025, 3, 31)), ToezichtFeit(2, "regulier", D(2025, 4, 1), None)])
    result = s.volledig_tijdens_verscherpt(feiten, 2025)
    assert (result[0].perioden if result else None) == perioden


@pytest.mark.parametrize("regel, thema", [
    (s.volledig_ondanks_kritisch_bestuursoordeel, "goed_bestuur"),
    (s.volledig_ondanks_kritische_oordelen, "passende_hulp"),
])
def test_kritische_oordelen_bij_volledig_certificaat(regel, thema):
    feiten = lambda vanaf: gi(vanaf, [VOLLEDIG], rapporten=[rapport(D(2024, 2, 29), thema)])  # noqa: E731
    assert len(regel(feiten(D(2024, 2, 29)), 2024)) == 1  # leap day, the same day
    assert regel(feiten(D(2024, 3, 1)), 2024) == []


def test_hercertificering_na_kritisch_rapport():
    cert = CertificaatFeit(2, "volledig", D(2025, 9, 16), D(2028, 9, 15), D(2025, 9, 16), "afweging")
    feiten = lambda vanaf: gi(vanaf, [cert], rapporten=[rapport(D(2025, 7, 24))])  # noqa: E731
    assert len(s.hercertificering_na_kritisch_rapport(feiten(D(2025, 9, 16)), 2025)) == 1
    assert s.hercertificering_na_kritisch_rapport(feiten(D(2025, 9, 17)), 2025) == []


def test_certificering_strenger_dan_toezicht_vraagt_bekend_regulier_toezicht():
    feiten = gi(D(2025, 6, 1), [CertificaatFeit(1, "overbrugging", D(2025, 1, 1), D(2025, 9, 30), D(2025, 1, 1))])
    [sig] = s.certificering_strenger_dan_toezicht(feiten, 2025)
    assert sig.perioden == ((D(2025, 6, 1), D(2025, 9, 30)),)
    feiten = gi(D(2025, 10, 1), [CertificaatFeit(1, "overbrugging", D(2025, 1, 1), D(2025, 9, 30), D(2025, 1, 1))])
    assert s.certificering_strenger_dan_toezicht(feiten, 2025) == []


def test_geen_geldig_certificaat_verlopen_en_ingetrokken():
    verlopen = [CertificaatFeit(1, "volledig", D(2020, 1, 1), D(2024, 12, 31))]
    assert s.geen_geldig_certificaat(gi(D(2025, 12, 31), verlopen), 2025)[0].perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert s.geen_geldig_certificaat(gi(D(2026, 1, 1), verlopen), 2025) == []
    ingetrokken = [CertificaatFeit(1, "ingetrokken", D(2024, 6, 1), None)]
    assert s.geen_geldig_certificaat(gi(D(2024, 2, 29), ingetrokken), 2024)[0].perioden == ((D(2024, 2, 29), D(2024, 12, 31)),)


def test_afweging_ontbreekt():
    cert = CertificaatFeit(2, "volledig", D(2025, 9, 16), D(2028, 9, 15), D(2025, 9, 16))
    audit = AuditFeit(1, "periodiek", D(2025, 9, 1), D(2025, 9, 15), 3)
    assert len(s.afweging_ontbreekt(gi(D(2025, 9, 16), [cert], audits=[audit]), 2025)) == 1
    assert s.afweging_ontbreekt(gi(D(2025, 9, 17), [cert], audits=[audit]), 2025) == []


def test_toezichttermijn_verstreken():
    toezicht = [ToezichtFeit(1, "verscherpt", D(2024, 1, 1), D(2024, 6, 30))]
    feiten = gi(D(2025, 12, 31), [VOLLEDIG], toezicht)
    assert s.toezichttermijn_verstreken(feiten, 2025)[0].perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)
    assert s.toezichttermijn_verstreken(gi(D(2026, 1, 1), [VOLLEDIG], toezicht), 2025) == []


def test_een_heel_jaar_voor_gegevens_vanaf_geeft_voor_geen_enkele_regel_een_signaal():
    feiten = gi(
        D(2026, 1, 1),
        [CertificaatFeit(1, "volledig", D(2025, 2, 1), D(2025, 2, 28), D(2025, 2, 1)),
         CertificaatFeit(2, "ingetrokken", D(2025, 3, 1), None, D(2025, 3, 1))],
        [ToezichtFeit(1, "verscherpt", D(2025, 1, 1), D(2025, 1, 31))],
        [rapport(D(2025, 1, 15)), rapport(D(2025, 2, 15), "passende_hulp")],
        [AuditFeit(1, "periodiek", D(2025, 1, 1), D(2025, 1, 10), 4)],
    )
    assert all(regel(feiten, 2025) == [] for regel in s.REGELS)
    # from the first known day: withdrawn, and the heightened toezicht still past its term
    assert codes(feiten, 2026) == [s.GEEN_GELDIG_CERTIFICAAT, s.TOEZICHTTERMIJN_VERSTREKEN]


# -- Gegevens vanaf per side (DESIGN.md §3): a rule fires only on days on which each side it needs is known ---------

NOG_NIETS = rules.NOG_NIETS_VASTGELEGD


@pytest.mark.parametrize("certificering, toezicht, perioden", [
    (D(2025, 3, 1), D(2025, 1, 1), ((D(2025, 3, 1), D(2025, 3, 31)),)),  # the certificate known from 1 March
    (D(2025, 1, 1), D(2025, 3, 1), ((D(2025, 3, 1), D(2025, 3, 31)),)),  # the toezicht known from 1 March
    (D(2025, 1, 1), D(2025, 4, 1), None),  # the toezicht unknown during the whole overlap
])
def test_volledig_tijdens_verscherpt_vraagt_beide_kanten(certificering, toezicht, perioden):
    feiten = gi(None, [VOLLEDIG], [ToezichtFeit(1, "verscherpt", D(2025, 1, 1), D(2025, 3, 31)),
                                   ToezichtFeit(2, "regulier", D(2025, 4, 1), None)],
                certificering_vanaf=certificering, toezicht_vanaf=toezicht)
    result = s.volledig_tijdens_verscherpt(feiten, 2025)
    assert (result[0].perioden if result else None) == perioden


def test_een_kritisch_rapport_voor_toezicht_vanaf_geeft_geen_signaal_ook_als_het_certificaat_bekend_is():
    feiten = lambda toezicht: gi(None, [VOLLEDIG], rapporten=[rapport(D(2024, 2, 29))],  # noqa: E731
                                 certificering_vanaf=D(2020, 1, 1), toezicht_vanaf=toezicht)
    assert len(s.volledig_ondanks_kritisch_bestuursoordeel(feiten(D(2024, 2, 29)), 2024)) == 1
    assert s.volledig_ondanks_kritisch_bestuursoordeel(feiten(D(2024, 3, 1)), 2024) == []


def test_geen_geldig_certificaat_vraagt_alleen_de_certificering():
    # toezicht unknown all year, certificering known: the missing certificate is known, so it fires
    feiten = gi(None, [], certificering_vanaf=D(2025, 7, 1), toezicht_vanaf=D(2026, 1, 1))
    assert s.geen_geldig_certificaat(feiten, 2025)[0].perioden == ((D(2025, 7, 1), D(2025, 12, 31)),)
    feiten = gi(None, [], certificering_vanaf=D(2026, 1, 1), toezicht_vanaf=D(2020, 1, 1))
    assert s.geen_geldig_certificaat(feiten, 2025) == []


def test_toezichttermijn_verstreken_vraagt_alleen_het_toezicht():
    toezicht = [ToezichtFeit(1, "verscherpt", D(2024, 1, 1), D(2024, 6, 30))]
    feiten = gi(None, [VOLLEDIG], toezicht, certificering_vanaf=D(2026, 1, 1), toezicht_vanaf=D(2025, 12, 31))
    assert s.toezichttermijn_verstreken(feiten, 2025)[0].perioden == ((D(2025, 12, 31), D(2025, 12, 31)),)


def test_hercertificering_vraagt_beide_kanten_op_de_ingangsdatum():
    cert = CertificaatFeit(2, "volledig", D(2025, 9, 16), D(2028, 9, 15), D(2025, 9, 16), "afweging")
    feiten = lambda c, t: gi(None, [cert], rapporten=[rapport(D(2025, 7, 24))],  # noqa: E731
                             certificering_vanaf=c, toezicht_vanaf=t)
    assert len(s.hercertificering_na_kritisch_rapport(feiten(D(2025, 9, 16), D(2025, 9, 16)), 2025)) == 1
    assert s.hercertificering_na_kritisch_rapport(feiten(D(2025, 9, 16), D(2025, 9, 17)), 2025) == []


def test_nog_niets_vastgelegd_geeft_in_geen_enkel_jaar_een_signaal_en_elke_status_is_onbekend():
    feiten = gi(NOG_NIETS, [VOLLEDIG], [ToezichtFeit(1, "verscherpt", D(2025, 1, 1), D(2025, 3, 31))],
                [rapport(D(2025, 1, 15))])
    assert all(regel(feiten, jaar) == [] for regel in s.REGELS for jaar in (2000, 2025, 9999))
    assert rules.certificaatstatus(feiten.certificaten, D(2025, 6, 1), feiten.certificering_vanaf).status == "onbekend"
    assert rules.toezichtniveau(feiten.toezichten, D(2025, 6, 1), feiten.toezicht_vanaf).niveau == "onbekend"
