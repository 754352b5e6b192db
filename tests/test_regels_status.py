"""Derived state (DESIGN.md §3) as pure functions, at their boundary days. No database."""

import datetime as dt

from register.rules import (
    CertificaatFeit,
    ToezichtFeit,
    add_years,
    certificaat_intervallen,
    certificaatstatus,
    toezicht_intervallen,
    toezichtniveau,
)

D = dt.date


def cert(id, status, ingang, tot):
    return CertificaatFeit(id, status, ingang, tot)


def tz(id, niveau, ingang, einde=None):
    return ToezichtFeit(id, niveau, ingang, einde)


class TestAddYears:
    def test_same_calendar_date(self):
        assert add_years(D(2025, 9, 16), 3) == D(2028, 9, 16)

    def test_leap_day_becomes_28_february(self):
        assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
        assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


class TestCertificaatstatus:
    besluiten = [
        cert(1, "overbrugging", D(2024, 12, 16), D(2025, 9, 15)),
        cert(2, "volledig", D(2025, 9, 16), D(2028, 9, 15)),
    ]

    def test_no_decision_at_all_is_geen(self):
        assert certificaatstatus([], D(2025, 1, 1)).status == "geen"

    def test_day_before_first_ingangsdatum_is_geen(self):
        assert certificaatstatus(self.besluiten, D(2024, 12, 15)).status == "geen"

    def test_ingangsdatum_itself_counts(self):
        assert certificaatstatus(self.besluiten, D(2024, 12, 16)).status == "overbrugging"

    def test_last_day_of_validity_still_valid_and_next_decision_takes_over(self):
        assert certificaatstatus(self.besluiten, D(2025, 9, 15)).status == "overbrugging"
        status = certificaatstatus(self.besluiten, D(2025, 9, 16))
        assert (status.status, status.besluit_id) == ("volledig", 2)

    def test_day_after_geldig_tot_is_verlopen(self):
        besluiten = [cert(1, "voorlopig", D(2023, 1, 1), D(2024, 12, 31))]
        assert certificaatstatus(besluiten, D(2024, 12, 31)).status == "voorlopig"
        assert certificaatstatus(besluiten, D(2025, 1, 1)).status == "verlopen"

    def test_leap_day(self):
        besluiten = [cert(1, "overbrugging", D(2023, 6, 1), D(2024, 2, 28)), cert(2, "geschorst", D(2024, 2, 29), D(2024, 3, 31))]
        assert certificaatstatus(besluiten, D(2024, 2, 28)).status == "overbrugging"
        assert certificaatstatus(besluiten, D(2024, 2, 29)).status == "geschorst"
        leap_end = [cert(1, "voorlopig", D(2023, 1, 1), D(2024, 2, 29))]
        assert certificaatstatus(leap_end, D(2024, 2, 29)).status == "voorlopig"
        assert certificaatstatus(leap_end, D(2024, 3, 1)).status == "verlopen"

    def test_ingetrokken_has_no_end(self):
        besluiten = [cert(1, "volledig", D(2020, 1, 1), D(2023, 1, 1)), cert(2, "ingetrokken", D(2021, 5, 1), None)]
        assert certificaatstatus(besluiten, D(2030, 1, 1)).status == "ingetrokken"

    def test_latest_ingangsdatum_wins_regardless_of_input_order(self):
        assert certificaatstatus(list(reversed(self.besluiten)), D(2026, 1, 1)).status == "volledig"


class TestToezichtniveau:
    def test_no_decision_is_regulier(self):
        status = toezichtniveau([], D(2025, 1, 1))
        assert (status.niveau, status.termijn_verstreken) == ("regulier", False)

    def test_verscherpt_from_ingangsdatum(self):
        besluiten = [tz(1, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))]
        assert toezichtniveau(besluiten, D(2025, 7, 23)).niveau == "regulier"
        assert toezichtniveau(besluiten, D(2025, 7, 24)).niveau == "verscherpt"

    def test_heightened_level_stays_after_einddatum_reported_as_termijn_verstreken(self):
        besluiten = [tz(1, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))]
        op_einddatum = toezichtniveau(besluiten, D(2026, 2, 23))
        assert (op_einddatum.niveau, op_einddatum.termijn_verstreken) == ("verscherpt", False)
        erna = toezichtniveau(besluiten, D(2026, 2, 24))
        assert (erna.niveau, erna.termijn_verstreken) == ("verscherpt", True)

    def test_regulier_never_verstreken(self):
        besluiten = [tz(1, "regulier", D(2025, 1, 1), D(2025, 2, 1))]
        assert toezichtniveau(besluiten, D(2025, 6, 1)).termijn_verstreken is False

    def test_new_decision_ends_heightened_level(self):
        besluiten = [tz(1, "geintensiveerd", D(2024, 1, 1), D(2024, 6, 30)), tz(2, "regulier", D(2025, 6, 1))]
        assert toezichtniveau(besluiten, D(2025, 5, 31)).termijn_verstreken is True
        assert toezichtniveau(besluiten, D(2025, 6, 1)).niveau == "regulier"


class TestIntervallen:
    def test_certificate_intervals_cover_every_day_once(self):
        besluiten = [cert(1, "overbrugging", D(2024, 12, 16), D(2025, 9, 15)), cert(2, "volledig", D(2025, 9, 16), D(2028, 9, 15))]
        intervallen = certificaat_intervallen(besluiten, D(2024, 1, 1), D(2025, 12, 31))
        assert [(i.van, i.tot, i.waarde) for i in intervallen] == [
            (D(2024, 1, 1), D(2024, 12, 15), "geen"),
            (D(2024, 12, 16), D(2025, 9, 15), "overbrugging"),
            (D(2025, 9, 16), D(2025, 12, 31), "volledig"),
        ]

    def test_gap_after_geldig_tot_is_verlopen(self):
        besluiten = [cert(1, "voorlopig", D(2024, 1, 1), D(2024, 6, 30)), cert(2, "volledig", D(2024, 9, 1), D(2027, 9, 1))]
        intervallen = certificaat_intervallen(besluiten, D(2024, 1, 1), D(2024, 12, 31))
        assert [(i.van, i.waarde) for i in intervallen] == [
            (D(2024, 1, 1), "voorlopig"),
            (D(2024, 7, 1), "verlopen"),
            (D(2024, 9, 1), "volledig"),
        ]

    def test_toezicht_interval_marks_termijn_verstreken(self):
        intervallen = toezicht_intervallen([tz(1, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))], D(2025, 1, 1), D(2026, 12, 31))
        assert [(i.van, i.tot, i.waarde, i.termijn_verstreken) for i in intervallen] == [
            (D(2025, 1, 1), D(2025, 7, 23), "regulier", False),
            (D(2025, 7, 24), D(2026, 2, 23), "verscherpt", False),
            (D(2026, 2, 24), D(2026, 12, 31), "verscherpt", True),
        ]

    def test_single_day_window(self):
        intervallen = certificaat_intervallen([cert(1, "volledig", D(2025, 1, 1), D(2025, 1, 1))], D(2025, 1, 1), D(2025, 1, 1))
        assert [(i.van, i.tot, i.waarde) for i in intervallen] == [(D(2025, 1, 1), D(2025, 1, 1), "volledig")]
