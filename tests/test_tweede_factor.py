"""The second factor at login (DESIGN.md §7, ASVS level 2): a TOTP code, required for beheer and superusers,
available to everyone; until it is given a session reaches nothing but the second-factor pages. These tests log in
as a person does (password, then code); ``force_login`` stands for a complete login (tests/conftest.py)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gebruikers import services
from gebruikers.models import Accountwijziging

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"  # of the named actors in conftest
CONTROLEREN, INSTELLEN = "/admin/tweede-factor/", "/admin/tweede-factor/instellen/"


@pytest.fixture(autouse=True)
def _zonder_wachttijd(settings):
    """django-otp makes every next try after a wrong code wait 1, 2, 4 ... seconds; off here except where tested."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def wachtwoord(user, client=None, password=WACHTWOORD) -> Client:
    """The first step of the login: the admin's login form."""
    client = client or Client()
    response = client.post("/admin/login/?next=/admin/", {"username": user.username, "password": password})
    assert response.status_code == 302, response.content[:500]
    return client


def app_voor(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)


def code(app: TOTPDevice, stap: int = 0) -> str:
    """The code the app shows now (``stap`` 30-second steps later)."""
    return f"{totp(app.bin_key, app.step, app.t0, app.digits, drift=stap):06d}"


def binnen(client) -> bool:
    return client.get("/admin/").status_code == 200


class TestVerplichtVoorBeheer:
    def test_zonder_app_naar_instellen_en_nergens_anders(self, beheerder, kmi_gebruiker):
        client = wachtwoord(beheerder)
        for pad in ("/admin/", "/admin/auth/user/", f"/admin/auth/user/{kmi_gebruiker.pk}/change/",
                    "/admin/historisch/", "/admin/login/?next=/admin/auth/user/"):
            response = client.get(pad)
            assert response.status_code == 302, pad
            assert response["Location"].startswith(INSTELLEN), (pad, response["Location"])
        assert client.get("/admin/login/?next=/admin/auth/user/")["Location"] == f"{INSTELLEN}?next=%2Fadmin%2Fauth%2Fuser%2F"
        # every other door sees the public: the API's session login, the archive
        assert client.get("/api/v1/tokens").status_code in (401, 403)
        assert client.get("/kameroverzicht/archief/").status_code == 302
        response = client.post(f"/admin/auth/user/{kmi_gebruiker.pk}/change/", {"is_staff": "", "reden": "x"})
        assert response.status_code == 302 and response["Location"].startswith(INSTELLEN)
        assert User.objects.get(pk=kmi_gebruiker.pk).is_staff

    def test_een_app_instellen_en_dan_verder(self, beheerder):
        client = wachtwoord(beheerder)
        pagina = client.get(f"{INSTELLEN}?next=/admin/auth/user/")
        assert pagina.status_code == 200
        app = TOTPDevice.objects.get(user=beheerder, confirmed=False)
        tekst = pagina.content.decode()
        assert "otpauth://totp/GI-register%3Abeheerder?secret=" in tekst and "verplicht" in tekst
        assert client.post(INSTELLEN, {"code": "000000", "next": "/admin/auth/user/"}).status_code == 400
        assert not binnen(client)
        response = client.post(INSTELLEN, {"code": code(app), "next": "/admin/auth/user/"})
        assert response.status_code == 302 and response["Location"] == "/admin/auth/user/"
        assert binnen(client)
        assert TOTPDevice.objects.get(user=beheerder).confirmed
        wijziging = Accountwijziging.objects.get(gebruiker=beheerder, soort="tweede_factor")
        assert wijziging.door == beheerder

    def test_met_app_vraagt_de_login_de_code(self, beheerder):
        app = app_voor(beheerder)
        client = wachtwoord(beheerder)
        assert client.get("/admin/")["Location"] == f"{CONTROLEREN}?next=%2Fadmin%2F"
        assert client.get(INSTELLEN)["Location"].startswith(CONTROLEREN)  # no new app without the code of the old
        response = client.post(CONTROLEREN, {"code": code(app), "next": "/admin/"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert binnen(client)
        assert client.get("/api/v1/tokens").status_code == 200

    def test_een_foute_code_wordt_geweigerd_in_het_nederlands(self, beheerder):
        app = app_voor(beheerder)
        client = wachtwoord(beheerder)
        for fout in ("123", "abcdef", code(app, stap=-5)):
            response = client.post(CONTROLEREN, {"code": fout})
            assert response.status_code == 400
            tekst = response.content.decode()
            assert "zes cijfers" in tekst or "klopt niet" in tekst
        assert not binnen(client)

    def test_een_code_werkt_maar_een_keer(self, beheerder):
        app = app_voor(beheerder)
        eerste = wachtwoord(beheerder)
        gebruikte = code(app)
        assert eerste.post(CONTROLEREN, {"code": gebruikte}).status_code == 302
        tweede = wachtwoord(beheerder)
        assert tweede.post(CONTROLEREN, {"code": gebruikte}).status_code == 400
        assert not binnen(tweede)

    def test_foute_codes_tellen_mee_voor_de_blokkade(self, beheerder):
        app = app_voor(beheerder)
        client = wachtwoord(beheerder)
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert client.post(CONTROLEREN, {"code": "000000"}).status_code == 400
        response = client.post(CONTROLEREN, {"code": "000001"})
        assert response.status_code == 429
        assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
        assert client.post(CONTROLEREN, {"code": code(app)}).status_code == 302  # logged out: to the login page
        assert not binnen(client)
        # the lock-out holds for the password too
        response = Client().post("/admin/login/?next=/admin/", {"username": beheerder.username, "password": WACHTWOORD})
        assert response.status_code == 429

    def test_na_een_foute_code_wacht_de_volgende(self, beheerder, settings):
        settings.OTP_TOTP_THROTTLE_FACTOR = 1
        app = app_voor(beheerder)
        client = wachtwoord(beheerder)
        assert client.post(CONTROLEREN, {"code": "000000"}).status_code == 400
        response = client.post(CONTROLEREN, {"code": code(app)})  # right, but too soon
        assert response.status_code == 400 and "probeer het over" in response.content.decode()
        assert not binnen(client)

    def test_ook_voor_een_superuser(self):
        baas = User.objects.create_superuser("opperbeheer", password=WACHTWOORD)
        client = wachtwoord(baas)
        assert client.get("/admin/")["Location"].startswith(INSTELLEN)

    def test_het_demo_account_beheer_met_debug_zonder_tweede_factor(self, settings):
        settings.DEBUG = True
        call_command("load_voorbeelddata")
        client = wachtwoord(User.objects.get(username="beheer"), password="demo-beheer-2026")
        assert binnen(client)


class TestBeschikbaarVoorIedereen:
    def test_zonder_app_logt_kmi_gewoon_in(self, kmi_gebruiker):
        assert binnen(wachtwoord(kmi_gebruiker))

    def test_met_app_moet_kmi_de_code_geven(self, kmi_gebruiker):
        app = app_voor(kmi_gebruiker)
        client = wachtwoord(kmi_gebruiker)
        assert client.get("/admin/")["Location"].startswith(CONTROLEREN)
        assert client.get("/api/v1/audits").status_code == 200  # public reads, as the public
        assert client.post("/api/v1/instellingen", {}, content_type="application/json").status_code in (401, 403)
        assert client.post(CONTROLEREN, {"code": code(app)}).status_code == 302
        assert binnen(client)

    def test_kmi_stelt_zelf_een_app_in_en_zet_hem_weer_uit(self, kmi_gebruiker):
        client = wachtwoord(kmi_gebruiker)
        assert "niet verplicht" in client.get(INSTELLEN).content.decode()
        app = TOTPDevice.objects.get(user=kmi_gebruiker, confirmed=False)
        assert client.post(INSTELLEN, {"code": code(app)}).status_code == 302
        nieuwe_login = wachtwoord(kmi_gebruiker)
        assert not binnen(nieuwe_login)
        assert "uitzetten" in client.get(INSTELLEN).content.decode()
        assert client.post(INSTELLEN, {"actie": "uitzetten"}).status_code == 302
        assert not TOTPDevice.objects.filter(user=kmi_gebruiker).exists()
        assert binnen(wachtwoord(kmi_gebruiker))
        assert [w.soort for w in Accountwijziging.objects.filter(gebruiker=kmi_gebruiker).order_by("id")] == [
            "tweede_factor", "tweede_factor_weg"]

    def test_beheer_zet_de_eigen_tweede_factor_niet_uit(self, beheerder):
        app_voor(beheerder)
        with pytest.raises(PermissionDenied, match="verplicht"):
            services.tweede_factor_verwijderen(actor=beheerder, gebruiker=beheerder)
        assert TOTPDevice.objects.filter(user=beheerder).exists()

    def test_beheer_verwijdert_de_app_van_een_ander_bij_een_kwijtgeraakte_telefoon(self, beheerder, inspecteur):
        app_voor(inspecteur)
        sessie = Client()
        sessie.force_login(inspecteur)
        wijziging = services.tweede_factor_verwijderen(actor=beheerder, gebruiker=inspecteur, reden="Telefoon kwijt")
        assert (wijziging.soort, wijziging.door, wijziging.reden) == ("tweede_factor_weg", beheerder, "Telefoon kwijt")
        assert not TOTPDevice.objects.filter(user=inspecteur).exists()
        assert not binnen(sessie)  # its sessions ended


class TestToegankelijk:
    def test_het_codeveld_heeft_een_label_en_een_uitleg(self, beheerder):
        app_voor(beheerder)
        client = wachtwoord(beheerder)
        tekst = client.get(CONTROLEREN).content.decode()
        assert 'lang="nl"' in tekst
        assert '<label for="id_code">Code uit uw authenticator-app:</label>' in tekst
        assert 'autocomplete="one-time-code"' in tekst and 'inputmode="numeric"' in tekst
        assert 'aria-describedby="id_code_helptext"' in tekst and 'id="id_code_helptext"' in tekst
        fout = client.post(CONTROLEREN, {"code": "000000"}).content.decode()
        assert 'aria-invalid="true"' in fout and "klopt niet" in fout


class TestInDeAdmin:
    def test_beheer_ziet_en_verwijdert_de_app_van_een_ander(self, beheerder, inspecteur):
        app_voor(inspecteur)
        client = Client()
        client.force_login(beheerder)
        pagina = client.get(f"/admin/auth/user/{inspecteur.pk}/change/").content.decode()
        assert "Authenticator-app, ingesteld op" in pagina
        adres = f"/admin/auth/user/{inspecteur.pk}/tweede-factor/"
        assert client.post(adres, {"reden": ""}).status_code == 400
        assert TOTPDevice.objects.filter(user=inspecteur).exists()
        assert client.post(adres, {"reden": "Telefoon kwijt"}).status_code == 302
        assert not TOTPDevice.objects.filter(user=inspecteur).exists()
        assert Accountwijziging.objects.get(gebruiker=inspecteur, soort="tweede_factor_weg").reden == "Telefoon kwijt"

    def test_niet_die_van_een_superuser_of_van_zichzelf(self, beheerder):
        baas = User.objects.create_superuser("opperbeheer", password=WACHTWOORD)
        app_voor(baas)
        client = Client()
        client.force_login(beheerder)
        assert client.post(f"/admin/auth/user/{baas.pk}/tweede-factor/", {"reden": "x"}).status_code == 403
        assert client.post(f"/admin/auth/user/{beheerder.pk}/tweede-factor/", {"reden": "x"}).status_code == 403
        assert TOTPDevice.objects.filter(user=baas).exists() and TOTPDevice.objects.filter(user=beheerder).exists()

    def test_de_geheime_sleutels_staan_nergens_in_de_admin(self, beheerder):
        client = Client()
        client.force_login(beheerder)
        assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
