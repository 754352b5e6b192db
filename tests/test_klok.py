"""One clock (DESIGN.md §3): "today" is the Amsterdam date, computed in one place.

A server runs on UTC; between 00:00 and 02:00 Amsterdam time its own date is still yesterday. Every
default "today" of the register (status API, public index, tijdlijn, Kamer overview) follows the
Amsterdam date of ``register.klok.vandaag``.
"""

import datetime as dt
import re
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from rest_framework.test import APIClient

from register import klok
from tests import maak

D = dt.date
UTC = dt.timezone.utc
BASIS = Path(__file__).resolve().parent.parent

# 00:30 in Amsterdam on 1 February 2025 (CET, UTC+1) is 23:30 UTC on 31 January.
HALF_EEN_IN_AMSTERDAM = dt.datetime(2025, 1, 31, 23, 30, tzinfo=UTC)
# 00:30 in Amsterdam on 1 July 2025 (CEST, UTC+2) is 22:30 UTC on 30 June.
HALF_EEN_IN_DE_ZOMER = dt.datetime(2025, 6, 30, 22, 30, tzinfo=UTC)


def klok_op(moment: dt.datetime):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.mark.parametrize(
    "moment, amsterdam",
    [
        (HALF_EEN_IN_AMSTERDAM, D(2025, 2, 1)),
        (HALF_EEN_IN_DE_ZOMER, D(2025, 7, 1)),
        (dt.datetime(2025, 1, 31, 22, 59, 59, tzinfo=UTC), D(2025, 1, 31)),
        (dt.datetime(2025, 1, 31, 23, 0, tzinfo=UTC), D(2025, 2, 1)),
        (dt.datetime(2025, 6, 30, 21, 59, 59, tzinfo=UTC), D(2025, 6, 30)),
    ],
)
def test_vandaag_is_de_datum_in_amsterdam_niet_die_van_de_server(moment, amsterdam):
    with klok_op(moment):
        assert klok.vandaag() == amsterdam


@pytest.fixture
def jbn_vanaf_1_februari(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2025, 2, 1), D(2026, 1, 31), besluitdatum=D(2025, 1, 20))
    return gi


def test_status_api_antwoordt_om_half_een_s_nachts_voor_de_amsterdamse_datum(jbn_vanaf_1_februari):
    with klok_op(HALF_EEN_IN_AMSTERDAM):
        body = APIClient().get("/api/v1/instellingen/JBN/status").json()
    assert body["datum"] == "2025-02-01"
    assert body["certificaat"]["status"] == "voorlopig"


def test_status_api_met_datum_blijft_die_datum_gebruiken(jbn_vanaf_1_februari):
    with klok_op(HALF_EEN_IN_AMSTERDAM):
        body = APIClient().get("/api/v1/instellingen/JBN/status?datum=2025-01-31").json()
    assert (body["datum"], body["certificaat"]["status"]) == ("2025-01-31", "geen")


def test_openbare_startpagina_toont_om_half_een_de_stand_van_de_nieuwe_dag(jbn_vanaf_1_februari):
    with klok_op(HALF_EEN_IN_AMSTERDAM):
        body = Client().get("/").content.decode()
    assert "voorlopig" in body
    assert "01-02-2025" in body or "1 februari 2025" in body


def test_tijdlijn_loopt_standaard_tot_vandaag_in_amsterdam(jbn_vanaf_1_februari):
    from register.selectors import tijdlijn

    with klok_op(dt.datetime(2025, 3, 31, 22, 30, tzinfo=UTC)):  # 00:30 on 1 April, summer time
        lijn = tijdlijn("JBN")
    assert (lijn.van, lijn.tot) == (D(2025, 2, 1), D(2025, 4, 1))


def test_kameroverzicht_peilt_standaard_op_vandaag_in_amsterdam(jbn_vanaf_1_februari):
    from register.domein import DOMEINMODELLEN
    from reports.overzicht import kameroverzicht
    from reports.services import standaard_peildatum

    # recorded before that day: an overview of a register that held no GI on its peildatum would be refused
    for domeinmodel in DOMEINMODELLEN:
        domeinmodel.model.history.all().update(history_date=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    with klok_op(HALF_EEN_IN_AMSTERDAM):
        data = kameroverzicht(2025, standaard_peildatum())
    assert data["peildatum"] == "2025-02-01"


# Ways of computing "today" that bypass the clock. register/klok.py is the one place that knows.
ANDERE_KLOKKEN = re.compile(r"date\.today\(|localdate\(|datetime\.now\(|now\(\)\.astimezone\(|\btime\.localtime\(")


def test_alleen_register_klok_weet_welke_dag_het_is():
    gevonden = []
    for map_ in ("register", "reports", "api", "certification", "supervision", "gebruikers", "bench"):
        for pad in sorted((BASIS / map_).rglob("*.py")):
            if "migrations" in pad.parts or pad == BASIS / "register" / "klok.py":
                continue
            for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1):
                if ANDERE_KLOKKEN.search(regel):
                    gevonden.append(f"{pad.relative_to(BASIS)}:{nummer}: {regel.strip()}")
    assert gevonden == [], "Gebruik register.klok.vandaag():\n" + "\n".join(gevonden)
