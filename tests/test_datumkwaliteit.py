"""Datumkwaliteit (exact, maand, geschat with its toelichting) and geldig tot 'onbekend' (DESIGN.md §3): a date no
source gives to the day is never shown as a day, and a certificate whose end no source gives never turns 'verlopen'
by itself — in the rules, the signals, the pages, the API, open data, the import and the Kamer overview."""

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from certification.models import Certificaatbesluit
from register import klok
from register.rules import CertificaatFeit, certificaat_intervallen, certificaatstatus
from register.teksten import feitdatum_kort, feitdatum_tekst
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_html
from signalen import regels as s
from signalen.feiten import GIFeiten
from supervision.models import Toezichtbesluit
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date


# -- the words: a maand date as its month, at month ends and leap days ------------------------------------------

@pytest.mark.parametrize(
    ("datum", "maand"),
    [
        (D(2025, 1, 31), "januari 2025"),
        (D(2024, 2, 29), "februari 2024"),
        (D(2025, 2, 28), "februari 2025"),
        (D(2024, 12, 31), "december 2024"),
        (D(2025, 12, 1), "december 2025"),
    ],
)
def test_een_maanddatum_is_de_maand_zonder_dag_ook_aan_het_eind_van_de_maand(datum, maand):
    assert feitdatum_tekst(datum, "maand") == maand
    assert feitdatum_tekst(datum, "maand", vorm="tekst") == maand
    assert feitdatum_kort(datum.isoformat(), "maand") == maand
    # no day of the month in any form
    assert str(datum.day) not in feitdatum_tekst(datum, "maand").replace(str(datum.year), "")


def test_exact_is_de_dag_en_geschat_zegt_dat():
    assert feitdatum_tekst(D(2024, 2, 29), "exact") == "29-02-2024"
    assert feitdatum_tekst(D(2024, 2, 29), "exact", vorm="tekst") == "29 februari 2024"
    assert feitdatum_tekst(D(2024, 2, 29), "geschat") == "29-02-2024 (geschat)"
    assert feitdatum_kort("2025-02-28", "geschat") == "28-02-2025 (geschat)"
    assert feitdatum_kort(None, "maand") == "–"


# -- the model: geschat needs a toelichting ---------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("toelichting", ["", "   \n "])
def test_geschat_zonder_toelichting_wordt_geweigerd_met_een_duidelijke_melding(beheerder, kmi_gebruiker, toelichting):
    gi = maak.instelling(beheerder, "SCH")
    with pytest.raises(ValidationError) as fout:
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1), datumkwaliteit="geschat",
                         datum_toelichting=toelichting)
    melding = " ".join(fout.value.message_dict["datum_toelichting"])
    assert "geschat" in melding and "toelichting" in melding and "waar de schatting op berust" in melding
    assert not Certificaatbesluit.objects.exists()


@pytest.mark.django_db
def test_geschat_met_toelichting_en_maand_zonder_worden_aanvaard(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "SCH")
    besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 2, 29), datumkwaliteit="geschat",
                               datum_toelichting="Begin van de registerperiode; de bron noemt alleen 2024.")
    assert besluit.datumkwaliteit == "geschat"
    toezicht = maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 1, 31), datumkwaliteit="maand")
    assert toezicht.datumkwaliteit == "maand" and toezicht.datum_toelichting == ""


@pytest.mark.django_db
def test_een_onbekende_datumkwaliteit_wordt_geweigerd(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "SCH")
    with pytest.raises(ValidationError) as fout:
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1), datumkwaliteit="bij benadering")
    assert "datumkwaliteit" in fout.value.message_dict


# -- geldig tot onbekend --------------------------------------------------------------------------------------

ONBEKEND_TOT = CertificaatFeit(1, "volledig", D(2024, 1, 1), None, geldig_tot_onbekend=True)


@pytest.mark.parametrize("datum", [D(2024, 1, 1), D(2027, 1, 2), D(2028, 2, 29), D(9999, 12, 31)])
def test_geldig_tot_onbekend_verloopt_nooit_vanzelf(datum):
    status = certificaatstatus([ONBEKEND_TOT], datum)
    assert (status.status, status.geldig_tot, status.geldig_tot_onbekend) == ("volledig", None, True)


def test_geldig_tot_onbekend_geldt_tot_een_later_besluit():
    later = CertificaatFeit(2, "geschorst", D(2030, 3, 1), D(2030, 8, 31))
    assert certificaatstatus([ONBEKEND_TOT, later], D(2030, 2, 28)).status == "volledig"
    assert certificaatstatus([ONBEKEND_TOT, later], D(2030, 3, 1)).status == "geschorst"
    # and the besluit after it decides from then on (here it expires, as a dated one does)
    assert certificaatstatus([ONBEKEND_TOT, later], D(2030, 9, 1)).status == "verlopen"
    intervallen = certificaat_intervallen([ONBEKEND_TOT], D(2024, 1, 1), D(2099, 12, 31))
    assert [(i.van, i.tot, i.waarde) for i in intervallen] == [(D(2024, 1, 1), D(2099, 12, 31), "volledig")]


@pytest.mark.parametrize("jaar", [2024, 2027, 2040])
def test_geen_geldig_certificaat_gaat_niet_af_op_geldig_tot_onbekend(jaar):
    feiten = GIFeiten("GIX", certificaten=(ONBEKEND_TOT,), toezichten=(), rapporten=())
    assert s.geen_geldig_certificaat(feiten, jaar) == []
    # with the placeholder end the example data used to carry, the signal fires from the day after it
    placeholder = GIFeiten("GIX", certificaten=(CertificaatFeit(1, "volledig", D(2024, 1, 1), D(2026, 12, 31)),),
                           toezichten=(), rapporten=())
    assert bool(s.geen_geldig_certificaat(placeholder, jaar)) == (jaar > 2026)


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["overbrugging", "voorlopig", "geschorst", "volledig"])
def test_geldig_tot_onbekend_wordt_uitdrukkelijk_aanvaard(beheerder, kmi_gebruiker, status):
    gi = maak.instelling(beheerder, "ONB")
    besluit = maak.certificaat(kmi_gebruiker, gi, status, D(2025, 2, 28), geldig_tot_onbekend=True)
    besluit.refresh_from_db()
    # a volledig certificate then gets no default of three years either
    assert (besluit.geldig_tot, besluit.geldig_tot_onbekend) == (None, True)


@pytest.mark.django_db
def test_zonder_geldig_tot_en_zonder_onbekend_wordt_geweigerd_en_de_melding_noemt_onbekend(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "ONB")
    with pytest.raises(ValidationError) as fout:
        maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 2, 28))
    assert "geldig tot onbekend" in " ".join(fout.value.message_dict["geldig_tot"])


@pytest.mark.django_db
def test_onbekend_met_een_datum_of_bij_ingetrokken_wordt_geweigerd(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "ONB")
    with pytest.raises(ValidationError) as fout:
        maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 2, 28), D(2025, 8, 31), geldig_tot_onbekend=True)
    assert "geldig_tot" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        maak.certificaat(kmi_gebruiker, gi, "ingetrokken", D(2025, 2, 28), geldig_tot_onbekend=True)
    assert "geldig_tot_onbekend" in fout.value.message_dict


@pytest.mark.django_db
def test_de_database_weigert_onbekend_met_een_datum_ook_buiten_de_services(beheerder, kmi_gebruiker):
    from django.db import IntegrityError, transaction

    gi = maak.instelling(beheerder, "ONB")
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificaatbesluit.objects.bulk_create([Certificaatbesluit(
            instelling=gi, status="volledig", besluitdatum=D(2025, 1, 1), ingangsdatum=D(2025, 1, 1),
            geldig_tot=D(2027, 12, 31), geldig_tot_onbekend=True, bron="test",
        )])


# -- the example data on 2 January 2027 ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_de_openbare_startpagina_op_2_januari_2027_toont_geen_gi_als_verlopen():
    call_command("load_voorbeelddata")
    antwoord = Client().get("/", {"datum": "2027-01-02"})
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    tabel = tekst[tekst.index("<tbody"):tekst.index("</tbody>")]
    assert "verlopen" not in tabel
    # the four GI's whose certificate end no source gives say so
    assert tabel.count("geldig tot: onbekend") == 4


@pytest.mark.django_db
def test_stand_csv_en_de_api_noemen_geldig_tot_onbekend():
    call_command("load_voorbeelddata")
    antwoord = Client().get("/open-data/stand.csv", {"datum": "2027-01-02"})
    if antwoord.status_code == 404:  # the address of the download, as the open-data page links it
        from django.urls import reverse

        antwoord = Client().get(reverse("opendata:stand", args=["csv"]), {"datum": "2027-01-02"})
    rijen = {r["afkorting"]: r for r in csv.DictReader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";")}
    assert rijen["LJR"]["certificaatstatus"] == "volledig"
    assert rijen["LJR"]["certificaat_geldig_tot"] == "onbekend"
    assert rijen["LJR"]["certificaat_datumkwaliteit"] == "geschat"
    assert all(r["certificaatstatus"] != "verlopen" for r in rijen.values())

    status = client_voor().get("/api/v1/instellingen/JBG/status", {"datum": "2027-01-02"}).json()["certificaat"]
    assert (status["status"], status["geldigTot"], status["geldigTotOnbekend"]) == ("volledig", None, True)


@pytest.mark.django_db
def test_voorbeelddata_exact_alleen_waar_een_bron_de_dag_geeft():
    call_command("load_voorbeelddata")
    from supervision.models import Inspectieonderzoek

    rapport = Inspectieonderzoek.objects.get(onderzochte_instellingen__instelling__afkorting="JBN", rapportdatum=D(2025, 7, 24))
    assert rapport.datumkwaliteit == "exact"  # 'hun rapport (van 24 juli 2025)', antwoorden 30 januari 2026
    assert not Certificaatbesluit.objects.filter(geldig_tot=D(2026, 12, 31)).exists()
    assert Certificaatbesluit.objects.filter(geldig_tot_onbekend=True).count() == 5
    for model in (Certificaatbesluit, Toezichtbesluit, Inspectieonderzoek):
        for feit in model.objects.filter(datumkwaliteit="geschat"):
            assert feit.datum_toelichting.strip(), feit


# -- the doors: pages, admin list, API, overview ---------------------------------------------------------------

@pytest.mark.django_db
def test_de_gi_pagina_toont_een_maanddatum_als_maand(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "MND", certificering_vanaf=D(2024, 1, 1), toezicht_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 2, 29), D(2024, 11, 28), datumkwaliteit="maand")
    tekst = Client().get("/instellingen/MND", {"datum": "2024-06-01"}).content.decode()
    assert "februari 2024" in tekst
    assert "29-02-2024" not in tekst and "29 februari 2024" not in tekst


@pytest.mark.django_db
def test_de_adminlijst_toont_een_maanddatum_als_maand(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "MND")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 1, 31), datumkwaliteit="maand")
    client = Client()
    client.force_login(kmi_gebruiker)
    tekst = client.get("/admin/certification/certificaatbesluit/").content.decode()
    assert "januari 2025" in tekst and "31-01-2025" not in tekst and "31 januari 2025" not in tekst


@pytest.mark.django_db
def test_de_api_spreekt_datumkwaliteit_en_filtert_erop(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "API")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1), datumkwaliteit="geschat",
                     datum_toelichting="Begin van de registerperiode.", geldig_tot_onbekend=True)
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 1), datumkwaliteit="maand")
    api = client_voor(kmi_gebruiker)
    geschat = api.get("/api/v1/certificaatbesluiten", {"datumkwaliteit": "geschat"}).json()["results"]
    assert [(b["datumkwaliteit"], b["datumToelichting"], b["geldigTot"], b["geldigTotOnbekend"]) for b in geschat] == [
        ("geschat", "Begin van de registerperiode.", None, True)
    ]
    onbekend = api.get("/api/v1/certificaatbesluiten", {"geldigTotOnbekend": "true"}).json()["results"]
    assert len(onbekend) == 1
    assert api.get("/api/v1/certificaatbesluiten", {"datumkwaliteit": "circa"}).status_code == 400
    tijdlijn = api.get("/api/v1/instellingen/API/tijdlijn").json()
    gebeurtenissen = tijdlijn.get("gebeurtenissen") or tijdlijn.get("results") or []
    assert {g["datumkwaliteit"] for g in gebeurtenissen} == {"geschat", "maand"}


@pytest.mark.django_db
def test_het_kameroverzicht_toont_maand_en_geldig_tot_onbekend(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "OVZ", certificering_vanaf=D(2025, 1, 1), toezicht_vanaf=D(2025, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 2, 28), datumkwaliteit="maand", geldig_tot_onbekend=True)
    data = kameroverzicht(2025, klok.vandaag())
    sectie = next(g for g in data["instellingen"] if g["afkorting"] == "OVZ")
    [besluit] = sectie["certificaatbesluiten"]
    assert (besluit["datumkwaliteit"], besluit["geldig_tot"], besluit["geldig_tot_onbekend"]) == ("maand", None, True)
    assert [g["datumkwaliteit"] for g in sectie["gebeurtenissen"]] == ["maand"]
    html = render_html(data)
    assert "februari 2025" in html and "28-02-2025" not in html and "geldig tot: onbekend" in html
    from pypdf import PdfReader

    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(data))).pages)
    assert "februari 2025" in pdf and "28-02-2025" not in pdf and "onbekend" in pdf


def test_een_overzicht_van_schema_2_met_de_oude_vlag_toont_nog_de_maand():
    from register.teksten import datumkwaliteit_van

    assert datumkwaliteit_van({"datum_bij_benadering": True}) == "maand"
    assert datumkwaliteit_van({"datum_bij_benadering": False}) == "exact"
    assert datumkwaliteit_van(SimpleNamespace().__dict__) == "exact"


# -- the import keeps reading the old column -------------------------------------------------------------------

@pytest.mark.django_db
def test_de_import_leest_de_oude_kolom_als_maand_of_exact(beheerder):
    from historisch.soorten import SOORTEN

    soort = SOORTEN["instellingen"]
    ja = soort.lees({"afkorting": "OUD", "naam": "Oud", "soort": "regionaal", "bron": "x", "datum_bij_benadering": "ja"})
    nee = soort.lees({"afkorting": "OUD", "naam": "Oud", "soort": "regionaal", "bron": "x", "datum_bij_benadering": "nee"})
    nieuw = soort.lees({"afkorting": "OUD", "naam": "Oud", "soort": "regionaal", "bron": "x", "datumkwaliteit": "geschat",
                        "datum_toelichting": "schatting", "datum_bij_benadering": "ja"})
    assert (ja.velden["datumkwaliteit"], nee.velden["datumkwaliteit"], nieuw.velden["datumkwaliteit"]) == (
        "maand", "exact", "geschat"
    )
    fout = soort.lees({"afkorting": "OUD", "naam": "Oud", "soort": "regionaal", "bron": "x", "datum_bij_benadering": "soms"})
    assert "datum_bij_benadering" in fout.fouten


# -- the data migration -----------------------------------------------------------------------------------------

VOOR = [("certification", "0005_audit_een_per_soort_en_startdatum"), ("supervision", "0003_tekstlimieten")]
NA = [("certification", "0006_q_datumkwaliteit"), ("supervision", "0004_q_datumkwaliteit")]


@pytest.mark.django_db(transaction=True)
def test_de_migratie_maakt_van_bij_benadering_maand_en_van_de_rest_exact(beheerder):
    gi = maak.instelling(beheerder, "MIG")
    executor = MigrationExecutor(connection)
    executor.migrate(VOOR)
    try:
        oude = executor.loader.project_state(VOOR).apps
        Besluit = oude.get_model("certification", "Certificaatbesluit")
        Historisch = oude.get_model("certification", "HistoricalCertificaatbesluit")
        benaderd = Besluit.objects.create(instelling_id=gi.pk, status="volledig", besluitdatum=D(2024, 1, 1),
                                          ingangsdatum=D(2024, 1, 1), geldig_tot=D(2026, 12, 31), bron="b",
                                          datum_bij_benadering=True)
        exact = Besluit.objects.create(instelling_id=gi.pk, status="volledig", besluitdatum=D(2025, 9, 16),
                                       ingangsdatum=D(2025, 9, 16), geldig_tot=D(2028, 9, 15), bron="b",
                                       datum_bij_benadering=False)
        from django.utils import timezone

        Historisch.objects.create(id=benaderd.pk, instelling_id=gi.pk, status="volledig", besluitdatum=D(2024, 1, 1),
                                  ingangsdatum=D(2024, 1, 1), geldig_tot=D(2026, 12, 31), bron="b",
                                  datum_bij_benadering=True, history_date=timezone.now(), history_type="+",
                                  aangemaakt_op=timezone.now(), gewijzigd_op=timezone.now())
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(NA)
        # back to the latest state of every app for the tests that follow
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    kwaliteit = dict(Certificaatbesluit.objects.values_list("pk", "datumkwaliteit"))
    assert (kwaliteit[benaderd.pk], kwaliteit[exact.pk]) == ("maand", "exact")
    assert Certificaatbesluit.history.get(id=benaderd.pk).datumkwaliteit == "maand"
    assert not Certificaatbesluit.objects.filter(geldig_tot_onbekend=True).exists()
