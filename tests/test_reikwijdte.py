"""Reikwijdte of a certificaatbesluit (DESIGN.md §3): the tasks a certificate covers, and the certificate status per
task on a date by the same rule as the overall status; an unknown reikwijdte makes a task's status 'onbekend' with
its reason, never a guess."""

import datetime as dt

import pytest
from django.test import Client

from certification.models import Certificaatbesluit
from register import rules
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date


def _feit(id, status, ingang, tot, reikwijdte):
    return rules.CertificaatFeit(id, status, ingang, tot, reikwijdte=reikwijdte)


@pytest.mark.parametrize("reikwijdte, jb, jr", [
    ("beide", "volledig", "volledig"),
    ("jeugdbescherming", "volledig", "geen"),
    ("jeugdreclassering", "geen", "volledig"),
    ("onbekend", "onbekend", "onbekend"),
])
def test_status_per_taak_op_de_ingangsdatum_en_de_dag_ervoor(reikwijdte, jb, jr):
    besluiten = [_feit(1, "volledig", D(2025, 9, 16), D(2028, 9, 15), reikwijdte)]
    op = rules.certificaatstatus_per_taak(besluiten, D(2025, 9, 16))
    assert (op["jeugdbescherming"].status, op["jeugdreclassering"].status) == (jb, jr)
    ervoor = rules.certificaatstatus_per_taak(besluiten, D(2025, 9, 15))
    assert {s.status for s in ervoor.values()} == {"geen"}
    if reikwijdte == "onbekend":
        assert all(s.reden for s in op.values())
    else:
        assert not any(s.reden for s in op.values())


def test_status_per_taak_op_de_laatste_dag_en_de_dag_na_geldig_tot():
    besluiten = [_feit(1, "volledig", D(2024, 2, 29), D(2027, 2, 28), "jeugdbescherming")]  # a leap day
    laatste = rules.certificaatstatus_per_taak(besluiten, D(2027, 2, 28))
    erna = rules.certificaatstatus_per_taak(besluiten, D(2027, 3, 1))
    assert laatste["jeugdbescherming"].status == "volledig" and laatste["jeugdreclassering"].status == "geen"
    assert erna["jeugdbescherming"].status == "verlopen" and erna["jeugdreclassering"].status == "geen"


def test_een_latere_beperking_van_de_reikwijdte_geldt_vanaf_haar_ingangsdatum():
    besluiten = [
        _feit(1, "volledig", D(2024, 1, 1), D(2026, 12, 31), "beide"),
        _feit(2, "volledig", D(2025, 6, 1), D(2028, 5, 31), "jeugdbescherming"),
    ]
    voor = rules.certificaatstatus_per_taak(besluiten, D(2025, 5, 31))
    na = rules.certificaatstatus_per_taak(besluiten, D(2025, 6, 1))
    assert voor["jeugdreclassering"].status == "volledig"
    assert na["jeugdreclassering"].status == "geen" and na["jeugdbescherming"].besluit_id == 2


def test_voor_gegevens_vanaf_is_elke_taak_onbekend_met_reden():
    besluiten = [_feit(1, "volledig", D(2024, 1, 1), D(2026, 12, 31), "beide")]
    status = rules.certificaatstatus_per_taak(besluiten, D(2024, 6, 1), gegevens_vanaf=D(2024, 7, 1))
    assert {s.status for s in status.values()} == {"onbekend"} and all(s.reden for s in status.values())
    # the overall status stays the same rule as before
    assert rules.certificaatstatus(besluiten, D(2024, 6, 1), D(2024, 7, 1)).status == "onbekend"


@pytest.mark.django_db
def test_de_statusresource_geeft_de_status_per_reikwijdte_en_houdt_de_gehele_status(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "JBN")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), reikwijdte="jeugdbescherming")
    client = client_voor(None)
    data = client.get("/api/v1/instellingen/JBN/status?datum=2025-09-16").json()
    assert data["certificaat"]["status"] == "volledig" and data["certificaat"]["reikwijdte"] == "jeugdbescherming"
    per = data["statusPerReikwijdte"]
    assert per["jeugdbescherming"]["status"] == "volledig" and per["jeugdreclassering"]["status"] == "geen"
    ervoor = client.get("/api/v1/instellingen/JBN/status?datum=2025-09-15").json()
    assert ervoor["certificaat"]["status"] == "geen" and ervoor["statusPerReikwijdte"]["jeugdbescherming"]["status"] == "geen"
    erna = client.get("/api/v1/instellingen/JBN/status?datum=2028-09-16").json()
    assert erna["statusPerReikwijdte"]["jeugdbescherming"]["status"] == "verlopen"


@pytest.mark.django_db
def test_een_bestaand_besluit_zonder_reikwijdte_geeft_onbekend_met_reden(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "JBN")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 1, 1))  # a loader that does not know it
    per = client_voor(None).get("/api/v1/instellingen/JBN/status?datum=2025-01-01").json()["statusPerReikwijdte"]
    assert per["jeugdreclassering"]["status"] == "onbekend"
    assert "reikwijdte" in per["jeugdreclassering"]["reden"]


BESLUIT = {"instelling": "JBN", "status": "volledig", "besluitdatum": "2025-01-01", "ingangsdatum": "2025-01-01",
           "bron": "KMI-besluit"}


@pytest.mark.django_db
def test_de_api_vraagt_de_reikwijdte_bij_een_nieuw_besluit_en_bewaart_dan_niets(beheerder, kmi_gebruiker):
    maak.instelling(beheerder, "JBN")
    client = client_voor(kmi_gebruiker)
    zonder = client.post("/api/v1/certificaatbesluiten", BESLUIT, format="json")
    assert zonder.status_code == 400
    assert "reikwijdte" in {p["name"] for p in zonder.json()["invalidParams"]}
    assert not Certificaatbesluit.objects.exists()
    met = client.post("/api/v1/certificaatbesluiten", {**BESLUIT, "reikwijdte": "beide"}, format="json")
    assert met.status_code == 201 and met.json()["reikwijdte"] == "beide"
    # a correction need not repeat it
    gecorrigeerd = client.patch(f"/api/v1/certificaatbesluiten/{met.json()['id']}", {"kenmerk": "K-1", "reden": "kenmerk"},
                                format="json")
    assert gecorrigeerd.status_code == 200 and gecorrigeerd.json()["reikwijdte"] == "beide"


@pytest.mark.django_db
def test_de_admin_kiest_de_reikwijdte_niet_voor(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "JBN")
    client = Client()
    client.force_login(kmi_gebruiker)
    pagina = client.get(f"/admin/certification/certificaatbesluit/add/?instelling={gi.pk}").content.decode()
    assert "— kies de reikwijdte —" in pagina
    antwoord = client.post(f"/admin/certification/certificaatbesluit/add/?instelling={gi.pk}", {
        "instelling": gi.pk, "status": "volledig", "besluitdatum": "01-01-2025", "ingangsdatum": "01-01-2025",
        "bron": "KMI-besluit", "datumkwaliteit": "exact",
    })
    assert "Kies de reikwijdte" in antwoord.content.decode()
    assert not Certificaatbesluit.objects.exists()


@pytest.mark.django_db
def test_de_reikwijdte_staat_bij_de_status_op_de_gi_pagina_in_open_data_en_in_het_kameroverzicht(beheerder, kmi_gebruiker):
    import csv
    import io

    from register import klok
    from reports.overzicht import kameroverzicht
    from reports.renderers import render_csv, render_html

    gi = maak.instelling(beheerder, "JBN")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 1, 1), reikwijdte="jeugdreclassering")
    pagina = Client().get("/instellingen/JBN?datum=2025-06-01").content.decode()
    assert "reikwijdte: jeugdreclassering" in pagina
    assert "Certificaat voor jeugdbescherming</dt>\n  <dd>geen certificaat" in pagina
    stand = list(csv.DictReader(io.StringIO(Client().get("/open-data/stand.csv?datum=2025-06-01").content.decode("utf-8-sig")),
                                delimiter=";"))[0]
    assert (stand["certificaat_reikwijdte"], stand["jeugdbescherming_status"], stand["jeugdreclassering_status"]) == (
        "jeugdreclassering", "geen", "volledig")
    data = kameroverzicht(2025, klok.vandaag())
    [jbn] = data["instellingen"]
    assert jbn["certificaat_31_dec_reikwijdte"] == "jeugdreclassering"
    assert jbn["certificaat_31_dec_per_taak"]["jeugdbescherming"] == {"status": "geen", "reden": ""}
    assert "reikwijdte: jeugdreclassering" in render_html(data)
    rij = next(csv.DictReader(io.StringIO(render_csv(data).decode("utf-8-sig")), delimiter=";"))
    assert rij["certificaat_31_dec_per_taak"] == "jeugdbescherming: geen certificaat; jeugdreclassering: volledig"
