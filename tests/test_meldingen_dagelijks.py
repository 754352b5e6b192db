"""The daily evaluation of the signals (README "Vroegsignalering", ``manage.py meldingen_dagelijks``): a report
entered under embargo whose oordelen start a signal once it counts is not reported the day before its rapportdatum;
on the day itself the command reports it without any write (exactly one new signal, one e-mail per receiver), and a
second run sends nothing. The loop of scripts/serve waits until shortly after midnight Europe/Amsterdam."""

import datetime as dt
import io
import os
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from register import klok
from tests import maak
from vroegsignalering.management.commands.meldingen_dagelijks import volgende_keer
from vroegsignalering.models import Signaalmelding

D = dt.date
AMS = klok.AMSTERDAM
RAPPORTDATUM = D(2026, 7, 24)
INVOER = dt.datetime(2026, 7, 1, 10, 0, tzinfo=AMS)
DAG_ERVOOR = dt.datetime(2026, 7, 23, 23, 30, tzinfo=AMS)
DE_DAG = dt.datetime(2026, 7, 24, 0, 10, tzinfo=AMS)  # 22:10 UTC on 23 July: the Amsterdam date decides


@contextmanager
def klok_op(moment: dt.datetime):
    with mock.patch("django.utils.timezone.now", return_value=moment.astimezone(dt.timezone.utc)):
        yield


def _dagelijks() -> str:
    uit = io.StringIO()
    call_command("meldingen_dagelijks", stdout=uit)
    return uit.getvalue()


@pytest.fixture
def ontvangers(kmi_gebruiker, inspecteur, ministerie_gebruiker):
    for user, adres in ((kmi_gebruiker, "kmi@example.nl"), (inspecteur, "inspectie@example.nl"),
                        (ministerie_gebruiker, "ministerie@example.nl")):
        user.email = adres
        user.save()
    return {"kmi@example.nl", "inspectie@example.nl", "ministerie@example.nl"}


@pytest.fixture
def embargo(db, beheerder, kmi_gebruiker, inspecteur):
    """JBN, volledig gecertificeerd since it began, and a report entered on 1 July 2026 under embargo until 24 July
    2026 with a kritisch oordeel on goed bestuur (which starts a hoog signal once the report counts)."""
    with klok_op(dt.datetime(2025, 10, 1, 12, 0, tzinfo=AMS)):
        gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2025, 9, 16))
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
    with klok_op(INVOER):
        maak.onderzoek(inspecteur, gi, RAPPORTDATUM, {"goed_bestuur": "onvoldoende"}, titel="Rapport onder embargo")
    return gi


def test_het_signaal_van_een_rapport_dat_openbaar_wordt_komt_op_de_dag_zelf_een_keer(embargo, ontvangers):
    mail.outbox.clear()
    with klok_op(DAG_ERVOOR):
        uit = _dagelijks()
    assert "0 nieuwe meldingen" in uit and "niets te versturen" in uit
    assert not Signaalmelding.objects.exists() and mail.outbox == []

    with klok_op(DE_DAG):
        uit = _dagelijks()
    [gestart] = Signaalmelding.objects.filter(variant="vertrouwelijk")
    assert (gestart.instelling, gestart.jaar, gestart.signaalcode, gestart.soort) == (
        embargo, 2026, "VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL", "gestart"
    )
    assert Signaalmelding.objects.filter(variant="openbaar").count() == 1  # the ministerie's, from public facts
    assert "Signalen op 2026-07-24" in uit
    assert sorted(m.to[0] for m in mail.outbox) == sorted(ontvangers)  # one e-mail per receiver
    assert all("JBN" in m.subject for m in mail.outbox)

    mail.outbox.clear()
    with klok_op(DE_DAG + dt.timedelta(hours=8)):
        uit = _dagelijks()
    assert "0 nieuwe meldingen" in uit
    assert mail.outbox == [] and Signaalmelding.objects.count() == 2


@pytest.mark.parametrize("nu, verwacht", [
    # 23:30 in Amsterdam (summer time, UTC+2): the next run is 00:05 Amsterdam, 22:05 UTC
    (dt.datetime(2026, 7, 23, 21, 30, tzinfo=dt.timezone.utc), dt.datetime(2026, 7, 23, 22, 5, tzinfo=dt.timezone.utc)),
    # 00:30 in Amsterdam, just after a run: the next night
    (dt.datetime(2026, 7, 23, 22, 30, tzinfo=dt.timezone.utc), dt.datetime(2026, 7, 24, 22, 5, tzinfo=dt.timezone.utc)),
    # winter time (UTC+1), the night the clocks go back (25 October 2026): midnight is before the change
    (dt.datetime(2026, 10, 24, 12, 0, tzinfo=dt.timezone.utc), dt.datetime(2026, 10, 24, 22, 5, tzinfo=dt.timezone.utc)),
    (dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc), dt.datetime(2026, 12, 1, 23, 5, tzinfo=dt.timezone.utc)),
])
def test_de_lus_draait_kort_na_middernacht_in_amsterdam(nu, verwacht):
    assert volgende_keer(nu) == verwacht


def test_de_lus_stopt_als_de_server_weg_is(db):
    """--elke-nacht whose --ouder is not the parent (the server has gone): it stops at once instead of waiting."""
    uit = io.StringIO()
    call_command("meldingen_dagelijks", "--elke-nacht", "--ouder", str(os.getpid()), stdout=uit)  # never its own parent
    assert uit.getvalue() == ""
