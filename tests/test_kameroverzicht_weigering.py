"""An overview of a register that held no GI on the peildatum is refused (DESIGN.md §5, Completeness) with a clear
Dutch message naming the first registration date, at every door, and nothing is archived."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from register import klok
from reports.models import Kameroverzicht
from reports.overzicht import GeenInstellingen, kameroverzicht
from reports.services import kameroverzicht_genereren
from tests import maak
from tests.test_api_basis import client_voor, is_problem

pytestmark = pytest.mark.django_db


def gisteren():
    return klok.vandaag() - dt.timedelta(days=1)


def melding(peildatum, eerste):
    return (
        f"Op de peildatum {peildatum.isoformat()} stond nog geen instelling in het register; de eerste instelling is "
        f"geregistreerd per {eerste.isoformat()}. Kies een latere peildatum."
    )


LEEG = "het register bevat nog geen instellingen"


@pytest.fixture
def pas_vandaag_geregistreerd(beheerder):
    """A GI recorded today: as recorded at the end of yesterday the register held none."""
    return maak.instelling(beheerder, "NIEUW", actief_vanaf=dt.date(2021, 3, 1))


def test_de_service_weigert_en_archiveert_niets(pas_vandaag_geregistreerd, ministerie_gebruiker):
    with pytest.raises(GeenInstellingen) as exc:
        kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=gisteren().year, peildatum=gisteren())
    assert exc.value.messages == [melding(gisteren(), klok.vandaag())]
    assert Kameroverzicht.objects.count() == 0
    # the same GI on the day it was recorded: generated and archived
    kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=gisteren().year, peildatum=klok.vandaag())
    assert Kameroverzicht.objects.count() == 1


def test_een_gi_die_pas_later_actief_wordt_noemt_zijn_actief_vanaf(beheerder, ministerie_gebruiker):
    later = klok.vandaag() + dt.timedelta(days=30)
    maak.instelling(beheerder, "LATER", actief_vanaf=later)
    with pytest.raises(GeenInstellingen) as exc:
        kameroverzicht(klok.vandaag().year, klok.vandaag())
    assert exc.value.messages == [melding(klok.vandaag(), later)]
    assert exc.value.eerste_registratie == later


def test_leeg_register_noemt_geen_datum(ministerie_gebruiker):
    with pytest.raises(GeenInstellingen, match=LEEG):
        kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025)
    assert Kameroverzicht.objects.count() == 0


def test_een_vervallen_instelling_telt_niet(beheerder):
    from register.services import laten_vervallen

    gi = maak.instelling(beheerder, "WEG")
    laten_vervallen(gi, actor=beheerder, reden="dubbel ingevoerd")
    with pytest.raises(GeenInstellingen, match=LEEG):
        kameroverzicht(2025, klok.vandaag())


def test_het_commando_stopt_met_de_melding(pas_vandaag_geregistreerd):
    with pytest.raises(CommandError) as exc:
        call_command("kameroverzicht", str(gisteren().year), "--peildatum", gisteren().isoformat())
    assert str(exc.value) == melding(gisteren(), klok.vandaag())
    assert Kameroverzicht.objects.count() == 0


def test_het_commando_eindigt_niet_met_nul(pas_vandaag_geregistreerd):
    """From the shell: exit status 1 and the message on stderr (CommandError outside call_command)."""
    from unittest import mock

    from django.core.management import ManagementUtility
    from django.db import connections

    # run_from_argv closes the database connections when it is done; the test's transaction needs them open
    with pytest.raises(SystemExit) as exc, mock.patch.object(connections, "close_all"):
        ManagementUtility(["manage.py", "kameroverzicht", str(gisteren().year), "--peildatum", gisteren().isoformat()]).execute()
    assert exc.value.code == 1
    assert Kameroverzicht.objects.count() == 0


def test_de_archiefpagina_toont_de_melding_bij_het_formulier(client, pas_vandaag_geregistreerd, ministerie_gebruiker):
    client.force_login(ministerie_gebruiker)
    antwoord = client.post(
        reverse("reports:archief"), {"jaar": str(gisteren().year), "peildatum": gisteren().isoformat(), "variant": "openbaar"}
    )
    assert antwoord.status_code == 400
    assert melding(gisteren(), klok.vandaag()) in antwoord.content.decode()
    assert antwoord.context["form"].non_field_errors() == [melding(gisteren(), klok.vandaag())]
    assert Kameroverzicht.objects.count() == 0


def test_de_api_antwoordt_400_problem_json(pas_vandaag_geregistreerd, ministerie_gebruiker):
    antwoord = client_voor(ministerie_gebruiker).post(
        "/api/v1/kameroverzichten", {"jaar": gisteren().year, "peildatum": gisteren().isoformat(), "variant": "openbaar"},
        format="json",
    )
    body = is_problem(antwoord, 400)
    assert body["detail"] == melding(gisteren(), klok.vandaag())
    assert body["invalidParams"] == [{"name": "nonFieldErrors", "code": "geen_instellingen", "reason": body["detail"]}]
    assert Kameroverzicht.objects.count() == 0


def test_de_openbare_pagina_toont_de_melding_in_plaats_van_een_leeg_overzicht(client, pas_vandaag_geregistreerd):
    antwoord = client.get("/kameroverzicht/", {"jaar": gisteren().year, "peildatum": gisteren().isoformat()})
    assert antwoord.status_code == 400
    inhoud = antwoord.content.decode()
    assert melding(gisteren(), klok.vandaag()) in inhoud
    assert "NIEUW" not in inhoud
    assert client.get("/kameroverzicht/", {"jaar": gisteren().year}).status_code == 200  # today it holds the GI
    assert Kameroverzicht.objects.count() == 0
