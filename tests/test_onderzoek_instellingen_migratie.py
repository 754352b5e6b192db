"""The data migration to reports on one or more GI's keeps every existing report as a one-GI report, with its history:
each report gets its GI as an OnderzochteInstelling dated from the report's first version (a correction that moved
the report to another GI moves it in that history too), each oordeel and each of its versions gets its report's GI,
oorzaken per oordeel start as onbekend and the report-level oorzaken stay as they were. An as-recorded read of a day
before and after the migration then shows the report at the GI it had that day."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from register.models import Instelling
from signalen import selectors
from supervision.models import Inspectieonderzoek, OnderzochteInstelling, Oordeel

VOOR = [("supervision", "0004_q_datumkwaliteit")]
NA = [("supervision", "0007_b_onderzoek_meerdere_instellingen")]


def _utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.timezone.utc)


@pytest.mark.django_db(transaction=True)
def test_elk_rapport_wordt_een_rapport_over_een_gi_met_zijn_historie():
    executor = MigrationExecutor(connection)
    executor.migrate(VOOR)
    try:
        executor.loader.build_graph()
        oud = executor._create_project_state(with_applied_migrations=True).apps  # every app as it is in the database now
        OudeInstelling = oud.get_model("register", "Instelling")
        Onderzoek, HOnderzoek = oud.get_model("supervision", "Inspectieonderzoek"), oud.get_model("supervision", "HistoricalInspectieonderzoek")
        Oordeel_, HOordeel = oud.get_model("supervision", "Oordeel"), oud.get_model("supervision", "HistoricalOordeel")
        Thema = oud.get_model("supervision", "Thema")
        eerst = OudeInstelling.objects.create(naam="Eerst", afkorting="EERST", soort="regionaal", bron="b")
        later = OudeInstelling.objects.create(naam="Later", afkorting="LATER", soort="regionaal", bron="b")
        # seeded by supervision 0002, unless a test before this one on the same database emptied the tables
        thema, _ = Thema.objects.get_or_create(code="goed_bestuur", defaults={"naam": "Goed bestuur", "volgorde": 1})
        velden = {"soort": "regulier", "door": "IGJ", "rapportdatum": dt.date(2024, 5, 1), "titel": "R", "bron": "b",
                  "oorzaken": "deels", "vertrouwen_verbeterkracht": "onbekend", "vervallen": False, "datumkwaliteit": "exact"}
        onderzoek = Onderzoek.objects.create(instelling=later, **velden)
        Onderzoek.objects.create(instelling=eerst, **{**velden, "titel": "Zonder historie"})
        oordeel = Oordeel_.objects.create(onderzoek=onderzoek, thema=thema, waarde="onvoldoende", toelichting="")
        tijd = {"aangemaakt_op": _utc(2024, 5, 1), "gewijzigd_op": _utc(2024, 5, 1)}
        # recorded on 1 May 2024 at EERST, corrected on 1 June 2024 to LATER
        HOnderzoek.objects.create(id=onderzoek.pk, instelling=eerst, history_date=_utc(2024, 5, 1, 10), history_type="+",
                                  history_change_reason="Geregistreerd", **velden, **tijd)
        HOnderzoek.objects.create(id=onderzoek.pk, instelling=later, history_date=_utc(2024, 6, 1, 10), history_type="~",
                                  history_change_reason="verkeerde GI", **velden, **tijd)
        HOordeel.objects.create(id=oordeel.pk, onderzoek_id=onderzoek.pk, thema_id=thema.pk, waarde="onvoldoende",
                                toelichting="", history_date=_utc(2024, 5, 1, 10), history_type="+")
        HOordeel.objects.create(id=oordeel.pk, onderzoek_id=onderzoek.pk, thema_id=thema.pk, waarde="onvoldoende",
                                toelichting="", history_date=_utc(2024, 7, 1, 10), history_type="~")
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(NA)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    onderzoek = Inspectieonderzoek.objects.get(titel="R")
    assert [k.instelling.afkorting for k in onderzoek.onderzochte_instellingen.all()] == ["LATER"]
    assert [k.instelling.afkorting for k in Inspectieonderzoek.objects.get(titel="Zonder historie").onderzochte_instellingen.all()] == ["EERST"]
    assert onderzoek.oorzaken == "deels"  # the report's own summary stays
    [oordeel] = Oordeel.objects.all()
    assert (oordeel.instelling.afkorting, oordeel.oorzaken) == ("LATER", "onbekend")
    # the history of the GI link follows the report's: EERST from 1 May, LATER instead of it from 1 June
    historie = [(h.instelling.afkorting, h.history_type, h.history_date) for h in
                OnderzochteInstelling.history.filter(onderzoek_id=onderzoek.pk).order_by("history_date", "history_id")]
    assert historie == [("EERST", "+", _utc(2024, 5, 1, 10)), ("EERST", "-", _utc(2024, 6, 1, 10)), ("LATER", "+", _utc(2024, 6, 1, 10))]
    # each version of the oordeel has the GI of its report at that moment
    ids = dict(Instelling.objects.values_list("afkorting", "id"))
    assert [(h.history_date.month, h.instelling_id) for h in Oordeel.history.order_by("history_date")] == [
        (5, ids["EERST"]), (7, ids["LATER"]),
    ]
    # as recorded: on 15 May 2024 the report was EERST's, on 15 June LATER's
    for dag, afkorting in ((dt.date(2024, 5, 15), "EERST"), (dt.date(2024, 6, 15), "LATER")):
        stand = selectors.registerstand_op(dag)
        assert [k.instelling_id for k in stand["onderzochte_instellingen"] if k.onderzoek_id == onderzoek.pk] == [ids[afkorting]], dag
    assert selectors.registerstand_op(dt.date(2024, 4, 30))["onderzochte_instellingen"] == []
