"""Data entry in the admin fits the task (issue: staff experience): a form that fails validation comes back with
everything that was typed and the error next to the field; the onderzoek form opens with one oordeel row per active
theme; the audit picker of a certificaatbesluit offers only that GI's audits; a duplicate audit is refused; every
admin message names the record with its Dutch article."""

import datetime as dt
import re

import pytest
from django.test import Client

from certification.models import Audit, Certificaatbesluit
from certification.services import audit_registreren
from supervision.models import Inspectieonderzoek, Oordeel, Thema
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


def client_voor(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


@pytest.fixture
def jbg(beheerder):
    return maak.instelling(beheerder, "JBG", naam="Jeugdbescherming Gelderland")


def waarde_van(html: str, naam: str) -> str | None:
    """The value a text input or textarea named ``naam`` shows."""
    invoer = re.search(rf'<input[^>]*name="{naam}"[^>]*>', html)
    if invoer:
        gevonden = re.search(r'value="([^"]*)"', invoer.group(0))
        return gevonden.group(1) if gevonden else None
    tekst = re.search(rf'<textarea[^>]*name="{naam}"[^>]*>\s*(.*?)</textarea>', html, re.S)
    return tekst.group(1) if tekst else None


def gekozen_optie(html: str, naam: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{naam}"[^>]*>(.*?)</select>', html, re.S)
    if not select:
        return None
    gekozen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return gekozen.group(1) if gekozen else None


class TestCertificaatbesluitFormulier:
    def test_een_dubbele_ingangsdatum_geeft_de_fout_bij_het_veld_en_bewaart_alle_invoer(self, kmi_gebruiker, jbn):
        maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 9, 16))
        response = client_voor(kmi_gebruiker).post("/admin/certification/certificaatbesluit/add/", {
            "instelling": jbn.pk, "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
            "motivering_openbaar": "Herstel aangetoond", "motivering_vertrouwelijk": "Interne afweging",
            "kenmerk": "KMI-B-2025-77", "bron": "KMI-besluit 2025-77", "reikwijdte": "beide",
        })
        assert response.status_code == 200  # the form again, not a redirect that forgets the input
        html = response.content.decode()
        assert "al een certificaatbesluit met deze ingangsdatum" in html
        assert gekozen_optie(html, "instelling") == str(jbn.pk)
        assert gekozen_optie(html, "status") == "volledig"
        assert waarde_van(html, "motivering_openbaar") == "Herstel aangetoond"
        assert waarde_van(html, "motivering_vertrouwelijk") == "Interne afweging"
        assert waarde_van(html, "kenmerk") == "KMI-B-2025-77"
        assert waarde_van(html, "bron") == "KMI-besluit 2025-77"
        assert Certificaatbesluit.objects.count() == 1

    def test_de_auditkeuze_toont_alleen_de_audits_van_die_instelling(self, kmi_gebruiker, jbn, jbg):
        eigen = maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2))
        ander = maak.audit(kmi_gebruiker, jbg, D(2025, 6, 3))
        besluit = maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 9, 16), audits=[eigen])
        client = client_voor(kmi_gebruiker)
        for url in (f"/admin/certification/certificaatbesluit/{besluit.pk}/change/",
                    f"/admin/certification/certificaatbesluit/add/?instelling={jbn.pk}"):
            html = client.get(url).content.decode()
            audits = re.search(r'<div[^>]*id="id_audits"[^>]*>.*?</div>\s*</div>', html, re.S) or re.search(r'name="audits"', html)
            assert f'value="{eigen.pk}"' in html, url
            assert str(ander) not in html, url
            assert "Hold down" not in html and "Houd" not in html, url  # no English or mouse-only help text

    def test_toevoegen_vraagt_eerst_de_instelling(self, kmi_gebruiker, jbn, jbg):
        response = client_voor(kmi_gebruiker).get("/admin/certification/certificaatbesluit/add/")
        html = response.content.decode()
        assert response.status_code == 200
        assert f'href="?instelling={jbn.pk}"' in html and "Jeugdbescherming Gelderland" in html

    def test_een_audit_van_een_andere_instelling_wordt_geweigerd(self, kmi_gebruiker, jbn, jbg):
        ander = maak.audit(kmi_gebruiker, jbg, D(2025, 6, 3))
        with pytest.raises(Exception) as exc:
            maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 9, 16), audits=[ander])
        assert "hoort bij Jeugdbescherming Gelderland" in " ".join(exc.value.messages)
        assert not Certificaatbesluit.objects.exists()


class TestDubbeleAudit:
    def test_dezelfde_audit_twee_keer_wordt_geweigerd_met_een_duidelijke_melding(self, kmi_gebruiker, jbn):
        maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2), soort="periodiek")
        with pytest.raises(Exception) as exc:
            maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2), soort="periodiek")
        assert "al een audit van soort 'periodiek' met startdatum 02-06-2025" in " ".join(exc.value.messages)
        assert Audit.objects.count() == 1

    def test_in_de_admin_blijft_de_invoer_staan(self, kmi_gebruiker, jbn):
        maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2), soort="periodiek")
        response = client_voor(kmi_gebruiker).post("/admin/certification/audit/add/", {
            "instelling": jbn.pk, "soort": "periodiek", "startdatum": "2025-06-02", "einddatum": "2025-06-04",
            "samenvatting": "Twee afwijkingen", "bron": "auditrapport",
        })
        html = response.content.decode()
        assert response.status_code == 200 and "al een audit van soort &#x27;periodiek&#x27;" in html
        assert waarde_van(html, "samenvatting") == "Twee afwijkingen"
        assert Audit.objects.count() == 1

    def test_een_andere_soort_op_dezelfde_dag_mag_wel(self, kmi_gebruiker, jbn):
        maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2), soort="periodiek")
        maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2), soort="extra")
        assert Audit.objects.count() == 2

    def test_een_vervallen_audit_telt_niet_mee(self, kmi_gebruiker, jbn):
        from certification.services import audit_laten_vervallen

        oud = maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2))
        audit_laten_vervallen(actor=kmi_gebruiker, audit=oud, reden="dubbel ingevoerd")
        maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2))
        assert Audit.objects.filter(vervallen=False).count() == 1


class TestOnderzoekFormulier:
    def test_opent_met_een_oordeelrij_per_actief_thema(self, inspecteur, jbn):
        html = client_voor(inspecteur).get("/admin/supervision/inspectieonderzoek/add/").content.decode()
        themas = list(Thema.objects.filter(actief=True).order_by("volgorde", "naam"))
        assert len(themas) == 5
        assert f'name="oordelen-TOTAL_FORMS" value="{len(themas)}"' in html
        assert "__prefix__" not in html  # no empty template row: one row per theme, nothing else
        for i, thema in enumerate(themas):
            assert re.search(rf'name="oordelen-{i}-thema" value="{thema.pk}"', html), thema
            assert f"<th scope=\"row\">{thema.naam}" in html, thema
        # every input has a label, also the toelichting boxes and the selects in the rows
        for i, thema in enumerate(themas):
            for veld in ("waarde", "toelichting"):
                assert re.search(rf'<label[^>]*for="id_oordelen-{i}-{veld}"', html), (thema, veld)
        # read-only bookkeeping is not on the add form, and Instelling comes before Bron
        assert "Aangemaakt op" not in html and "Vervallen" not in html
        assert html.index('name="instellingen"') < html.index('name="bron"')

    def _post(self, inspecteur, jbn, oordelen: list[tuple], **extra):
        themas = {t.code: t for t in Thema.objects.all()}
        data = {
            "instellingen": [jbn.pk], "soort": "thematisch", "door": "IGJ_IJenV", "rapportdatum": "2025-07-24",
            "titel": "Onderzoek goed bestuur", "vertrouwen_verbeterkracht": "onbekend", "bron": "rapport",
            "oordelen-TOTAL_FORMS": str(len(oordelen)), "oordelen-INITIAL_FORMS": "0",
            "oordelen-MIN_NUM_FORMS": "0", "oordelen-MAX_NUM_FORMS": "1000", **extra,
        }
        for i, (code, waarde, toelichting) in enumerate(oordelen):
            data[f"oordelen-{i}-thema"] = themas[code].pk
            data[f"oordelen-{i}-waarde"] = waarde
            data[f"oordelen-{i}-toelichting"] = toelichting
        return client_voor(inspecteur).post("/admin/supervision/inspectieonderzoek/add/", data, follow=True)

    def test_themas_zonder_waarde_worden_overgeslagen(self, inspecteur, jbn):
        response = self._post(inspecteur, jbn, [
            ("goed_bestuur", "grotendeels_onvoldoende", "Sturing schiet tekort"),
            ("betekenisvol_contact", "", ""),
        ])
        assert response.status_code == 200
        onderzoek = Inspectieonderzoek.objects.get()
        assert [(o.thema.code, o.waarde) for o in onderzoek.oordelen.all()] == [("goed_bestuur", "grotendeels_onvoldoende")]
        tekst = response.content.decode()
        assert "Het inspectieonderzoek" in tekst and "De inspectieonderzoek" not in tekst

    def test_een_dubbel_thema_noemt_het_thema_en_bewaart_de_invoer(self, inspecteur, jbn):
        response = self._post(inspecteur, jbn, [
            ("goed_bestuur", "onvoldoende", "Eerste toelichting"),
            ("goed_bestuur", "voldoende", "Tweede toelichting"),
        ])
        html = response.content.decode()
        assert "Goed bestuur" in html and "twee keer" in html
        assert "Corrigeer de dubbele gegevens voor thema." not in html
        assert waarde_van(html, "oordelen-0-toelichting") == "Eerste toelichting"
        assert waarde_van(html, "oordelen-1-toelichting") == "Tweede toelichting"
        assert not Inspectieonderzoek.objects.exists() and not Oordeel.objects.exists()

    def test_een_fout_in_een_rij_noemt_het_thema(self, inspecteur, jbn):
        response = self._post(inspecteur, jbn, [("goed_bestuur", "", "Toelichting zonder oordeel")])
        html = response.content.decode()
        assert "Goed bestuur: kies een oordeel" in html
        assert waarde_van(html, "oordelen-0-toelichting") == "Toelichting zonder oordeel"
        assert not Inspectieonderzoek.objects.exists()


def test_meldingen_noemen_het_record_met_lidwoord(inspecteur, kmi_gebruiker, jbn):
    client = client_voor(kmi_gebruiker)
    response = client.post("/admin/certification/audit/add/", {
        "instelling": jbn.pk, "soort": "periodiek", "startdatum": "2025-06-02", "einddatum": "2025-06-04", "bron": "rapport",
    }, follow=True)
    tekst = response.content.decode()
    assert "De audit" in tekst and "Het audit" not in tekst


def test_een_historie_adres_zonder_registratie_geeft_404(kmi_gebruiker, jbn):
    audit = maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2))
    client = client_voor(kmi_gebruiker)
    assert client.get(f"/admin/certification/audit/{audit.pk}/history/").status_code == 200
    assert client.get(f"/admin/certification/audit/{audit.pk}/change/history/").status_code == 404


class TestCertificaatbesluitAndereInstelling:
    """Changing the GI after choosing it used to keep the first GI's audits on screen, and saving answered with an
    internal id ("4 is geen beschikbare keuze")."""

    def test_de_gekozen_instelling_ligt_vast_bij_toevoegen(self, kmi_gebruiker, jbn, jbg):
        eigen = maak.audit(kmi_gebruiker, jbn, D(2025, 6, 2))
        response = client_voor(kmi_gebruiker).post(f"/admin/certification/certificaatbesluit/add/?instelling={jbn.pk}", {
            "instelling": jbg.pk, "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
            "geldig_tot": "2028-09-15", "audits": [eigen.pk], "motivering_openbaar": "Herstel aangetoond",
            "motivering_vertrouwelijk": "", "kenmerk": "", "bron": "KMI-besluit 2025-77", "wijzigingsreden": "",
            "reikwijdte": "beide",
        })
        besluit = Certificaatbesluit.objects.get()
        assert response.status_code == 302
        assert besluit.instelling == jbn  # the GI the audits were offered for, not the one slipped into the post
        assert list(besluit.audits.all()) == [eigen]

    def test_het_formulier_biedt_een_weg_terug_naar_de_keuze(self, kmi_gebruiker, jbn):
        html = client_voor(kmi_gebruiker).get(f"/admin/certification/certificaatbesluit/add/?instelling={jbn.pk}").content.decode()
        assert "Kies de instelling opnieuw" in html
        assert re.search(r'<select[^>]*name="instelling"[^>]*disabled', html)

    def test_een_audit_die_niet_meer_past_geeft_een_leesbare_melding(self, kmi_gebruiker, jbn, jbg):
        ander = maak.audit(kmi_gebruiker, jbg, D(2025, 6, 3))
        response = client_voor(kmi_gebruiker).post(f"/admin/certification/certificaatbesluit/add/?instelling={jbn.pk}", {
            "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
            "geldig_tot": "2028-09-15", "audits": [ander.pk], "motivering_openbaar": "Herstel aangetoond",
            "motivering_vertrouwelijk": "", "kenmerk": "", "bron": "KMI-besluit 2025-77", "wijzigingsreden": "",
            "reikwijdte": "beide",
        })
        html = response.content.decode()
        assert response.status_code == 200
        assert "hoort niet bij de instelling van dit besluit" in html
        assert f"{ander.pk} is geen" not in html
        assert not Certificaatbesluit.objects.exists()
