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
    assert eerst["Monitormeting"][0] == 8  # seven peildata, and the revision of 1 October 2024


def test_de_publieke_bronnen_over_reikwijdte_en_gi_monitor():
    """Only JBN's certificate of 16 September 2025 has a reikwijdte in the sources (vraag 9); the wachttijd changed
    definition between 1 October 2024 and 1 October 2025; verloop and verzuim of 1 October 2024 have two versions."""
    from certification.models import Certificaatbesluit
    from reports.overzicht import kameroverzicht
    from register import klok

    call_command("load_voorbeelddata")
    assert set(Certificaatbesluit.objects.exclude(reikwijdte="onbekend").values_list("instelling__afkorting", "ingangsdatum",
                                                                                     "reikwijdte")) == {
        ("JBN", dt.date(2025, 9, 16), "beide")}
    data = kameroverzicht(2025, klok.vandaag())
    oktober = next(m for m in data["monitor"] if m["peildatum"] == "2025-10-01")
    assert oktober["gemiddelde_wachttijd_dagen"] == 59
    assert [v["indicator"] for v in oktober["voetnoten"]] == ["gemiddelde_wachttijd_dagen"]
    assert "monitordefinitie" in {v["soort"] for v in data["verantwoording"]}
    [oud] = kameroverzicht(2024, klok.vandaag())["monitor"][-1:]
    assert (oud["verloop_pct"], oud["verzuim_pct"]) == ("16.1", "7.3")
    assert [e["waarde"] for e in oud["herzien"]["verloop_pct"]] == ["15.5"]
    assert [e["waarde"] for e in oud["herzien"]["verzuim_pct"]] == ["6.8"]


def test_every_record_has_a_bron_and_approximate_dates_are_marked():
    call_command("load_voorbeelddata")
    for model in feit_modellen():
        assert not model.objects.filter(bron="").exists(), model
    from certification.models import Certificaatbesluit

    overbrugging = Certificaatbesluit.objects.get(instelling__afkorting="JBN", status="overbrugging")
    assert overbrugging.datumkwaliteit == "maand"


def test_demo_users_only_with_debug(settings):
    settings.DEBUG = False
    call_command("load_voorbeelddata")
    assert not User.objects.filter(username__in=["kmi", "inspectie", "ministerie"]).exists()
    settings.DEBUG = True
    call_command("load_voorbeelddata")
    kmi = User.objects.get(username="kmi")
    assert kmi.check_password("demo-kmi-2026") and kmi.groups.filter(name="kmi").exists()


def test_wss_verhoogd_toezicht_van_januari_tot_juni_2025_op_de_maand():
    call_command("load_voorbeelddata")
    from supervision.models import Toezichtbesluit

    assert toezichtniveau_op("WSS", dt.date(2025, 5, 31)).niveau == "geintensiveerd"
    assert toezichtniveau_op("WSS", dt.date(2025, 6, 1)).niveau == "regulier"
    assert toezichtniveau_op("WSS", dt.date(2024, 12, 31)).niveau == "regulier"
    verhoogd = Toezichtbesluit.objects.get(instelling__afkorting="WSS", niveau="geintensiveerd")
    # The sources give the month of the Vlaardingen report (January 2025), not the day: shown as januari 2025.
    assert verhoogd.datumkwaliteit == "maand" and verhoogd.ingangsdatum == dt.date(2025, 1, 31)
    assert "Kamerbrief" in verhoogd.bron and "december 2025" in verhoogd.bron


def test_geen_bron_verwijst_naar_het_ontwerp_en_elke_gi_heeft_gegevens_vanaf_per_kant():
    call_command("load_voorbeelddata")
    from register.models import Instelling

    for model in feit_modellen():
        assert not model.objects.filter(bron__icontains="DESIGN").exists(), model
    assert not Instelling.objects.filter(certificering_vanaf__isnull=True).exists()
    assert not Instelling.objects.filter(toezicht_vanaf__isnull=True).exists()


def test_het_voorbeeldoverzicht_toont_afweging_volledigheid_en_meerjarenbeeld():
    call_command("load_voorbeelddata")
    from reports.overzicht import kameroverzicht

    data = kameroverzicht(2025, dt.date.today())
    assert data["schema_versie"] == 3
    assert data["volledigheid"]["aantal_instellingen"] == 5 and data["volledigheid"]["zonder_gegevens"] == 8
    jbn = next(gi for gi in data["instellingen"] if gi["afkorting"] == "JBN")
    assert (jbn["certificering_vanaf"], jbn["toezicht_vanaf"]) == ("2024-01-01", "2024-01-01")
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
    assert rij["jaren"][0] == {"jaar": 2021, "bekend": True, "signaalcodes": [], "pasoordeel": "onvoldoende_gegevens"}
    assert rij["jaren"][4]["signaalcodes"] == jbn["signaalcodes"] and rij["jaren"][4]["pasoordeel"] == "niet_in_de_pas"
    # the overbrugging of December 2024 is under aanleiding (it exists because of kritische afwijkingen) and the
    # KMI recorded no afweging for it
    assert rij["jaren"][3] == {"jaar": 2024, "bekend": True,
                               "signaalcodes": ["AFWEGING_ONTBREEKT", "CERTIFICERING_STRENGER_DAN_TOEZICHT"],
                               "pasoordeel": "niet_in_de_pas"}


def test_jbn_werkgebied_en_einde_verscherpt_toezicht_zoals_de_bronnen_ze_geven():
    call_command("load_voorbeelddata")
    from register.models import Instelling
    from supervision.models import Toezichtbesluit

    jbn = Instelling.objects.get(afkorting="JBN")
    assert jbn.werkgebied == "Groningen en Drenthe"
    assert "Groningen en Drenthe" in jbn.bron
    # "binnen 7 maanden", "tot januari 2026 de tijd": the voorziene einddatum is the end of that month
    (verscherpt,) = Toezichtbesluit.objects.filter(instelling=jbn)
    assert verscherpt.niveau == "verscherpt"
    assert verscherpt.voorziene_einddatum == dt.date(2026, 1, 31)
    assert "tot januari 2026 de tijd" in verscherpt.bron
    # no source says it was lifted: no besluit ending it is made up, and the record says so
    assert "staat niet in de bronnen" in verscherpt.aanleiding
    assert toezichtniveau_op("JBN", dt.date(2026, 1, 31)).niveau == "verscherpt"


def test_wss_geintensiveerd_toezicht_na_het_rapport_van_januari_2025():
    call_command("load_voorbeelddata")
    from supervision.models import Toezichtbesluit

    verhoogd = Toezichtbesluit.objects.get(instelling__afkorting="WSS", niveau="geintensiveerd")
    # the month the sources give, never earlier than they allow
    assert toezichtniveau_op("WSS", dt.date(2025, 1, 1)).niveau == "regulier"
    assert toezichtniveau_op("WSS", dt.date(2025, 1, 31)).niveau == "geintensiveerd"
    assert "Vlaardingen" in verhoogd.aanleiding and "januari 2025" in verhoogd.bron
    # the aanleiding no source gave (heightened "in the year of the thematic supervision") is gone
    assert "het jaar van het thematisch toezicht" not in verhoogd.aanleiding


def test_het_overkoepelende_rapport_van_25_september_2025_staat_bij_elke_gi_die_de_bronnen_noemen():
    from reports.overzicht import kameroverzicht
    from register import klok
    from supervision.models import Inspectieonderzoek

    call_command("load_voorbeelddata")
    titel = "Als zelfs overheidsingrijpen kinderen geen bescherming biedt"
    [rapport] = Inspectieonderzoek.objects.filter(titel=titel)
    # the four GI's the sources name (the fifth is named by none of them); no oordeel, oorzaken or zienswijze is
    # given by the sources for this report, so none is recorded
    assert sorted(k.instelling.afkorting for k in rapport.onderzochte_instellingen.all()) == ["JBG", "JBN", "JBW", "WSS"]
    assert rapport.oordelen.count() == 0 and rapport.oorzaken == ""
    assert all(k.zienswijze == "" for k in rapport.onderzochte_instellingen.all())
    assert rapport.rapportdatum == dt.date(2025, 9, 25) and "31 839, nr. 1098" in rapport.bron
    data = kameroverzicht(2025, klok.vandaag())
    assert [r["titel"] for r in data["overkoepelende_rapporten"]] == [titel]
    for gi in data["instellingen"]:
        titels = [r["titel"] for r in gi["rapporten"]]
        assert (titel in titels) is (gi["afkorting"] in {"JBN", "JBG", "JBW", "WSS"}), gi["afkorting"]
