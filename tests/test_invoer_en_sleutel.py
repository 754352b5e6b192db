"""Parsers and keys whose one line decides a user-visible outcome: an unreadable ja/nee cell and a date not written
as JJJJ-MM-DD are refused by the import (not read as 'nee' or guessed), and a derived value cached yesterday is
not served today (the status of a GI depends on the day)."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache

from historisch import importeren as imp
from historisch.soorten import Celfout, lees_datum, lees_ja_nee
from register import cache as afgeleid
from supervision.models import Toezichtbesluit
from tests import maak
from tests.test_import import SOORTEN, als_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


def _importeer(actor, rijen):
    return imp.importeren(actor=actor, soort="toezichtbesluiten", bestandsnaam="t.csv", inhoud=als_csv(rijen), opslaan=True)


@pytest.mark.parametrize("cel", ["yes", "no", "nee!", "vervallen"])
def test_een_onleesbare_ja_nee_cel_wordt_geweigerd_en_niet_als_nee_gelezen(inspecteur, jbn, cel):
    # A voided record exported with 'yes' must not re-import as a live one.
    verslag = _importeer(inspecteur, [{**SOORTEN["toezichtbesluiten"]["rijen"][0], "vervallen": cel}])
    [rij] = verslag.rijen
    assert rij.status == imp.GEWEIGERD
    assert rij.fouten == [("vervallen", f"'{cel}' is geen ja of nee. Schrijf 'ja' of 'nee' (leeg is nee).")]
    assert Toezichtbesluit.objects.count() == 0


def test_ja_en_nee_worden_gelezen():
    assert [lees_ja_nee(c) for c in ("ja", "JA", "x", "1", True)] == [True] * 5
    assert [lees_ja_nee(c) for c in ("nee", "", "0", None, False)] == [False] * 5
    with pytest.raises(Celfout, match="'yes' is geen ja of nee"):
        lees_ja_nee("yes")


@pytest.mark.parametrize("cel", ["20240301", "2024-3-1", "2024-03-01T00:00", "2024W101", "01-03-2024"])
def test_een_datum_anders_dan_jjjj_mm_dd_wordt_geweigerd(cel):
    # Python reads some of these (20240301, 2024W101) as dates; the register reads only JJJJ-MM-DD.
    with pytest.raises(Celfout) as exc:
        lees_datum(cel)
    assert str(exc.value) == (
        f"'{cel}' is geen datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2024-03-01 voor 1 maart 2024."
    )
    assert lees_datum("2024-03-01") == dt.date(2024, 3, 1)


def test_een_afgeleide_waarde_van_gisteren_geldt_vandaag_niet():
    cache.clear()

    def om(uur_utc, dag):
        return mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, dag, uur_utc, 30, tzinfo=dt.timezone.utc))

    with om(22, 1):  # 23:30 on 1 March in Amsterdam
        assert afgeleid.afgeleid("status", (), lambda: "stand van 1 maart") == "stand van 1 maart"
        assert afgeleid.afgeleid("status", (), lambda: "opnieuw berekend") == "stand van 1 maart"  # from the cache
    with om(23, 1):  # 00:30 on 2 March in Amsterdam, nothing changed in the register
        assert afgeleid.afgeleid("status", (), lambda: "stand van 2 maart") == "stand van 2 maart"
