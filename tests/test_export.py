"""Export of the admin lists (README, "Historische gegevens importeren"): the columns of the import, so an export read
back in changes nothing; confidential columns only for the roles that may read them (register/vertrouwelijkheid.py),
in CSV and XLSX alike; the list's filters apply, and a filter on a field the user may not read is refused as in the
list; no cell ever runs as a formula in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from certification.services import audit_registreren
from historisch import bestanden
from historisch import importeren as imp
from historisch.soorten import tekst
from register.csvcel import FORMULE_BEGIN
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db
GEHEIM = "GEHEIM-EXPORT-5K"


def client_voor(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def csv_rijen(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rijen(response) -> list[dict]:
    blad = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rijen = [list(r) for r in blad.iter_rows(values_only=True)]
    return [dict(zip(rijen[0], (c if c is not None else "" for c in r))) for r in rijen[1:]]


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    jbn = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    wss = maak.instelling(beheerder, "WSS", naam="William Schrikker Stichting", soort="landelijk")
    audit = maak.audit(kmi_gebruiker, jbn, D(2023, 3, 1), D(2023, 3, 3), samenvatting=f"{GEHEIM}-S", rapportkenmerk=f"{GEHEIM}-RK")
    maak.audit(kmi_gebruiker, wss, D(2023, 4, 1))
    maak.certificaat(
        kmi_gebruiker, jbn, "volledig", D(2023, 6, 1), audits=[audit], motivering_vertrouwelijk=f"{GEHEIM}-M",
        motivering_openbaar="=HYPERLINK(\"http://kwaad.example\")",
    )
    maak.toezicht(inspecteur, jbn, "geintensiveerd", D(2023, 2, 1), D(2023, 12, 31), aanleiding="-2 punten")
    maak.onderzoek(inspecteur, jbn, D(2023, 10, 10), {"goed_bestuur": "onvoldoende", "passende_hulp": "voldoende"})
    return jbn


LEZERS = ("kmi_gebruiker", "inspecteur", "rva_gebruiker", "beheerder")


@pytest.mark.parametrize("formaat, lees", [("csv", csv_rijen), ("xlsx", xlsx_rijen)])
def test_het_ministerie_krijgt_geen_vertrouwelijke_kolommen(ministerie_gebruiker, register, formaat, lees):
    client = client_voor(ministerie_gebruiker)
    for soort, geheim in (("audits", {"samenvatting", "rapportkenmerk"}), ("certificaatbesluiten", {"motivering_vertrouwelijk"})):
        response = client.get(f"/admin/historisch/{soort}/exporteren.{formaat}")
        assert response.status_code == 200
        assert GEHEIM.encode() not in response.content
        rijen = lees(response)
        assert rijen and not geheim & set(rijen[0])
        assert "bron" in rijen[0] and "instelling" in rijen[0]


@pytest.mark.parametrize("lezer", LEZERS)
def test_wie_de_vertrouwelijke_velden_mag_lezen_krijgt_ze_ook_in_de_export(request, register, lezer):
    client = client_voor(request.getfixturevalue(lezer))
    audits = csv_rijen(client.get("/admin/historisch/audits/exporteren.csv"))
    jbn = next(r for r in audits if r["instelling"] == "JBN")
    assert (jbn["samenvatting"], jbn["rapportkenmerk"]) == (f"{GEHEIM}-S", f"{GEHEIM}-RK")
    besluiten = xlsx_rijen(client.get("/admin/historisch/certificaatbesluiten/exporteren.xlsx"))
    assert besluiten[0]["motivering_vertrouwelijk"] == f"{GEHEIM}-M"
    assert besluiten[0]["audits"] == "periodiek 2023-03-01"


def test_een_export_opnieuw_ingelezen_verandert_niets(kmi_gebruiker, inspecteur, beheerder, register):
    for gebruiker, soort in (
        (beheerder, "instellingen"), (kmi_gebruiker, "audits"), (kmi_gebruiker, "certificaatbesluiten"),
        (inspecteur, "toezichtbesluiten"), (inspecteur, "inspectieonderzoeken"), (beheerder, "monitormetingen"),
        (inspecteur, "handhavingsmaatregelen"),
    ):
        for formaat in bestanden.FORMATEN:
            response = client_voor(gebruiker).get(f"/admin/historisch/{soort}/exporteren.{formaat}")
            verslag = imp.importeren(
                actor=gebruiker, soort=soort, bestandsnaam=f"export.{formaat}", inhoud=response.content, opslaan=True
            )
            assert not verslag.geweigerd, (soort, verslag.bestandsfout, [r.fouten for r in verslag.rijen])
            assert {r.status for r in verslag.rijen} <= {imp.ONGEWIJZIGD}, (soort, formaat)


@pytest.mark.parametrize("formaat, lees", [("csv", csv_rijen), ("xlsx", xlsx_rijen)])
def test_geen_cel_wordt_een_formule(kmi_gebruiker, inspecteur, register, formaat, lees):
    besluit = lees(client_voor(kmi_gebruiker).get(f"/admin/historisch/certificaatbesluiten/exporteren.{formaat}"))[0]
    assert besluit["motivering_openbaar"] == "'=HYPERLINK(\"http://kwaad.example\")"
    toezicht = lees(client_voor(inspecteur).get(f"/admin/historisch/toezichtbesluiten/exporteren.{formaat}"))[0]
    assert toezicht["aanleiding"] == "'-2 punten"
    if formaat == "xlsx":
        response = client_voor(kmi_gebruiker).get("/admin/historisch/certificaatbesluiten/exporteren.xlsx")
        blad = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert all(cel.data_type != "f" for rij in blad.iter_rows() for cel in rij)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(waarde=st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "a", "1", " ", "'", ";", '"', "é"]), max_size=12))
def test_elke_tekst_gaat_veilig_naar_csv_en_xlsx_en_komt_ongeschonden_terug(waarde):
    for formaat in bestanden.FORMATEN:
        inhoud = bestanden.schrijf(formaat, ["bron", "x"], [{"bron": waarde, "x": "1"}])
        _, rijen = bestanden.lees(f"t.{formaat}", inhoud)
        cel = rijen[0][1]["bron"] if rijen else ""
        assert not str(cel or "").startswith(FORMULE_BEGIN)
        assert tekst(cel) == tekst(waarde)


def test_de_filters_van_de_lijst_gelden_ook_voor_de_export(ministerie_gebruiker, register):
    client = client_voor(ministerie_gebruiker)
    alle = csv_rijen(client.get("/admin/historisch/audits/exporteren.csv"))
    assert {r["instelling"] for r in alle} == {"JBN", "WSS"}
    gefilterd = csv_rijen(client.get(f"/admin/historisch/audits/exporteren.csv?instelling__id__exact={register.pk}"))
    assert {r["instelling"] for r in gefilterd} == {"JBN"}


@pytest.mark.parametrize("filter_", [f"rapportkenmerk={GEHEIM}-RK", f"rapportkenmerk__startswith={GEHEIM}", "o=9", "kleur=rood"])
def test_een_filter_dat_de_lijst_niet_aanbiedt_wordt_geweigerd(ministerie_gebruiker, register, filter_):
    response = client_voor(ministerie_gebruiker).get(f"/admin/historisch/audits/exporteren.csv?{filter_}")
    assert response.status_code in (200, 400)
    assert GEHEIM.encode() not in response.content
    if filter_.startswith("rapportkenmerk") or filter_.startswith("kleur"):
        assert response.status_code == 400


def test_een_export_van_een_leeg_register_is_alleen_de_kopregel(ministerie_gebruiker):
    response = client_voor(ministerie_gebruiker).get("/admin/historisch/toezichtbesluiten/exporteren.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").strip().split(";")[0] == "instelling"
    assert csv_rijen(response) == []


def test_vervallen_registraties_staan_in_de_export_met_vervallen_ja(kmi_gebruiker, register):
    from certification.models import Audit
    from certification.services import audit_laten_vervallen

    audit_laten_vervallen(actor=kmi_gebruiker, audit=Audit.objects.get(instelling__afkorting="WSS"), reden="dubbel")
    rijen = csv_rijen(client_voor(kmi_gebruiker).get("/admin/historisch/audits/exporteren.csv"))
    assert {(r["instelling"], r["vervallen"]) for r in rijen} == {("JBN", "nee"), ("WSS", "ja")}
    assert audit_registreren  # the same service the import uses


def test_een_onbekend_formaat_is_een_404(kmi_gebruiker):
    assert client_voor(kmi_gebruiker).get("/admin/historisch/audits/exporteren.pdf").status_code == 404
    assert client_voor(kmi_gebruiker).get("/admin/historisch/audits/sjabloon.pdf").status_code == 404


@pytest.mark.parametrize("soort", ["certificaatbesluiten", "inspectieonderzoeken", "instellingen", "audits"])
def test_de_export_doet_evenveel_queries_bij_een_of_veel_registraties(kmi_gebruiker, inspecteur, beheerder, register, soort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_voor(kmi_gebruiker)

    def aantal():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/admin/historisch/{soort}/exporteren.csv").status_code == 200
        return len(queries)

    een = aantal()
    for jaar in (2020, 2021, 2022):
        gi = maak.instelling(beheerder, f"GI{jaar}", opvolger=register)
        audit = maak.audit(kmi_gebruiker, gi, D(jaar, 3, 1))
        maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(jaar, 6, 1), D(jaar + 1, 5, 31), audits=[audit])
        maak.onderzoek(inspecteur, gi, D(jaar, 10, 10), {"goed_bestuur": "voldoende"})
    assert aantal() == een
