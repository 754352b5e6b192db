"""Importing bezwaar and beroep (README, "Historische gegevens importeren", kind bezwaren): a row names its
certificaatbesluit by instelling and besluit_ingangsdatum, goes through the KMI's services (same validation and
history as the admin and the API), a row naming a besluit that does not exist or filed before the besluitdatum is
refused in Dutch with its column, nothing of the file is saved then, and the same file read in again changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from certification.models import Bezwaar
from historisch import importeren as imp
from register.services import GeenSchrijfrecht
from tests import maak
from tests.test_import import _upload, als_csv, client_voor

D = dt.date
pytestmark = pytest.mark.django_db

RIJEN = [
    {"instelling": "JBN", "besluit_ingangsdatum": "2024-12-16", "soort": "bezwaar", "ingediend_op": "2025-01-10",
     "uitkomst": "ongegrond", "datum_uitkomst": "2025-04-01", "bron": "beslissing op bezwaar"},
    {"instelling": "jbn", "besluit_ingangsdatum": "2024-12-16", "soort": "beroep", "ingediend_op": "2025-05-01",
     "uitkomst": "lopend", "bron": "beroepschrift"},
]


@pytest.fixture
def besluit(beheerder, kmi_gebruiker):
    jbn = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    return maak.certificaat(kmi_gebruiker, jbn, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), reikwijdte="beide")


def _importeer(actor, rijen, *, naam="bezwaren.csv", opslaan=True):
    return imp.importeren(actor=actor, soort="bezwaren", bestandsnaam=naam, inhoud=als_csv(rijen), opslaan=opslaan)


def test_goede_rijen_worden_via_de_services_opgeslagen_bij_het_besluit(kmi_gebruiker, besluit):
    verslag = _importeer(kmi_gebruiker, RIJEN, naam="bezwaren 2025.csv")
    assert not verslag.geweigerd, [r.fouten for r in verslag.rijen]
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW]
    assert verslag.rijen[0].sleutel == "JBN 2024-12-16 bezwaar 2025-01-10"
    assert [(b.soort, b.uitkomst, b.datum_uitkomst) for b in besluit.bezwaren.order_by("ingediend_op")] == [
        ("bezwaar", "ongegrond", D(2025, 4, 1)), ("beroep", "lopend", None),
    ]
    laatste = Bezwaar.history.order_by("-history_id").first()
    assert laatste.history_change_reason == "import bezwaren 2025.csv"
    assert laatste.history_user == kmi_gebruiker


def test_een_besluit_dat_niet_bestaat_weigert_de_rij_en_het_hele_bestand(kmi_gebruiker, besluit):
    fout = {**RIJEN[1], "besluit_ingangsdatum": "2023-06-01"}
    verslag = _importeer(kmi_gebruiker, [RIJEN[0], fout])
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.GEWEIGERD]
    kolom, melding = verslag.rijen[1].fouten[0]
    assert kolom == "besluit_ingangsdatum"
    assert "geen certificaatbesluit van JBN met ingangsdatum 2023-06-01" in melding
    assert "Importeer eerst de certificaatbesluiten" in melding
    assert not verslag.opgeslagen and "Er is niets opgeslagen" in verslag.samenvatting
    assert not Bezwaar.objects.exists()


def test_een_onbekende_instelling_of_ontbrekend_besluit_noemt_de_kolom(kmi_gebruiker, besluit):
    verslag = _importeer(kmi_gebruiker, [{**RIJEN[0], "instelling": "XYZ"}, {**RIJEN[1], "besluit_ingangsdatum": ""}])
    assert verslag.rijen[0].fouten[0][0] == "instelling"
    assert "geen instelling met afkorting 'XYZ'" in verslag.rijen[0].fouten[0][1]
    assert verslag.rijen[1].fouten == [("besluit_ingangsdatum", "Deze kolom is verplicht: zij bepaalt welk "
                                        "certificaatbesluit de rij noemt. Vul haar in.")]
    assert not Bezwaar.objects.exists()


def test_ingediend_voor_de_besluitdatum_wordt_geweigerd_met_de_regel_van_het_model(kmi_gebruiker, besluit):
    verslag = _importeer(kmi_gebruiker, [{**RIJEN[0], "ingediend_op": "2024-12-15", "datum_uitkomst": ""}])
    assert [r.status for r in verslag.rijen] == [imp.GEWEIGERD]
    kolom, melding = verslag.rijen[0].fouten[0]
    assert kolom == "ingediend_op"
    assert "vóór de besluitdatum" in melding and "2024-12-16" in melding
    assert not Bezwaar.objects.exists()


def test_een_uitkomst_voor_het_indienen_wordt_geweigerd(kmi_gebruiker, besluit):
    verslag = _importeer(kmi_gebruiker, [{**RIJEN[0], "datum_uitkomst": "2025-01-09"}])
    assert verslag.rijen[0].fouten[0][0] == "datum_uitkomst"
    assert "ligt vóór de dag van indienen" in verslag.rijen[0].fouten[0][1]


def test_hetzelfde_bestand_opnieuw_verandert_niets_en_een_uitspraak_corrigeert(kmi_gebruiker, besluit):
    _importeer(kmi_gebruiker, RIJEN)
    historie = Bezwaar.history.count()
    verslag = _importeer(kmi_gebruiker, RIJEN)
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    assert "verandert niets" in verslag.samenvatting
    assert (Bezwaar.objects.count(), Bezwaar.history.count()) == (2, historie)

    uitspraak = {**RIJEN[1], "uitkomst": "gegrond", "datum_uitkomst": "2025-09-01"}
    verslag = _importeer(kmi_gebruiker, [RIJEN[0], uitspraak], naam="uitspraak.csv")
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD, imp.GEWIJZIGD]
    beroep = Bezwaar.objects.get(soort="beroep")
    assert (beroep.uitkomst, beroep.datum_uitkomst) == ("gegrond", D(2025, 9, 1))
    assert [h.uitkomst for h in beroep.history.order_by("history_id")] == ["lopend", "gegrond"]
    assert Bezwaar.objects.count() == 2


def test_alleen_het_kmi_leest_bezwaren_in(inspecteur, besluit):
    with pytest.raises(GeenSchrijfrecht):
        _importeer(inspecteur, RIJEN)
    response = client_voor(inspecteur).post("/admin/historisch/bezwaren/importeren/", {"bestand": _upload("bezwaren", als_csv(RIJEN))})
    assert response.status_code == 403
    assert not Bezwaar.objects.exists()


def test_sjabloon_knop_en_export_die_weer_kan_worden_ingelezen(kmi_gebruiker, besluit):
    client = client_voor(kmi_gebruiker)
    lijst = client.get("/admin/certification/bezwaar/").content.decode()
    assert 'href="/admin/historisch/bezwaren/importeren/"' in lijst
    kop = client.get("/admin/historisch/bezwaren/sjabloon.csv").content.decode("utf-8-sig").strip().split(";")
    assert kop[:6] == ["instelling", "besluit_ingangsdatum", "soort", "ingediend_op", "uitkomst", "datum_uitkomst"]
    _importeer(kmi_gebruiker, RIJEN)
    export = client.get("/admin/historisch/bezwaren/exporteren.csv")
    assert export.status_code == 200
    verslag = imp.importeren(actor=kmi_gebruiker, soort="bezwaren", bestandsnaam="export.csv", inhoud=export.content,
                             opslaan=False)
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
