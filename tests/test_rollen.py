"""Role separation (DESIGN.md §2): through the services and through the admin."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.test import Client

from certification.models import Audit, Certificaatbesluit
from supervision.models import Toezichtbesluit
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def gi(beheerder):
    return maak.instelling(beheerder, "JBN")


class TestServices:
    def test_kmi_cannot_write_supervision(self, kmi_gebruiker, gi):
        with pytest.raises(PermissionDenied) as exc:
            maak.toezicht(kmi_gebruiker, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
        assert "inspectie" in str(exc.value)
        assert Toezichtbesluit.objects.count() == 0

    def test_inspecteur_cannot_write_certification(self, inspecteur, gi):
        with pytest.raises(PermissionDenied):
            maak.certificaat(inspecteur, gi, "volledig", D(2025, 9, 16))
        with pytest.raises(PermissionDenied):
            maak.audit(inspecteur, gi, D(2025, 9, 1))
        assert Certificaatbesluit.objects.count() == Audit.objects.count() == 0

    @pytest.mark.parametrize("actor", ["rva_gebruiker", "ministerie_gebruiker", "publiek"])
    def test_readers_write_nothing(self, request, actor, gi):
        user = request.getfixturevalue(actor)
        with pytest.raises(PermissionDenied):
            maak.certificaat(user, gi, "volledig", D(2025, 9, 16))
        with pytest.raises(PermissionDenied):
            maak.toezicht(user, gi, "verscherpt", D(2025, 7, 24))
        with pytest.raises(PermissionDenied):
            maak.instelling(user, "NIEUW")

    def test_kmi_cannot_register_instelling(self, kmi_gebruiker):
        with pytest.raises(PermissionDenied):
            maak.instelling(kmi_gebruiker, "NIEUW")


def login(user):
    client = Client()
    client.force_login(user)
    return client


def besluit_post(gi, **extra):
    data = {"instelling": gi.pk, "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
            "geldig_tot": "2028-09-15", "bron": "KMI-besluit", "motivering_openbaar": "", "motivering_vertrouwelijk": "",
            "kenmerk": "", "wijzigingsreden": "", "reikwijdte": "beide"}
    data.update(extra)
    return data


class TestAdmin:
    def test_kmi_adds_certificaatbesluit_in_admin(self, kmi_gebruiker, gi):
        response = login(kmi_gebruiker).post("/admin/certification/certificaatbesluit/add/", besluit_post(gi))
        assert response.status_code == 302, response.content.decode()[:2000]
        besluit = Certificaatbesluit.objects.get()
        assert besluit.history.get().history_user == kmi_gebruiker

    def test_admin_shows_dutch_validation_error_and_saves_nothing(self, kmi_gebruiker, gi):
        response = login(kmi_gebruiker).post(
            "/admin/certification/certificaatbesluit/add/", besluit_post(gi, status="overbrugging", geldig_tot="")
        )
        assert response.status_code == 200
        assert "is &#x27;geldig tot&#x27; verplicht" in response.content.decode()
        assert Certificaatbesluit.objects.count() == 0

    def test_correction_in_admin_requires_reason(self, kmi_gebruiker, gi):
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        url = f"/admin/certification/certificaatbesluit/{besluit.pk}/change/"
        client = login(kmi_gebruiker)
        response = client.post(url, besluit_post(gi, kenmerk="KMI-2025-1"))
        assert response.status_code == 200
        assert "Geef een reden op" in response.content.decode()
        response = client.post(url, besluit_post(gi, kenmerk="KMI-2025-1", wijzigingsreden="kenmerk aangevuld"))
        assert response.status_code == 302
        laatste = besluit.history.order_by("-history_date", "-history_id").first()
        assert (laatste.kenmerk, laatste.history_change_reason) == ("KMI-2025-1", "kenmerk aangevuld")

    def test_inspecteur_cannot_add_certificaatbesluit_in_admin(self, inspecteur, gi):
        client = login(inspecteur)
        assert client.get("/admin/certification/certificaatbesluit/add/").status_code == 403
        assert client.post("/admin/certification/certificaatbesluit/add/", besluit_post(gi)).status_code == 403
        assert Certificaatbesluit.objects.count() == 0

    def test_kmi_cannot_add_toezichtbesluit_in_admin(self, kmi_gebruiker, gi):
        data = {"instelling": gi.pk, "niveau": "verscherpt", "door": "IGJ", "besluitdatum": "2025-07-24",
                "ingangsdatum": "2025-07-24", "bron": "x"}
        assert login(kmi_gebruiker).post("/admin/supervision/toezichtbesluit/add/", data).status_code == 403
        assert Toezichtbesluit.objects.count() == 0

    def test_inspecteur_enters_oordelen_inline(self, inspecteur, gi):
        from supervision.models import Inspectieonderzoek, Thema

        thema = Thema.objects.get(code="goed_bestuur")
        data = {
            "instellingen": [gi.pk], "soort": "verdiepend", "door": "IGJ_IJenV", "rapportdatum": "2025-07-24",
            "titel": "Verdiepend onderzoek JBN", "bron": "rapport", "vertrouwen_verbeterkracht": "nee",
            "oordelen-TOTAL_FORMS": "1", "oordelen-INITIAL_FORMS": "0", "oordelen-MIN_NUM_FORMS": "0",
            "oordelen-MAX_NUM_FORMS": "1000", "oordelen-0-thema": thema.pk, "oordelen-0-waarde": "grotendeels_onvoldoende",
        }
        response = login(inspecteur).post("/admin/supervision/inspectieonderzoek/add/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        onderzoek = Inspectieonderzoek.objects.get()
        assert [(o.thema.code, o.waarde) for o in onderzoek.oordelen.all()] == [("goed_bestuur", "grotendeels_onvoldoende")]

    def test_nobody_deletes_a_decision(self, kmi_gebruiker, gi):
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        response = login(kmi_gebruiker).post(f"/admin/certification/certificaatbesluit/{besluit.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403
        assert Certificaatbesluit.objects.filter(pk=besluit.pk).exists()

    def test_ministerie_reads_but_never_sees_confidential_fields(self, kmi_gebruiker, ministerie_gebruiker, gi):
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), motivering_vertrouwelijk="GEHEIM-MOTIVERING-7731")
        audit = maak.audit(kmi_gebruiker, gi, D(2025, 9, 1), samenvatting="GEHEIME-SAMENVATTING-4410", rapportkenmerk="RK-GEHEIM-9")
        client = login(ministerie_gebruiker)
        pages = [
            f"/admin/certification/certificaatbesluit/{besluit.pk}/change/",
            f"/admin/certification/certificaatbesluit/{besluit.pk}/history/",
            f"/admin/certification/audit/{audit.pk}/change/",
            f"/admin/certification/audit/{audit.pk}/history/",
            "/admin/certification/audit/",
            f"/admin/register/instelling/{gi.pk}/change/",
        ]
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            body = response.content.decode()
            for marker in ("GEHEIM-MOTIVERING-7731", "GEHEIME-SAMENVATTING-4410", "RK-GEHEIM-9"):
                assert marker not in body, (page, marker)
        assert client.post(f"/admin/certification/certificaatbesluit/{besluit.pk}/change/", besluit_post(gi)).status_code == 403

    def test_toezichthouder_sees_confidential_fields(self, kmi_gebruiker, rva_gebruiker, gi):
        audit = maak.audit(kmi_gebruiker, gi, D(2025, 9, 1), samenvatting="GEHEIME-SAMENVATTING-4410")
        body = login(rva_gebruiker).get(f"/admin/certification/audit/{audit.pk}/change/").content.decode()
        assert "GEHEIME-SAMENVATTING-4410" in body

    def test_instelling_page_shows_timeline(self, kmi_gebruiker, inspecteur, gi):
        maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15))
        maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
        body = login(kmi_gebruiker).get(f"/admin/register/instelling/{gi.pk}/change/").content.decode()
        assert "Tijdlijn van JBN" in body
        assert "overbruggingscertificaat tot en met 15-09-2025" in body
        assert "verscherpt toezicht, termijn tot en met 23-02-2026" in body


def test_void_in_admin_needs_reason_and_keeps_the_record(kmi_gebruiker, gi):
    besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
    url = f"/admin/certification/certificaatbesluit/{besluit.pk}/change/"
    client = login(kmi_gebruiker)
    response = client.post(url, besluit_post(gi, laten_vervallen="on", wijzigingsreden="Dubbel ingevoerd"))
    assert response.status_code == 302
    besluit.refresh_from_db()
    assert (besluit.vervallen, besluit.vervalreden) == (True, "Dubbel ingevoerd")


def test_demo_kmi_user_sees_jbn_certificate_history(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_voorbeelddata")
    client = Client()
    # django-axes checks every password login against its lock-out and needs the request for the address.
    assert client.login(request=HttpRequest(), username="kmi", password="demo-kmi-2026")
    jbn = Certificaatbesluit.objects.filter(instelling__afkorting="JBN").order_by("ingangsdatum")
    body = client.get(f"/admin/certification/certificaatbesluit/?instelling__id__exact={jbn[0].instelling_id}").content.decode()
    for besluit in jbn:
        assert f"/admin/certification/certificaatbesluit/{besluit.pk}/change/" in body
    geschiedenis = client.get(f"/admin/certification/certificaatbesluit/{jbn.last().pk}/history/")
    assert geschiedenis.status_code == 200
    assert "Voorbeelddata uit openbare bronnen geladen" in geschiedenis.content.decode()
