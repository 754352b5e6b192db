"""Bezwaar/beroep beside a certificaatbesluit and the KMI's aanvragen (DESIGN.md §3): their date rules, who writes
them (only the KMI), and the KMI's public list of certified GI's and applicants, produced from the register alone."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from certification import services as kmi
from certification.models import Aanvraag, Bezwaar
from register import klok
from tests import maak
from tests.test_api_basis import client_voor

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


@pytest.fixture
def besluit(kmi_gebruiker, jbn):
    return maak.certificaat(kmi_gebruiker, jbn, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), reikwijdte="beide")


def _bezwaar(actor, besluit, **velden):
    velden = {"soort": "bezwaar", "ingediend_op": D(2025, 1, 10), "uitkomst": "lopend", "bron": "test", **velden}
    return kmi.bezwaar_registreren(actor=actor, certificaatbesluit=besluit, **velden)


# -- bezwaar ---------------------------------------------------------------------------------------------------------

def test_een_besluit_kan_bezwaar_en_daarna_beroep_hebben_met_historie(kmi_gebruiker, besluit):
    bezwaar = _bezwaar(kmi_gebruiker, besluit)
    kmi.bezwaar_corrigeren(actor=kmi_gebruiker, bezwaar=bezwaar, reden="beslissing op bezwaar",
                           uitkomst="ongegrond", datum_uitkomst=D(2025, 4, 1))
    _bezwaar(kmi_gebruiker, besluit, soort="beroep", ingediend_op=D(2025, 5, 1))
    assert [b.soort for b in besluit.bezwaren.order_by("ingediend_op")] == ["bezwaar", "beroep"]
    assert [h.uitkomst for h in bezwaar.history.order_by("history_date")] == ["lopend", "ongegrond"]


@pytest.mark.parametrize("velden, veld", [
    ({"uitkomst": "gegrond", "ingediend_op": D(2025, 3, 2), "datum_uitkomst": D(2025, 3, 1)}, "datum_uitkomst"),
    ({"uitkomst": "lopend", "datum_uitkomst": D(2025, 3, 1)}, "datum_uitkomst"),
    ({"ingediend_op": D(2024, 12, 15)}, "ingediend_op"),  # the day before the besluitdatum
])
def test_onmogelijke_bezwaardata_worden_geweigerd_en_niets_bewaard(kmi_gebruiker, besluit, velden, veld):
    with pytest.raises(ValidationError) as exc:
        _bezwaar(kmi_gebruiker, besluit, **velden)
    assert veld in exc.value.message_dict
    assert not Bezwaar.objects.exists()


def test_bezwaardata_op_de_grens_worden_aanvaard(kmi_gebruiker, besluit):
    vandaag = klok.vandaag()
    # ingediend on the besluitdatum itself, uitkomst the same day; and an uitkomst today
    _bezwaar(kmi_gebruiker, besluit, ingediend_op=D(2024, 12, 16), uitkomst="niet_ontvankelijk", datum_uitkomst=D(2024, 12, 16))
    _bezwaar(kmi_gebruiker, besluit, soort="beroep", ingediend_op=D(2025, 1, 1), uitkomst="gegrond", datum_uitkomst=vandaag)
    with pytest.raises(ValidationError) as exc:
        _bezwaar(kmi_gebruiker, besluit, soort="hoger_beroep", ingediend_op=vandaag + dt.timedelta(days=1))
    assert "ligt na vandaag" in " ".join(exc.value.message_dict["ingediend_op"])
    assert Bezwaar.objects.count() == 2


def test_alleen_het_kmi_schrijft_bezwaren_en_aanvragen(inspecteur, beheerder, ministerie_gebruiker, rva_gebruiker,
                                                      besluit, jbn):
    for actor in (inspecteur, beheerder, ministerie_gebruiker, rva_gebruiker):
        with pytest.raises(PermissionDenied):
            _bezwaar(actor, besluit)
        with pytest.raises(PermissionDenied):
            kmi.aanvraag_registreren(actor=actor, instelling=jbn, soort="initieel", ingediend_op=D(2025, 1, 1), bron="t")
    assert not Bezwaar.objects.exists() and not Aanvraag.objects.exists()


def test_de_api_weigert_andere_rollen_en_toont_bezwaren_openbaar(kmi_gebruiker, inspecteur, besluit):
    body = {"certificaatbesluit": besluit.pk, "soort": "beroep", "ingediendOp": "2025-02-01", "uitkomst": "lopend",
            "bron": "Rechtbank (test)"}
    assert client_voor(inspecteur).post("/api/v1/bezwaren", body, format="json").status_code == 403
    antwoord = client_voor(kmi_gebruiker).post("/api/v1/bezwaren", body, format="json")
    assert antwoord.status_code == 201, antwoord.content
    lijst = client_voor(None).get("/api/v1/bezwaren?instelling=JBN").json()["results"]
    assert [(b["soort"], b["instelling"], b["uitkomst"]) for b in lijst] == [("beroep", "JBN", "lopend")]
    fout = client_voor(kmi_gebruiker).post("/api/v1/bezwaren", {**body, "uitkomst": "gegrond", "datumUitkomst": "2025-01-31"},
                                           format="json")
    assert fout.status_code == 400 and "datumUitkomst" in {p["name"] for p in fout.json()["invalidParams"]}
    assert Bezwaar.objects.count() == 1


def test_het_bezwaar_staat_naast_het_besluit_op_de_gi_pagina_en_in_open_data(kmi_gebruiker, besluit):
    _bezwaar(kmi_gebruiker, besluit, uitkomst="ongegrond", datum_uitkomst=D(2025, 3, 1), bron="Beslissing op bezwaar KMI")
    html = Client().get("/instellingen/JBN").content.decode()
    assert "Bezwaar:</strong> ingediend op 10-01-2025, uitkomst: ongegrond (01-03-2025)" in html
    rijen = list(csv.DictReader(io.StringIO(Client().get("/open-data/registraties.csv").content.decode("utf-8-sig")),
                                delimiter=";"))
    bezwaar = next(r for r in rijen if r["soort"] == "bezwaar")
    assert (bezwaar["instelling"], bezwaar["uitkomst"], bezwaar["datum_uitkomst"]) == ("JBN", "ongegrond", "2025-03-01")
    assert bezwaar["certificaatbesluit_id"] == str(besluit.pk)


# -- aanvraag --------------------------------------------------------------------------------------------------------

def test_een_aanvraag_afgehandeld_voor_indiening_wordt_geweigerd_en_niets_bewaard(kmi_gebruiker, jbn):
    with pytest.raises(ValidationError) as exc:
        kmi.aanvraag_registreren(actor=kmi_gebruiker, instelling=jbn, soort="hercertificering", ingediend_op=D(2025, 6, 2),
                                 afgehandeld_op=D(2025, 6, 1), ingetrokken=True, bron="t")
    assert "afgehandeld_op" in exc.value.message_dict
    assert not Aanvraag.objects.exists()
    # the same day is allowed
    kmi.aanvraag_registreren(actor=kmi_gebruiker, instelling=jbn, soort="hercertificering", ingediend_op=D(2025, 6, 2),
                             afgehandeld_op=D(2025, 6, 2), ingetrokken=True, bron="t")


@pytest.mark.parametrize("velden, veld", [
    ({"instelling": None, "organisatie": ""}, "instelling"),
    ({"organisatie": "Stichting Nieuw"}, "organisatie"),
    ({"afgehandeld_op": D(2025, 7, 1)}, "afgehandeld_op"),  # handled without an uitkomst
    ({"ingetrokken": True}, "afgehandeld_op"),  # an uitkomst without the day
])
def test_een_onvolledige_aanvraag_wordt_geweigerd(kmi_gebruiker, jbn, velden, veld):
    velden = {"instelling": jbn, "soort": "initieel", "ingediend_op": D(2025, 6, 2), "bron": "t", **velden}
    with pytest.raises(ValidationError) as exc:
        kmi.aanvraag_registreren(actor=kmi_gebruiker, **velden)
    assert veld in exc.value.message_dict
    assert not Aanvraag.objects.exists()


def test_het_besluit_op_een_aanvraag_hoort_bij_de_aanvrager(kmi_gebruiker, beheerder, besluit):
    ander = maak.instelling(beheerder, "JBG")
    with pytest.raises(ValidationError) as exc:
        kmi.aanvraag_registreren(actor=kmi_gebruiker, instelling=ander, soort="hercertificering", ingediend_op=D(2024, 10, 1),
                                 afgehandeld_op=D(2024, 12, 16), certificaatbesluit=besluit, bron="t")
    assert "certificaatbesluit" in exc.value.message_dict


def test_de_api_aanvragen_staat_in_openapi_en_filtert_op_in_behandeling(kmi_gebruiker, jbn):
    client = client_voor(kmi_gebruiker)
    nieuw = client.post("/api/v1/aanvragen", {"organisatie": "Stichting Nieuwe Jeugdbescherming", "soort": "initieel",
                                              "ingediendOp": "2025-05-01", "bron": "KMI-lijst"}, format="json")
    assert nieuw.status_code == 201, nieuw.content
    assert nieuw.json()["aanvrager"] == "Stichting Nieuwe Jeugdbescherming" and nieuw.json()["inBehandeling"] is True
    client.post("/api/v1/aanvragen", {"instelling": "JBN", "soort": "hercertificering", "ingediendOp": "2025-05-01",
                                      "afgehandeldOp": "2025-06-01", "ingetrokken": True, "bron": "KMI"}, format="json")
    open_ = client_voor(None).get("/api/v1/aanvragen?inBehandeling=true").json()["results"]
    assert [a["aanvrager"] for a in open_] == ["Stichting Nieuwe Jeugdbescherming"]
    schema = client_voor(None).get("/api/v1/openapi.json").json()
    assert "/aanvragen" in schema["paths"] and "/bezwaren" in schema["paths"]


# -- the KMI's public list -------------------------------------------------------------------------------------------

def _csv(client, datum):
    antwoord = client.get(f"/gecertificeerde-instellingen.csv?datum={datum}")
    assert antwoord.status_code == 200
    return list(csv.DictReader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))


def test_de_openbare_lijst_van_gecertificeerde_instellingen_en_aanvragers(kmi_gebruiker, beheerder, jbn):
    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 9, 16), reikwijdte="jeugdbescherming", datumkwaliteit="maand")
    onbekend = maak.instelling(beheerder, "JBW", naam="Jeugdbescherming west", certificering_vanaf=D(2025, 1, 1))
    kmi.aanvraag_registreren(actor=kmi_gebruiker, organisatie="Stichting Nieuw", soort="initieel",
                             ingediend_op=D(2025, 9, 1), bron="KMI-lijst")
    kmi.aanvraag_registreren(actor=kmi_gebruiker, instelling=jbn, soort="uitbreiding_reikwijdte", ingediend_op=D(2025, 9, 20),
                             afgehandeld_op=D(2025, 10, 1), ingetrokken=True, bron="KMI-lijst")
    client = Client()

    html = client.get("/gecertificeerde-instellingen?datum=2025-09-20").content.decode()
    assert "Jeugdbescherming Noord (JBN)" in html and "september 2025" in html and "15-09-2028" in html
    assert "Stichting Nieuw" in html and "uitbreiding reikwijdte" in html  # both pending on 20 September

    rijen = _csv(client, "2025-09-20")
    gi = next(r for r in rijen if r["lijst"] == "gecertificeerd")
    assert (gi["afkorting"], gi["reikwijdte"], gi["jeugdbescherming_status"], gi["jeugdreclassering_status"]) == (
        "JBN", "jeugdbescherming", "volledig certificaat", "geen certificaat")
    assert (gi["sinds"], gi["geldig_tot"], gi["datumkwaliteit"]) == ("september 2025", "15-09-2028", "maand")
    assert {r["naam"] for r in rijen if r["lijst"] == "aanvraag"} == {"Stichting Nieuw", "Jeugdbescherming Noord"}
    assert [r["afkorting"] for r in rijen if r["lijst"] == "onbekend"] == [onbekend.afkorting] or onbekend.certificering_vanaf

    # the day before the ingangsdatum JBN is not on the list; on 1 October the withdrawn application is not pending
    assert not [r for r in _csv(client, "2025-09-15") if r["lijst"] == "gecertificeerd"]
    assert {r["naam"] for r in _csv(client, "2025-10-01") if r["lijst"] == "aanvraag"} == {"Stichting Nieuw"}


def test_de_lijst_van_een_leeg_register_zegt_dat_er_niets_is():
    html = Client().get("/gecertificeerde-instellingen").content.decode()
    assert "geen instelling met een certificaat" in html and "geen aanvraag in behandeling" in html
    assert Client().get("/gecertificeerde-instellingen?datum=2025-02-30").status_code == 400
    assert Client().get("/gecertificeerde-instellingen.csv?datum=gisteren").status_code == 400


def test_de_lijst_staat_in_het_menu():
    html = Client().get("/").content.decode()
    assert 'href="/gecertificeerde-instellingen"' in html
