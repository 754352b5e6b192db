"""The CSV export is safe to open in a spreadsheet (DESIGN.md §7, OWASP "CSV injection"): a text cell
starting with =, +, -, @, tab or carriage return gets a leading apostrophe, so it is shown as text and
never run as a formula. Numbers the overview computes itself stay numbers (a number is no formula)."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from register.klok import vandaag
from reports.overzicht import kameroverzicht
from reports.renderers import CSV_KOLOMMEN, render_csv
from reports.services import kameroverzicht_genereren
from tests import maak

D = dt.date
GEVAARLIJK = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "+1", "-2+3", "\tcmd", "\r=1+1", "=1;2"]


def lees(csv_bytes: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.fixture
def overzicht():
    """The part of the overview structure (reports.overzicht) the CSV renderer reads, for one GI."""
    return {
        "jaar": 2025, "peildatum": "2025-12-31", "variant": "openbaar",
        "instellingen": [{
            "afkorting": "CSV", "naam": "Jeugdbescherming CSV", "soort": "regionaal",
            "certificaat_1_jan": "volledig", "certificaat_31_dec": "volledig", "certificaatwijzigingen": 0,
            "toezicht_1_jan": "regulier", "toezicht_31_dec": "regulier", "aantal_audits": 0, "aantal_rapporten": 1,
            "laatste_oordeel_goed_bestuur": {"waarde": "onvoldoende", "rapportdatum": "2025-05-20"},
            "in_de_pas": False, "signaalcodes": ["VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL"],
        }],
    }


def _zet(data: dict, kolom: str, waarde: str) -> None:
    """Put ``waarde`` where the CSV column ``kolom`` takes its text from."""
    gi = data["instellingen"][0]
    if kolom in ("jaar", "peildatum", "variant"):
        data[kolom] = waarde
    elif kolom == "laatste_oordeel_goed_bestuur":
        gi[kolom] = {"waarde": waarde, "rapportdatum": "2025-05-20"}
    elif kolom == "signaalcodes":
        gi[kolom] = [waarde]
    else:
        gi[kolom] = waarde


TEKSTKOLOMMEN = [k for k in ("jaar", "peildatum", "variant", *CSV_KOLOMMEN) if k != "pasoordeel"]


@pytest.mark.parametrize("waarde", GEVAARLIJK)
@pytest.mark.parametrize("kolom", TEKSTKOLOMMEN)
def test_elke_kolom_neutraliseert_een_formule(overzicht, kolom, waarde):
    _zet(overzicht, kolom, waarde)
    rij = lees(render_csv(overzicht))[0]
    assert rij[kolom].startswith("'" + waarde), (kolom, rij[kolom])


def test_de_kolom_pasoordeel_is_altijd_een_van_de_drie_woorden(overzicht):
    """The one column without text from the data: it is written from the verdict's value in the register's words,
    whatever text the data carry beside it (and from the yes/no of an overview of an earlier schema)."""
    for waarde, verwacht in ((True, "in de pas"), (False, "niet in de pas")):
        overzicht["instellingen"][0]["in_de_pas"] = waarde
        assert lees(render_csv(overzicht))[0]["pasoordeel"] == verwacht
    for waarde, verwacht in (("in_de_pas", "in de pas"), ("niet_in_de_pas", "niet in de pas"),
                             ("onvoldoende_gegevens", "onvoldoende gegevens")):
        overzicht["instellingen"][0]["pasoordeel"] = {"waarde": waarde, "tekst": "=HYPERLINK(1)", "signaalcodes": [],
                                                      "redenen": [], "basis": ""}
        assert lees(render_csv(overzicht))[0]["pasoordeel"] == verwacht


@pytest.mark.parametrize("kolom", ["certificaatwijzigingen", "aantal_audits", "aantal_rapporten"])
def test_getallen_blijven_getallen(overzicht, kolom):
    overzicht["instellingen"][0][kolom] = -1
    assert lees(render_csv(overzicht))[0][kolom] == "-1"


def test_gewone_tekst_blijft_ongewijzigd(overzicht):
    rij = lees(render_csv(overzicht))[0]
    assert rij["afkorting"] == "CSV"
    assert rij["naam"] == "Jeugdbescherming CSV"
    assert rij["laatste_oordeel_goed_bestuur"] == "onvoldoende (2025-05-20)"
    assert rij["jaar"] == "2025"


def test_de_csv_van_het_register_leest_dezelfde_kolommen(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "CSV")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 1, 1), D(2027, 12, 31))
    maak.onderzoek(inspecteur, gi, D(2025, 5, 20), {"goed_bestuur": "onvoldoende"})
    data = kameroverzicht(2025, vandaag(), "openbaar")
    assert set(CSV_KOLOMMEN) <= set(data["instellingen"][0])
    rij = lees(render_csv(data))[0]
    assert (rij["afkorting"], rij["naam"], rij["aantal_rapporten"]) == ("CSV", "Jeugdbescherming CSV", "1")
    assert rij["laatste_oordeel_goed_bestuur"] == "onvoldoende (2025-05-20)"


@pytest.mark.parametrize("naam", GEVAARLIJK)
def test_gi_naam_met_formule_in_de_gedownloade_csv(client, beheerder, ministerie_gebruiker, naam):
    """End to end: a GI named like a formula, through the archive's CSV download."""
    maak.instelling(beheerder, "FORM", naam=naam)
    overzicht = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, variant="openbaar")
    client.force_login(ministerie_gebruiker)
    response = client.get(reverse("reports:download", args=[overzicht.pk, "csv"]))
    assert response.status_code == 200
    rij = next(r for r in lees(response.content) if r["afkorting"] == "FORM")
    assert rij["naam"] == "'" + naam
