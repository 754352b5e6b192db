"""Importing historic records (README, "Historische gegevens importeren"): per kind a good file is saved through the
services with the importer and the reason "import <bestandsnaam>" in the history; a file with one bad row saves
nothing and the report names that row and its column; the same file read in again changes nothing; a file of
another role's records is refused. Through the service-level importer and through the admin pages (upload →
preview → confirm)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.test import Client
from openpyxl import Workbook

from certification.models import Audit, Certificaatbesluit
from historisch import bestanden
from historisch import importeren as imp
from register.models import Instelling, Monitormeting
from register.services import GeenSchrijfrecht
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Toezichtbesluit
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


def als_csv(rijen: list[dict], scheiding: str = ";") -> bytes:
    kolommen = list(dict.fromkeys(k for rij in rijen for k in rij))
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=scheiding)
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([rij.get(k, "") for k in kolommen])
    return buffer.getvalue().encode("utf-8")


def als_xlsx(rijen: list[dict]) -> bytes:
    kolommen = list(dict.fromkeys(k for rij in rijen for k in rij))
    werkmap = Workbook()
    blad = werkmap.active
    blad.append(kolommen)
    for rij in rijen:
        blad.append([rij.get(k) for k in kolommen])
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()


@pytest.fixture
def actoren(kmi_gebruiker, inspecteur, beheerder, ministerie_gebruiker):
    return {"kmi": kmi_gebruiker, "inspectie": inspecteur, "beheer": beheerder, "ministerie": ministerie_gebruiker}


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


@pytest.fixture
def voorgeschiedenis(jbn, kmi_gebruiker):
    """What a file of certificaatbesluiten refers to: the GI and its audit."""
    maak.audit(kmi_gebruiker, jbn, D(2023, 3, 1), D(2023, 3, 3), soort="periodiek")
    return jbn


# Per kind: the role that writes it, a good file (two rows), the bad row (a copy of a good row with one bad cell:
# column, value) and a role that may not write it.
SOORTEN = {
    "instellingen": dict(
        rol="beheer", model=Instelling, andere_rol="kmi",
        rijen=[
            {"afkorting": "WSS", "naam": "William Schrikker Stichting", "soort": "landelijk", "certificering_vanaf": "2024-01-01",
             "toezicht_vanaf": "2024-03-01",
             "bron": "KvK"},
            {"afkorting": "JBB", "naam": "Jeugdbescherming Brabant", "soort": "regionaal", "opvolger": "WSS",
             "datumkwaliteit": "exact", "bron": "KvK"},
        ],
        fout=("soort", "provinciaal"), melding="Kies een van: regionaal, landelijk",
    ),
    "audits": dict(
        rol="kmi", model=Audit, andere_rol="inspectie",
        rijen=[
            {"instelling": "JBN", "soort": "periodiek", "startdatum": "2022-03-01", "einddatum": "2022-03-03",
             "aantal_kritische_afwijkingen": "0", "aantal_afwijkingen": "2", "rapportkenmerk": "KMI-2022-17",
             "samenvatting": "Twee afwijkingen", "bron": "auditrapport"},
            {"instelling": "jbn", "soort": "vervolg", "startdatum": "2022-09-12", "einddatum": "2022-09-12", "bron": "auditrapport"},
        ],
        fout=("startdatum", "01-03-2022"), melding="Schrijf de datum als JJJJ-MM-DD",
    ),
    "certificaatbesluiten": dict(
        rol="kmi", model=Certificaatbesluit, andere_rol="beheer",
        rijen=[
            {"instelling": "JBN", "status": "volledig", "besluitdatum": "2023-05-20", "ingangsdatum": "2023-06-01",
             "geldig_tot": "", "audits": "periodiek 2023-03-01", "motivering_vertrouwelijk": "intern", "bron": "besluit"},
            {"instelling": "JBN", "status": "voorlopig", "besluitdatum": "2021-05-20", "ingangsdatum": "2021-06-01",
             "geldig_tot": "2023-05-31", "bron": "besluit"},
        ],
        fout=("geldig_tot", "2026-06-01"), melding="hoogstens 2 jaar geldig",
    ),
    "toezichtbesluiten": dict(
        rol="inspectie", model=Toezichtbesluit, andere_rol="kmi",
        rijen=[
            {"instelling": "JBN", "niveau": "geintensiveerd", "door": "IGJ", "besluitdatum": "2023-01-20",
             "ingangsdatum": "2023-02-01", "voorziene_einddatum": "2023-12-31", "aanleiding": "rapport", "bron": "brief"},
            {"instelling": "JBN", "niveau": "regulier", "door": "IGJ_IJenV", "besluitdatum": "2023-12-20",
             "ingangsdatum": "2024-01-01", "bron": "brief"},
        ],
        fout=("niveau", "streng"), melding="Kies een van: regulier, geintensiveerd, verscherpt",
    ),
    "handhavingsmaatregelen": dict(
        rol="inspectie", model=Handhavingsmaatregel, andere_rol="kmi",
        rijen=[
            {"instelling": "JBN", "soort": "aanwijzing", "door": "IGJ", "datum": "2023-05-01", "termijn": "2023-11-01",
             "zakelijke_weergave": "Aanwijzing over caseload", "bron": "besluit"},
            {"instelling": "JBN", "soort": "last onder dwangsom", "door": "IJenV", "datum": "2023-12-01", "bron": "besluit"},
        ],
        fout=("termijn", "2023-04-01"), melding="De termijn ligt vóór de datum",
    ),
    "inspectieonderzoeken": dict(
        rol="inspectie", model=Inspectieonderzoek, andere_rol="kmi",
        rijen=[
            {"instelling": "JBN", "soort": "thematisch", "door": "IGJ_IJenV", "rapportdatum": "2023-10-10",
             "titel": "Toezicht op JBN 2023", "oordeel_goed_bestuur": "onvoldoende",
             "toelichting_goed_bestuur": "Sturing ontbreekt", "oordeel_passende_hulp": "voldoende", "bron": "rapport"},
            {"instelling": "JBN", "soort": "vervolg", "door": "IGJ", "rapportdatum": "2024-04-10",
             "titel": "Vervolgonderzoek JBN", "oordeel_goed_bestuur": "grotendeels voldoende", "bron": "rapport"},
        ],
        fout=("oordeel_goed_bestuur", "matig"), melding="Kies een van: voldoende",
    ),
    "monitormetingen": dict(
        rol="beheer", model=Monitormeting, andere_rol="inspectie",
        rijen=[
            {"peildatum": "2024-01-01", "instelling": "", "aantal_kinderen_met_maatregel": "30000",
             "workload_per_fte": "14,5", "verloop_pct": "18.2", "bron": "GI-monitor"},
            {"peildatum": "2024-01-01", "instelling": "JBN", "aantal_kinderen_met_maatregel": "2100", "bron": "GI-monitor"},
        ],
        fout=("workload_per_fte", "veel"), melding="is geen getal",
    ),
}
KINDS = sorted(SOORTEN)


def _importeer(actor, soort, inhoud, *, naam=None, opslaan=True):
    return imp.importeren(actor=actor, soort=soort, bestandsnaam=naam or f"{soort}.csv", inhoud=inhoud, opslaan=opslaan)


def _historie(model):
    return model.history.model.objects.count()


@pytest.mark.parametrize("soort", KINDS)
class TestPerSoort:
    def test_een_goed_bestand_wordt_via_de_services_opgeslagen_met_importeur_en_reden(self, soort, actoren, voorgeschiedenis):
        spec = SOORTEN[soort]
        voor = spec["model"].objects.count()
        verslag = _importeer(actoren[spec["rol"]], soort, als_csv(spec["rijen"]), naam="C:\\oud\\historie 2023.csv")
        assert not verslag.geweigerd, [r.fouten for r in verslag.rijen]
        assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW]
        assert [r.nummer for r in verslag.rijen] == [2, 3]
        assert verslag.opgeslagen
        assert spec["model"].objects.count() == voor + 2
        nieuwste = spec["model"].history.model.objects.order_by("-history_id").first()
        assert nieuwste.history_change_reason == "import historie 2023.csv"
        assert nieuwste.history_user == actoren[spec["rol"]]

    def test_de_voorvertoning_slaat_niets_op(self, soort, actoren, voorgeschiedenis):
        spec = SOORTEN[soort]
        voor, historie = spec["model"].objects.count(), _historie(spec["model"])
        verslag = _importeer(actoren[spec["rol"]], soort, als_csv(spec["rijen"]), opslaan=False)
        assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW]
        assert not verslag.opgeslagen
        assert "Nog niet opgeslagen" in verslag.samenvatting
        assert (spec["model"].objects.count(), _historie(spec["model"])) == (voor, historie)

    def test_een_bestand_met_een_foute_rij_slaat_niets_op_en_noemt_rij_en_kolom(self, soort, actoren, voorgeschiedenis):
        spec = SOORTEN[soort]
        kolom, waarde = spec["fout"]
        fout = {**spec["rijen"][1], kolom: waarde}
        voor, historie = spec["model"].objects.count(), _historie(spec["model"])
        verslag = _importeer(actoren[spec["rol"]], soort, als_csv([spec["rijen"][0], fout]))
        assert verslag.geweigerd and not verslag.opgeslagen
        assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.GEWEIGERD]
        geweigerd = verslag.rijen[1]
        assert geweigerd.nummer == 3
        assert [k for k, _ in geweigerd.fouten] == [kolom]
        assert spec["melding"] in geweigerd.fouten[0][1]
        assert "Er is niets opgeslagen" in verslag.samenvatting
        assert (spec["model"].objects.count(), _historie(spec["model"])) == (voor, historie)
        assert Oordeel.objects.count() == 0

    def test_hetzelfde_bestand_opnieuw_verandert_niets(self, soort, actoren, voorgeschiedenis):
        spec = SOORTEN[soort]
        inhoud = als_csv(spec["rijen"])
        _importeer(actoren[spec["rol"]], soort, inhoud)
        na_eerste = (spec["model"].objects.count(), _historie(spec["model"]), Oordeel.history.model.objects.count())
        verslag = _importeer(actoren[spec["rol"]], soort, inhoud)
        assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
        assert not verslag.opgeslagen
        assert "verandert niets" in verslag.samenvatting
        assert (spec["model"].objects.count(), _historie(spec["model"]), Oordeel.history.model.objects.count()) == na_eerste

    def test_een_bestand_van_de_records_van_een_andere_rol_wordt_geweigerd(self, soort, actoren, voorgeschiedenis):
        spec = SOORTEN[soort]
        voor = spec["model"].objects.count()
        with pytest.raises(GeenSchrijfrecht, match="voorbehouden aan de rol"):
            _importeer(actoren[spec["andere_rol"]], soort, als_csv(spec["rijen"]))
        response = client_voor(actoren[spec["andere_rol"]]).post(
            f"/admin/historisch/{soort}/importeren/", {"bestand": _upload(soort, als_csv(spec["rijen"]))}
        )
        assert response.status_code == 403
        assert client_voor(actoren[spec["andere_rol"]]).get(f"/admin/historisch/{soort}/sjabloon.csv").status_code == 403
        assert spec["model"].objects.count() == voor

    def test_het_sjabloon_heeft_de_kolommen_die_de_import_leest(self, soort, actoren, voorgeschiedenis):
        spec = SOORTEN[soort]
        response = client_voor(actoren[spec["rol"]]).get(f"/admin/historisch/{soort}/sjabloon.csv")
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="sjabloon-{soort}.csv"'
        kop = response.content.decode("utf-8-sig").strip().split(";")
        assert set(spec["rijen"][0]) <= set(kop)
        # The template read in as it is (no rows) is a valid, empty file.
        assert _importeer(actoren[spec["rol"]], soort, response.content).rijen == []
        xlsx = client_voor(actoren[spec["rol"]]).get(f"/admin/historisch/{soort}/sjabloon.xlsx")
        assert xlsx.content[:2] == b"PK"


def test_een_gewijzigde_rij_corrigeert_de_registratie_met_de_reden(inspecteur, jbn):
    rijen = SOORTEN["toezichtbesluiten"]["rijen"]
    _importeer(inspecteur, "toezichtbesluiten", als_csv(rijen), naam="toezicht.csv")
    gewijzigd = [{**rijen[0], "voorziene_einddatum": "2024-01-31"}, rijen[1]]
    verslag = _importeer(inspecteur, "toezichtbesluiten", als_csv(gewijzigd), naam="toezicht-v2.csv")
    assert [r.status for r in verslag.rijen] == [imp.GEWIJZIGD, imp.ONGEWIJZIGD]
    besluit = Toezichtbesluit.objects.get(ingangsdatum=D(2023, 2, 1))
    assert besluit.voorziene_einddatum == D(2024, 1, 31)
    laatste = besluit.history.order_by("-history_id").first()
    assert laatste.history_change_reason == "import toezicht-v2.csv"
    assert Toezichtbesluit.objects.count() == 2


def test_een_gewijzigd_oordeel_wordt_gecorrigeerd_en_een_nieuw_thema_toegevoegd(inspecteur, jbn):
    rijen = SOORTEN["inspectieonderzoeken"]["rijen"]
    _importeer(inspecteur, "inspectieonderzoeken", als_csv(rijen))
    gewijzigd = [{**rijen[0], "oordeel_passende_hulp": "grotendeels_onvoldoende", "oordeel_betekenisvol_contact": "voldoende"}]
    verslag = _importeer(inspecteur, "inspectieonderzoeken", als_csv(gewijzigd))
    assert [r.status for r in verslag.rijen] == [imp.GEWIJZIGD]
    onderzoek = Inspectieonderzoek.objects.get(titel="Toezicht op JBN 2023")
    assert {o.thema.code: o.waarde for o in onderzoek.oordelen.all()} == {
        "goed_bestuur": "onvoldoende", "passende_hulp": "grotendeels_onvoldoende", "betekenisvol_contact": "voldoende",
    }
    assert onderzoek.oordelen.get(thema__code="goed_bestuur").toelichting == "Sturing ontbreekt"


def test_een_certificaatbesluit_zonder_geldig_tot_krijgt_drie_jaar_en_blijft_bij_herimport_ongewijzigd(kmi_gebruiker, voorgeschiedenis):
    rij = SOORTEN["certificaatbesluiten"]["rijen"][0]
    _importeer(kmi_gebruiker, "certificaatbesluiten", als_csv([rij]))
    besluit = Certificaatbesluit.objects.get()
    assert besluit.geldig_tot == D(2026, 5, 31)
    assert [a.startdatum for a in besluit.audits.all()] == [D(2023, 3, 1)]
    assert [r.status for r in _importeer(kmi_gebruiker, "certificaatbesluiten", als_csv([rij])).rijen] == [imp.ONGEWIJZIGD]


def test_een_onbekende_audit_of_instelling_noemt_wat_er_moet_gebeuren(kmi_gebruiker, voorgeschiedenis):
    rijen = [
        {**SOORTEN["certificaatbesluiten"]["rijen"][0], "audits": "extra 2023-03-01"},
        {**SOORTEN["certificaatbesluiten"]["rijen"][1], "instelling": "XYZ"},
    ]
    verslag = _importeer(kmi_gebruiker, "certificaatbesluiten", als_csv(rijen))
    assert verslag.rijen[0].fouten[0][0] == "audits"
    assert "Importeer eerst de audits" in verslag.rijen[0].fouten[0][1]
    assert verslag.rijen[1].fouten[0][0] == "instelling"
    assert "geen instelling met afkorting 'XYZ'" in verslag.rijen[1].fouten[0][1]
    assert Certificaatbesluit.objects.count() == 0


def test_dezelfde_registratie_twee_keer_in_een_bestand_wordt_geweigerd(inspecteur, jbn):
    rij = SOORTEN["toezichtbesluiten"]["rijen"][0]
    verslag = _importeer(inspecteur, "toezichtbesluiten", als_csv([rij, {**rij, "niveau": "verscherpt"}]))
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.GEWEIGERD]
    assert "dezelfde registratie als rij 2" in verslag.rijen[1].fouten[0][1]
    assert Toezichtbesluit.objects.count() == 0


def test_een_datum_na_vandaag_of_voor_2000_wordt_geweigerd_met_de_regel_van_het_register(kmi_gebruiker, jbn):
    morgen = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    rijen = [
        {**SOORTEN["audits"]["rijen"][0], "startdatum": morgen, "einddatum": morgen},
        {**SOORTEN["audits"]["rijen"][1], "startdatum": "1999-12-31", "einddatum": "1999-12-31"},
        {**SOORTEN["audits"]["rijen"][1], "startdatum": "2000-01-01", "einddatum": "2000-01-01"},
        {**SOORTEN["audits"]["rijen"][1], "soort": "extra", "startdatum": "2024-02-29", "einddatum": "2024-02-29"},
        {**SOORTEN["audits"]["rijen"][1], "soort": "initieel", "startdatum": "2023-02-29", "einddatum": "2023-02-29"},
    ]
    verslag = _importeer(kmi_gebruiker, "audits", als_csv(rijen))
    assert [r.status for r in verslag.rijen] == [imp.GEWEIGERD, imp.GEWEIGERD, imp.NIEUW, imp.NIEUW, imp.GEWEIGERD]
    assert "ligt na vandaag" in verslag.rijen[0].fouten[0][1]
    assert "de eerste dag van het register" in verslag.rijen[1].fouten[0][1]
    assert verslag.rijen[4].fouten[0][0] == "startdatum"
    assert Audit.objects.count() == 0


def test_een_vervallen_rij_uit_een_export_wordt_overgeslagen(inspecteur, jbn):
    rij = {**SOORTEN["toezichtbesluiten"]["rijen"][0], "vervallen": "ja"}
    verslag = _importeer(inspecteur, "toezichtbesluiten", als_csv([rij]))
    assert [r.status for r in verslag.rijen] == [imp.OVERGESLAGEN]
    assert Toezichtbesluit.objects.count() == 0


@pytest.mark.parametrize("inhoud, melding", [
    (b"", "Het bestand is leeg"),
    (als_csv([{"instelling": "JBN", "niveau": "regulier", "kleur": "rood"}]), "De kolom 'kleur' hoort niet bij toezichtbesluiten"),
    (als_csv([{"niveau": "regulier", "door": "IGJ"}]), "De kolom 'instelling', 'ingangsdatum' ontbreekt"),
    (als_csv(SOORTEN["audits"]["rijen"]), "hoort niet bij toezichtbesluiten"),
    (b"instelling;niveau\nJBN\x00;regulier\n", "NUL-tekens"),
])
def test_een_bestand_dat_geen_tabel_van_deze_soort_is_wordt_geweigerd(inspecteur, jbn, inhoud, melding):
    verslag = _importeer(inspecteur, "toezichtbesluiten", inhoud)
    assert verslag.geweigerd and melding in verslag.bestandsfout
    assert verslag.rijen == [] and Toezichtbesluit.objects.count() == 0


def test_een_te_groot_bestand_of_een_ander_formaat_wordt_geweigerd(inspecteur, jbn):
    groot = _importeer(inspecteur, "toezichtbesluiten", b"instelling;niveau\n" + b"JBN;regulier\n" * 100_000)
    assert "Verdeel de rijen over meer bestanden" in groot.bestandsfout
    pdf = _importeer(inspecteur, "toezichtbesluiten", b"%PDF-1.4", naam="besluiten.pdf")
    assert "geen CSV- of XLSX-bestand" in pdf.bestandsfout
    kapot = _importeer(inspecteur, "toezichtbesluiten", b"PK\x03\x04kapot", naam="besluiten.xlsx")
    assert "kan niet worden gelezen" in kapot.bestandsfout
    bom = io.BytesIO()
    with zipfile.ZipFile(bom, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("xl/sharedStrings.xml", b"\x00" * 60_000_000)
    assert len(bom.getvalue()) < bestanden.MAX_BYTES
    uitgepakt = _importeer(inspecteur, "toezichtbesluiten", bom.getvalue(), naam="besluiten.xlsx")
    assert "uitgepakt te groot" in uitgepakt.bestandsfout


def test_csv_met_komma_en_windows_tekenset_wordt_gelezen(beheerder):
    inhoud = "afkorting,naam,soort,bron\nGIF,Gecertificeerde Instelling Friesland – Fryslân,regionaal,KvK\n".encode("cp1252")
    verslag = _importeer(beheerder, "instellingen", inhoud)
    assert [r.status for r in verslag.rijen] == [imp.NIEUW]
    assert Instelling.objects.get(afkorting="GIF").naam == "Gecertificeerde Instelling Friesland – Fryslân"


def test_xlsx_met_echte_datums_en_getallen(inspecteur, jbn):
    rijen = [{**r} for r in SOORTEN["handhavingsmaatregelen"]["rijen"]]
    rijen[0]["datum"], rijen[0]["termijn"] = dt.datetime(2023, 5, 1), D(2023, 11, 1)
    verslag = _importeer(inspecteur, "handhavingsmaatregelen", als_xlsx(rijen), naam="maatregelen.xlsx")
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW], [r.fouten for r in verslag.rijen]
    assert Handhavingsmaatregel.objects.get(soort="aanwijzing").termijn == D(2023, 11, 1)
    opnieuw = _importeer(inspecteur, "handhavingsmaatregelen", als_xlsx(rijen), naam="maatregelen.xlsx")
    assert [r.status for r in opnieuw.rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    fout = _importeer(inspecteur, "handhavingsmaatregelen", als_xlsx([{**rijen[1], "datum": "morgen"}]), naam="m.xlsx")
    assert fout.rijen[0].fouten[0][0] == "datum" and Handhavingsmaatregel.objects.count() == 2


# --- Through the admin: upload → preview → confirm ------------------------------------------------------------------


def client_voor(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(soort: str, inhoud: bytes, naam: str | None = None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(naam or f"{soort}.csv", inhoud, content_type="text/csv")


class TestAdmin:
    def test_upload_toont_een_voorvertoning_en_pas_de_bevestiging_slaat_op(self, inspecteur, jbn):
        client = client_voor(inspecteur)
        pagina = client.get("/admin/historisch/toezichtbesluiten/importeren/")
        assert pagina.status_code == 200
        assert "voorziene_einddatum" in pagina.content.decode()  # the column list
        inhoud = als_csv(SOORTEN["toezichtbesluiten"]["rijen"])
        voorvertoning = client.post("/admin/historisch/toezichtbesluiten/importeren/", {"bestand": _upload("toezicht", inhoud)})
        html = voorvertoning.content.decode()
        assert voorvertoning.status_code == 200
        assert html.count("aanvaard: nieuw") == 2
        assert "Import bevestigen en opslaan" in html
        assert Toezichtbesluit.objects.count() == 0
        bevestiging = voorvertoning.context["bevestiging"]
        opgeslagen = client.post("/admin/historisch/toezichtbesluiten/importeren/", {"bevestiging": bevestiging})
        assert opgeslagen.status_code == 302
        assert opgeslagen["Location"] == "/admin/supervision/toezichtbesluit/"
        assert Toezichtbesluit.objects.count() == 2
        lijst = client.get(opgeslagen["Location"]).content.decode()
        assert "Import toezicht.csv: 2 rijen: 2 nieuw" in lijst
        # The same confirmation again: the file is now in the register, nothing changes.
        client.post("/admin/historisch/toezichtbesluiten/importeren/", {"bevestiging": bevestiging})
        assert Toezichtbesluit.history.count() == 2

    def test_een_foute_rij_toont_rij_en_kolom_en_geen_bevestigknop(self, inspecteur, jbn):
        rijen = [SOORTEN["toezichtbesluiten"]["rijen"][0], {**SOORTEN["toezichtbesluiten"]["rijen"][1], "niveau": "streng"}]
        response = client_voor(inspecteur).post(
            "/admin/historisch/toezichtbesluiten/importeren/", {"bestand": _upload("toezicht", als_csv(rijen))}
        )
        html = response.content.decode()
        assert "kolom niveau: &#x27;streng&#x27; is geen geldige waarde" in html
        assert "<td>3</td>" in html and "geweigerd" in html
        assert "Import bevestigen" not in html and response.context["bevestiging"] is None
        assert Toezichtbesluit.objects.count() == 0

    def test_een_vervalste_of_andermans_bevestiging_wordt_geweigerd(self, inspecteur, jbn, db):
        from tests.conftest import _gebruiker

        client = client_voor(inspecteur)
        inhoud = als_csv(SOORTEN["toezichtbesluiten"]["rijen"])
        voorvertoning = client.post("/admin/historisch/toezichtbesluiten/importeren/", {"bestand": _upload("t", inhoud)})
        bevestiging = voorvertoning.context["bevestiging"]
        vervalst = client.post("/admin/historisch/toezichtbesluiten/importeren/", {"bevestiging": bevestiging[:-3] + "abc"})
        assert vervalst.status_code == 400
        collega = _gebruiker("tweede-inspecteur", "inspectie")
        andermans = client_voor(collega).post("/admin/historisch/toezichtbesluiten/importeren/", {"bevestiging": bevestiging})
        assert andermans.status_code == 400
        assert Toezichtbesluit.objects.count() == 0

    def test_de_knoppen_op_de_lijst_volgen_de_rechten(self, kmi_gebruiker, ministerie_gebruiker, jbn):
        kmi_audits = client_voor(kmi_gebruiker).get("/admin/certification/audit/").content.decode()
        assert 'href="/admin/historisch/audits/importeren/"' in kmi_audits
        assert 'href="/admin/historisch/audits/exporteren.csv"' in kmi_audits
        kmi_toezicht = client_voor(kmi_gebruiker).get("/admin/supervision/toezichtbesluit/").content.decode()
        assert "/admin/historisch/toezichtbesluiten/importeren/" not in kmi_toezicht
        assert "/admin/historisch/toezichtbesluiten/exporteren.xlsx" in kmi_toezicht
        ministerie = client_voor(ministerie_gebruiker).get("/admin/certification/audit/?instelling__id__exact=1").content.decode()
        assert "/importeren/" not in ministerie
        assert 'href="/admin/historisch/audits/exporteren.csv?instelling__id__exact=1"' in ministerie

    def test_het_publiek_komt_niet_bij_import_of_export(self, jbn):
        for url in ("/admin/historisch/audits/importeren/", "/admin/historisch/audits/exporteren.csv",
                    "/admin/historisch/audits/sjabloon.csv"):
            response = Client().get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_een_onbekende_soort_is_een_404(self, beheerder):
        assert client_voor(beheerder).get("/admin/historisch/themas/importeren/").status_code == 404


def test_de_readme_noemt_elke_kolom_van_elke_soort():
    from pathlib import Path

    from historisch.soorten import SOORTEN as DEFINITIES

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    sectie = readme.split("## Historische gegevens importeren", 1)[1].split("\n## ", 1)[0]
    for naam, definitie in DEFINITIES.items():
        regel = next(r for r in sectie.splitlines() if r.startswith(f"| {naam} "))
        for kolom in definitie.alle_kolommen():
            if not kolom.startswith(("oordeel_", "toelichting_", "oorzaken_")):  # per theme: named by their pattern
                assert kolom in regel, (naam, kolom)
        for kolom in definitie.sleutel:
            assert f"**{kolom}**" in regel, (naam, kolom)


def test_de_reikwijdte_als_kolom_en_een_bestand_zonder_die_kolom_blijft_importeerbaar(kmi_gebruiker, voorgeschiedenis):
    """A file of the earlier layout (no reikwijdte column) imports as before: a new besluit gets 'onbekend', never a
    guess; a file with the column records it, and a wrong value is refused with the allowed ones, nothing saved."""
    oud, tweede = SOORTEN["certificaatbesluiten"]["rijen"]
    _importeer(kmi_gebruiker, "certificaatbesluiten", als_csv([oud]))
    assert Certificaatbesluit.objects.get(ingangsdatum=dt.date(2023, 6, 1)).reikwijdte == "onbekend"
    fout = _importeer(kmi_gebruiker, "certificaatbesluiten", als_csv([{**tweede, "reikwijdte": "allebei"}]))
    assert fout.geweigerd and "jeugdbescherming, jeugdreclassering, beide, onbekend" in str(fout.rijen[0].fouten)
    assert not Certificaatbesluit.objects.filter(ingangsdatum=dt.date(2021, 6, 1)).exists()
    _importeer(kmi_gebruiker, "certificaatbesluiten", als_csv([{**tweede, "reikwijdte": "jeugdbescherming"}]))
    assert Certificaatbesluit.objects.get(ingangsdatum=dt.date(2021, 6, 1)).reikwijdte == "jeugdbescherming"
    # the earlier layout again leaves the recorded reikwijdte as it is
    verslag = _importeer(kmi_gebruiker, "certificaatbesluiten", als_csv([tweede]))
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD]
    assert Certificaatbesluit.objects.get(ingangsdatum=dt.date(2021, 6, 1)).reikwijdte == "jeugdbescherming"
