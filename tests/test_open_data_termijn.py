"""stand.csv says 'nee' for toezicht_termijn_verstreken under regulier toezicht, with or without a toezichtbesluit:
a regular level has no term to pass."""

import datetime as dt

import pytest
from django.test import Client

from tests import maak
from tests.test_open_data import lees_csv

pytestmark = pytest.mark.django_db


def test_regulier_toezicht_heeft_termijn_verstreken_nee(beheerder, inspecteur):
    maak.instelling(beheerder, "AAA")
    met_besluit = maak.instelling(beheerder, "BBB")
    maak.toezicht(inspecteur, met_besluit, "regulier", dt.date(2025, 6, 1))
    rijen = {r["afkorting"]: r for r in lees_csv(Client().get("/open-data/stand.csv?datum=2025-10-01"))}
    for afkorting in ("AAA", "BBB"):
        assert rijen[afkorting]["toezichtniveau"] == "regulier"
        assert rijen[afkorting]["toezicht_termijn_verstreken"] == "nee", afkorting
