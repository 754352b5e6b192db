import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from register.models import Feit
from register.selectors import certificaatstatus_op, toezichtniveau_op

pytestmark = pytest.mark.django_db


def feit_modellen():
    return [m for m in apps.get_models() if issubclass(m, Feit)]


def tellingen():
    return {m.__name__: (m.objects.count(), m.history.count()) for m in feit_modellen()}


def test_jbn_as_in_the_public_record():
    call_command("load_voorbeelddata")
    assert certificaatstatus_op("JBN", dt.date(2025, 9, 15)).status == "overbrugging"
    assert certificaatstatus_op("JBN", dt.date(2025, 9, 16)).status == "volledig"
    assert toezichtniveau_op("JBN", dt.date(2025, 10, 1)).niveau == "verscherpt"
    assert toezichtniveau_op("WSS", dt.date(2025, 6, 1)).niveau == "regulier"


def test_running_twice_changes_nothing():
    call_command("load_voorbeelddata")
    eerst = tellingen()
    call_command("load_voorbeelddata")
    assert tellingen() == eerst
    assert eerst["Monitormeting"][0] == 7


def test_every_record_has_a_bron_and_approximate_dates_are_marked():
    call_command("load_voorbeelddata")
    for model in feit_modellen():
        assert not model.objects.filter(bron="").exists(), model
    from certification.models import Certificaatbesluit

    overbrugging = Certificaatbesluit.objects.get(instelling__afkorting="JBN", status="overbrugging")
    assert overbrugging.datum_bij_benadering is True


def test_demo_users_only_with_debug(settings):
    settings.DEBUG = False
    call_command("load_voorbeelddata")
    assert not User.objects.filter(username__in=["kmi", "inspectie", "ministerie"]).exists()
    settings.DEBUG = True
    call_command("load_voorbeelddata")
    kmi = User.objects.get(username="kmi")
    assert kmi.check_password("demo-kmi-2026") and kmi.groups.filter(name="kmi").exists()


def test_wss_verhoogd_toezicht_tot_juni_2025_bij_benadering():
    call_command("load_voorbeelddata")
    from supervision.models import Toezichtbesluit

    assert toezichtniveau_op("WSS", dt.date(2025, 5, 31)).niveau == "geintensiveerd"
    assert toezichtniveau_op("WSS", dt.date(2025, 6, 1)).niveau == "regulier"
    assert toezichtniveau_op("WSS", dt.date(2024, 12, 31)).niveau == "regulier"
    verhoogd = Toezichtbesluit.objects.get(instelling__afkorting="WSS", niveau="geintensiveerd")
    assert verhoogd.datum_bij_benadering is True
    assert "Kamerbrief" in verhoogd.bron and "december 2025" in verhoogd.bron


def test_geen_bron_verwijst_naar_het_ontwerp_en_elke_gi_heeft_gegevens_vanaf():
    call_command("load_voorbeelddata")
    from register.models import Instelling

    for model in feit_modellen():
        assert not model.objects.filter(bron__icontains="DESIGN").exists(), model
    assert not Instelling.objects.filter(gegevens_vanaf__isnull=True).exists()


def test_het_voorbeeldoverzicht_toont_afweging_volledigheid_en_meerjarenbeeld():
    call_command("load_voorbeelddata")
    from reports.overzicht import kameroverzicht

    data = kameroverzicht(2025, dt.date.today())
    assert data["schema_versie"] == 3
    assert data["volledigheid"] == {"aantal_instellingen": 5, "eerste_registratie": None}
    jbn = next(gi for gi in data["instellingen"] if gi["afkorting"] == "JBN")
    assert jbn["gegevens_vanaf"] == "2024-01-01"
    volledig = next(b for b in jbn["certificaatbesluiten"] if b["ingangsdatum"] == "2025-09-16")
    assert volledig["afweging_vereist"] is True and volledig["aanleiding_status"] == "ja"
    # the afweging of the example data summarises public statements: never printed as the KMI's own
    assert volledig["afweging"] == "" and volledig["afweging_herkomst"] == "openbare_bron"
    assert volledig["afweging_openbare_bron"].startswith("Bij de audit van september 2025 stelde het KMI vast")
    assert "skipr.nl" in volledig["afweging_bron"]
    assert any("verscherpt" in a for a in volledig["aanleiding"])
    assert any("24 juli 2025" in a for a in volledig["aanleiding"])
    assert any("volgt op het overbruggingscertificaat" in a for a in volledig["aanleiding"])
    # no afweging of the KMI itself, so AFWEGING_ONTBREEKT, with the summary beside it
    assert "AFWEGING_ONTBREEKT" in jbn["signaalcodes"]
    [ontbreekt] = [x for x in jbn["signalen"] if x["code"] == "AFWEGING_ONTBREEKT"]
    assert "Uit openbare bron: Bij de audit van september 2025" in ontbreekt["uitleg"]
    # the meerjarenbeeld: 2021-2025, the years before gegevens vanaf (2024-01-01) unknown
    beeld = data["meerjarenbeeld"]
    assert beeld["jaren"] == [2021, 2022, 2023, 2024, 2025]
    rij = next(r for r in beeld["instellingen"] if r["afkorting"] == "JBN")
    assert [j["bekend"] for j in rij["jaren"]] == [False, False, False, True, True]
    assert rij["jaren"][0] == {"jaar": 2021, "bekend": False, "signaalcodes": [], "in_de_pas": None}
    assert rij["jaren"][4]["signaalcodes"] == jbn["signaalcodes"] and rij["jaren"][4]["in_de_pas"] is False
    # the overbrugging of December 2024 is under aanleiding (it exists because of kritische afwijkingen) and the
    # KMI recorded no afweging for it
    assert rij["jaren"][3] == {"jaar": 2024, "bekend": True,
                               "signaalcodes": ["AFWEGING_ONTBREEKT", "CERTIFICERING_STRENGER_DAN_TOEZICHT"],
                               "in_de_pas": False}
    wss = next(r for r in beeld["instellingen"] if r["afkorting"] == "WSS")
    assert [j["in_de_pas"] for j in wss["jaren"]] == [None, None, None, True, True]
