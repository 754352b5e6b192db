"""A message that names a date uses the form its reader writes dates in: dd-mm-jjjj in the admin (what people type),
JJJJ-MM-DD in the API and the import (what those clients send). A value in the import's own form that is no day of
the calendar is called that, not "written wrong". Moments in the account history are in Amsterdam time."""

import datetime as dt
import html as html_lib
import re

import pytest
from django.test import Client

from gebruikers import services as gebruikersdiensten
from gebruikers.models import Accountwijziging
from historisch import importeren as imp
from register import klok
from register.teksten import datum_cijfers
from tests import maak
from tests.conftest import _gebruiker
from tests.test_api_basis import client_voor
from tests.test_import import SOORTEN, als_csv

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CIJFERS = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")
pytestmark = pytest.mark.django_db


def _onderzoek(gi, rapportdatum: str) -> dict:
    return {
        "instelling": gi.pk, "titel": "Toezicht", "soort": "", "rapportdatum": rapportdatum, "bezoek_van": "",
        "bezoek_tot": "", "bron": "test", "wijzigingsreden": "",
        "oordelen-TOTAL_FORMS": "0", "oordelen-INITIAL_FORMS": "0", "oordelen-MIN_NUM_FORMS": "0",
        "oordelen-MAX_NUM_FORMS": "1000",
    }


def test_de_admin_noemt_datums_zoals_ze_getypt_worden(inspecteur, beheerder):
    gi = maak.instelling(beheerder, "JBN")
    client = Client()
    client.force_login(inspecteur)
    morgen = klok.vandaag() + dt.timedelta(days=40)  # beyond the 30 days of the embargo
    response = client.post("/admin/supervision/inspectieonderzoek/add/", _onderzoek(gi, datum_cijfers(morgen)))
    assert response.status_code == 200
    html = html_lib.unescape(response.content.decode())
    melding = re.search(r"'Rapportdatum' \([^<]*", html).group(0)
    assert melding.startswith(f"'Rapportdatum' ({datum_cijfers(morgen)}) ligt meer dan 30 dagen na vandaag")
    laatste = klok.vandaag() + dt.timedelta(days=30)
    assert f"Kies een datum van 01-01-2000 tot en met {datum_cijfers(laatste)}." in melding
    assert not ISO.search(melding), melding


def test_de_api_noemt_datums_in_de_vorm_die_de_client_stuurt(inspecteur, beheerder):
    maak.instelling(beheerder, "JBN")
    morgen = klok.vandaag() + dt.timedelta(days=40)  # beyond the 30 days of the embargo
    response = client_voor(inspecteur).post(
        "/api/v1/inspectieonderzoeken",
        {"instellingen": [{"instelling": "JBN"}], "titel": "Toezicht", "soort": "regulier", "door": "IGJ", "rapportdatum": morgen.isoformat(),
         "bron": "test"},
        format="json",
    )
    assert response.status_code == 400
    reden = next(p["reason"] for p in response.json()["invalidParams"] if p["name"] == "rapportdatum")
    assert f"({morgen.isoformat()}) ligt meer dan 30 dagen na vandaag" in reden
    assert f"van 2000-01-01 tot en met {(klok.vandaag() + dt.timedelta(days=30)).isoformat()}" in reden
    assert not CIJFERS.search(reden)


def test_de_import_noemt_datums_in_de_vorm_van_het_bestand(kmi_gebruiker, beheerder):
    maak.instelling(beheerder, "JBN")
    morgen = (klok.vandaag() + dt.timedelta(days=2)).isoformat()
    rij = {**SOORTEN["audits"]["rijen"][0], "startdatum": morgen, "einddatum": morgen}
    verslag = imp.importeren(actor=kmi_gebruiker, soort="audits", bestandsnaam="a.csv", inhoud=als_csv([rij]), opslaan=False)
    melding = verslag.rijen[0].fouten[0][1]
    assert f"({morgen}) ligt na vandaag" in melding and not CIJFERS.search(melding)


@pytest.mark.parametrize("waarde, melding", [
    ("2019-02-30", "'2019-02-30' bestaat niet: februari 2019 heeft 28 dagen. Controleer de dag en de maand."),
    ("2024-04-31", "'2024-04-31' bestaat niet: april 2024 heeft 30 dagen."),
    ("2024-13-01", "'2024-13-01' bestaat niet: er is geen maand 13."),
    ("01-03-2022", "'01-03-2022' is geen datum. Schrijf de datum als JJJJ-MM-DD"),
])
def test_de_import_noemt_een_dag_die_niet_bestaat_zo(kmi_gebruiker, beheerder, waarde, melding):
    maak.instelling(beheerder, "JBN")
    rij = {**SOORTEN["audits"]["rijen"][0], "startdatum": waarde, "einddatum": "2019-03-01"}
    verslag = imp.importeren(actor=kmi_gebruiker, soort="audits", bestandsnaam="a.csv", inhoud=als_csv([rij]), opslaan=False)
    kolom, tekst = verslag.rijen[0].fouten[0]
    assert kolom == "startdatum"
    assert melding in tekst
    if waarde.startswith("20"):
        assert "Schrijf de datum als" not in tekst


def test_de_accounthistorie_toont_amsterdamse_tijd(beheerder):
    # 06:19 UTC on 7 December is 07:19 in Amsterdam; the line is stored at that moment, as the database keeps it (UTC)
    moment = dt.datetime(2026, 12, 7, 6, 19, tzinfo=dt.UTC)
    kmi_systeem = _gebruiker("kmi-systeem", "kmi")
    gebruikersdiensten.token_uitgeven(actor=beheerder, gebruikersnaam=kmi_systeem.username, reden="koppeling")
    Accountwijziging.objects.filter(gebruiker=kmi_systeem).update(op=moment, nieuw={"token_van": moment.isoformat()})
    regel = Accountwijziging.objects.filter(gebruiker=kmi_systeem).latest("op")
    assert "07:19" in str(regel) and "06:19" not in str(regel)
    assert "07-12-2026 07:19" in regel.wijziging() and "06:19" not in regel.wijziging()
    client = Client()
    client.force_login(beheerder)
    html = client.get(f"/admin/auth/user/{kmi_systeem.pk}/change/").content.decode()
    assert "07-12-2026 07:19" in html and "06:19" not in html
