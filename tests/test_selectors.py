"""Status on a date and the timeline: the rules of §3 on stored data, in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from register.models import Instelling
from register.selectors import certificaatstatus_op, statussen_op, tijdlijn, toezichtniveau_op
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


def vul(beheerder, kmi, inspecteur, aantal, start=0):
    for n in range(start, start + aantal):
        gi = maak.instelling(beheerder, f"GI{n}")
        maak.certificaat(kmi, gi, "overbrugging", D(2024, 1, 1), D(2024, 9, 30))
        maak.certificaat(kmi, gi, "volledig", D(2024, 10, 1))
        maak.audit(kmi, gi, D(2024, 9, 1), D(2024, 9, 5))
        maak.toezicht(inspecteur, gi, "verscherpt", D(2024, 3, 1), D(2024, 9, 30))
        maak.onderzoek(inspecteur, gi, D(2024, 2, 1), {"goed_bestuur": "onvoldoende", "passende_hulp": "voldoende"})


def aantal_queries(functie):
    with CaptureQueriesContext(connection) as ctx:
        functie()
    return len(ctx.captured_queries)


def test_status_of_all_gis_takes_a_fixed_number_of_queries(beheerder, kmi_gebruiker, inspecteur):
    vul(beheerder, kmi_gebruiker, inspecteur, 3)
    bij_n = aantal_queries(lambda: statussen_op(D(2024, 6, 1)))
    vul(beheerder, kmi_gebruiker, inspecteur, 3, start=3)
    bij_2n = aantal_queries(lambda: statussen_op(D(2024, 6, 1)))
    assert bij_n == bij_2n == 3
    statussen = statussen_op(D(2024, 6, 1))
    assert len(statussen) == 6
    assert {(s.certificaat.status, s.toezicht.niveau) for s in statussen} == {("overbrugging", "verscherpt")}


def test_timeline_takes_a_fixed_number_of_queries(beheerder, kmi_gebruiker, inspecteur):
    vul(beheerder, kmi_gebruiker, inspecteur, 1)
    gi = Instelling.objects.get()
    bij_n = aantal_queries(lambda: tijdlijn(gi, D(2024, 1, 1), D(2024, 12, 31)))
    for maand in range(1, 12):  # many more events for the same GI
        maak.audit(kmi_gebruiker, gi, D(2023, maand, 1))
        maak.onderzoek(inspecteur, gi, D(2023, maand, 15), {"goed_bestuur": "voldoende"})
        maak.toezicht(inspecteur, gi, "geintensiveerd", D(2023, maand, 20))
    bij_2n = aantal_queries(lambda: tijdlijn(gi, D(2023, 1, 1), D(2024, 12, 31)))
    assert bij_n == bij_2n


def test_timeline_orders_events_and_gives_intervals(beheerder, kmi_gebruiker, inspecteur):
    vul(beheerder, kmi_gebruiker, inspecteur, 1)
    t = tijdlijn("GI0", D(2024, 1, 1), D(2024, 12, 31))
    assert [(g.datum, g.soort) for g in t.gebeurtenissen] == [
        (D(2024, 1, 1), "certificaatbesluit"),
        (D(2024, 2, 1), "inspectieonderzoek"),
        (D(2024, 3, 1), "toezichtbesluit"),
        (D(2024, 9, 1), "audit"),
        (D(2024, 10, 1), "certificaatbesluit"),
    ]
    assert [(i.van, i.waarde, i.termijn_verstreken) for i in t.toezicht_intervallen] == [
        (D(2024, 1, 1), "regulier", False),
        (D(2024, 3, 1), "verscherpt", False),
        (D(2024, 10, 1), "verscherpt", True),
    ]


def test_timeline_window_is_inclusive(beheerder, kmi_gebruiker, inspecteur):
    vul(beheerder, kmi_gebruiker, inspecteur, 1)
    assert [g.soort for g in tijdlijn("GI0", D(2024, 2, 1), D(2024, 3, 1)).gebeurtenissen] == ["inspectieonderzoek", "toezichtbesluit"]


def test_status_for_gi_without_any_decision(beheerder):
    maak.instelling(beheerder, "LEEG")
    assert certificaatstatus_op("LEEG", D(2025, 1, 1)).status == "geen"
    assert toezichtniveau_op("LEEG", D(2025, 1, 1)).niveau == "regulier"
    assert tijdlijn("LEEG", D(2025, 1, 1), D(2025, 12, 31)).gebeurtenissen == []


def test_empty_register():
    assert statussen_op(D(2025, 1, 1)) == []


def test_unknown_afkorting_is_a_clear_error():
    with pytest.raises(Instelling.DoesNotExist, match="Er is geen instelling met afkorting 'XYZ'"):
        certificaatstatus_op("XYZ", D(2025, 1, 1))


def test_readers_of_the_timeline_show_oordelen_without_a_query_per_report(beheerder, kmi_gebruiker, inspecteur, client):
    """The API tijdlijn and the public GI page list every report with its oordelen; the timeline fetches the
    oordelen (and their themes) with the reports, so more reports cost no more queries."""
    vul(beheerder, kmi_gebruiker, inspecteur, 1)

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = ("/api/v1/instellingen/GI0/tijdlijn", "/instellingen/GI0")
    bij_een_rapport = [queries(url) for url in urls]
    gi = Instelling.objects.get(afkorting="GI0")
    for maand in range(3, 9):
        maak.onderzoek(inspecteur, gi, D(2024, maand, 1), {"goed_bestuur": "voldoende", "passende_hulp": "onvoldoende"})
    assert [queries(url) for url in urls] == bij_een_rapport
