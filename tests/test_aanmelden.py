"""Who may sign in (DESIGN.md §7): system accounts (no password) never log in and get no token; demo accounts
work only while DEBUG is on; tokens are issued by functional admin through one service, with history."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from certification.models import Certificaatbesluit
from gebruikers.accounts import KAMEROVERZICHT, VOORBEELDDATA
from gebruikers.models import Accountwijziging, ApiToken
from gebruikers.services import GeenBeheerrecht, systeemaccount, token_intrekken, token_uitgeven
from reports.models import Kameroverzicht
from tests.test_api_basis import client_voor, is_problem, sleutel_voor

pytestmark = pytest.mark.django_db
SYSTEEMACCOUNTS = [VOORBEELDDATA, KAMEROVERZICHT]


def inloggen(username: str, password: str) -> Client:
    """Logs in through the admin's login page, as a person would; the client is logged in when it succeeded."""
    client = Client()
    client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return client


def ingelogd(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def met_token(user) -> Client:
    client = client_voor()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(user)}")
    return client


class TestSysteemaccounts:
    @pytest.mark.parametrize("naam", SYSTEEMACCOUNTS)
    def test_een_systeemaccount_logt_niet_in_ook_niet_met_een_sessie(self, naam):
        account = systeemaccount(naam)
        assert not account.has_usable_password() and account.is_active
        assert not ingelogd(inloggen(naam, ""))
        client = Client()
        client.force_login(account)  # a session opened some other way is not honoured either
        assert client.get("/admin/").status_code == 302

    @pytest.mark.parametrize("naam", SYSTEEMACCOUNTS)
    def test_beheer_geeft_een_systeemaccount_geen_token(self, beheerder, naam):
        systeemaccount(naam)
        body = is_problem(client_voor(beheerder).post("/api/v1/tokens", {"gebruiker": naam}, format="json"), 400)
        assert body["invalidParams"][0]["name"] == "gebruiker"
        assert "systeemaccount" in body["invalidParams"][0]["reason"]
        assert not ApiToken.objects.filter(gebruiker__username=naam).exists()

    def test_ook_niet_in_de_admin(self, beheerder):
        account = systeemaccount(VOORBEELDDATA)
        client = Client()
        client.force_login(beheerder)
        response = client.post("/admin/gebruikers/apitoken/add/", {"gebruiker": account.pk, "reden": "Voor het laadproces"})
        assert response.status_code in (200, 302)
        assert not ApiToken.objects.filter(gebruiker=account).exists()
        assert "geen token" in " ".join(m.message for m in response.wsgi_request._messages) + response.content.decode()

    def test_een_eerder_uitgegeven_token_van_een_systeemaccount_werkt_niet(self, beheerder):
        account = systeemaccount(VOORBEELDDATA)
        body = is_problem(met_token(account).post("/api/v1/instellingen", {"afkorting": "X"}, format="json"), 401)
        assert "systeemaccount" in body["detail"]

    def test_beheer_geeft_een_systeemaccount_geen_wachtwoord(self, beheerder):
        account = systeemaccount(VOORBEELDDATA)
        client = Client()
        client.force_login(beheerder)
        response = client.post(f"/admin/auth/user/{account.pk}/password/", {"password1": "Nu-kan-ik-erin-2026!", "password2": "Nu-kan-ik-erin-2026!"})
        assert response.status_code in (200, 400)
        assert not User.objects.get(pk=account.pk).has_usable_password()
        assert not ingelogd(inloggen(VOORBEELDDATA, "Nu-kan-ik-erin-2026!"))

    def test_de_opdrachten_op_de_server_werken_onder_hun_systeemaccount(self, tmp_path):
        call_command("load_voorbeelddata")
        call_command("kameroverzicht", "2025", "--uitvoer", str(tmp_path / "overzicht.pdf"))
        for naam in SYSTEEMACCOUNTS:
            assert not User.objects.get(username=naam).has_usable_password(), naam
        assert Kameroverzicht.objects.get().aangemaakt_door.username == KAMEROVERZICHT
        assert Certificaatbesluit.history.filter(history_user__username=VOORBEELDDATA).exists()
        eerste = systeemaccount(KAMEROVERZICHT)
        assert sorted(eerste.groups.values_list("name", flat=True)) == ["ministerie", "rva"]
        assert Accountwijziging.objects.filter(gebruiker=eerste).count() == 1  # set up once, recorded once


class TestDemoaccounts:
    @pytest.fixture
    def demo(self, settings):
        settings.DEBUG = True
        call_command("load_voorbeelddata")
        return User.objects.get(username="kmi")

    def test_met_debug_aan_werken_ze(self, demo, settings):
        settings.DEBUG = True
        assert ingelogd(inloggen("kmi", "demo-kmi-2026"))
        assert met_token(demo).get("/api/v1/audits").status_code == 200

    def test_met_debug_uit_worden_ze_geweigerd(self, demo):
        sessie = inloggen("kmi", "demo-kmi-2026")  # logged in while DEBUG was on
        with override_settings(DEBUG=False):
            assert not ingelogd(inloggen("kmi", "demo-kmi-2026"))
            assert not ingelogd(sessie)
            body = is_problem(met_token(demo).get("/api/v1/audits"), 401)
            assert "demo-account" in body["detail"]

    def test_met_debug_uit_archiveert_de_opdracht_niet_onder_een_demo_account(self, demo, tmp_path):
        with override_settings(DEBUG=False), pytest.raises(CommandError, match="demo-account"):
            call_command("kameroverzicht", "2025", "--gebruiker", "ministerie", "--uitvoer", str(tmp_path / "x.pdf"))
        assert not Kameroverzicht.objects.exists()

    def test_met_debug_uit_krijgen_ze_geen_token(self, demo, beheerder):
        with override_settings(DEBUG=False):
            is_problem(client_voor(beheerder).post("/api/v1/tokens", {"gebruiker": "kmi"}, format="json"), 400)
        assert not ApiToken.objects.filter(gebruiker=demo).exists()


class TestTokens:
    def test_uitgeven_en_intrekken_staan_in_de_historie(self, beheerder, kmi_gebruiker):
        client = client_voor(beheerder)
        response = client.post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json", HTTP_REDEN="Koppeling KMI-systeem")
        assert response.status_code == 201
        assert client.delete(f"/api/v1/tokens/{kmi_gebruiker.username}").status_code == 204
        uitgegeven, ingetrokken = Accountwijziging.objects.filter(gebruiker=kmi_gebruiker).order_by("id")
        assert (uitgegeven.soort, uitgegeven.door, uitgegeven.reden) == ("token_uitgegeven", beheerder, "Koppeling KMI-systeem")
        assert (ingetrokken.soort, ingetrokken.door) == ("token_ingetrokken", beheerder)

    def test_geen_token_voor_een_inactief_account(self, beheerder, kmi_gebruiker):
        kmi_gebruiker.is_active = False
        kmi_gebruiker.save()
        is_problem(client_voor(beheerder).post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json"), 400)
        assert not ApiToken.objects.filter(gebruiker=kmi_gebruiker).exists()

    def test_geen_token_voor_uzelf(self, beheerder):
        client = client_voor(beheerder)
        digest = ApiToken.objects.get(gebruiker=beheerder).digest
        body = is_problem(client.post("/api/v1/tokens", {"gebruiker": beheerder.username}, format="json"), 403)
        assert "uzelf" in body["detail"]
        assert list(ApiToken.objects.filter(gebruiker=beheerder).values_list("digest", flat=True)) == [digest]

    def test_alleen_een_superuser_geeft_een_superuser_een_token(self, beheerder):
        baas = User.objects.create_superuser("opperbeheer", password="geheim-wachtwoord-123")
        is_problem(client_voor(beheerder).post("/api/v1/tokens", {"gebruiker": "opperbeheer"}, format="json"), 403)
        assert not ApiToken.objects.filter(gebruiker=baas).exists()
        tweede = User.objects.create_superuser("tweede-baas", password="geheim-wachtwoord-123")
        assert token_uitgeven(actor=tweede, gebruikersnaam="opperbeheer").gebruiker == baas

    def test_de_admin_toont_geen_sleutels_in_de_lijst(self, beheerder, kmi_gebruiker, superuser_token_uitgever):
        token = token_uitgeven(actor=superuser_token_uitgever, gebruikersnaam=kmi_gebruiker.username)
        client = Client()
        client.force_login(beheerder)
        pagina = client.get("/admin/gebruikers/apitoken/").content.decode()
        assert kmi_gebruiker.username in pagina
        assert token.sleutel not in pagina and token.digest not in pagina
        pagina = client.get(f"/admin/gebruikers/apitoken/{kmi_gebruiker.pk}/change/").content.decode()
        assert kmi_gebruiker.username in pagina
        assert token.sleutel not in pagina and token.digest not in pagina

    def test_beheer_geeft_een_token_uit_in_de_admin(self, beheerder, kmi_gebruiker):
        client = Client()
        client.force_login(beheerder)
        response = client.post("/admin/gebruikers/apitoken/add/", {"gebruiker": kmi_gebruiker.pk, "reden": "Koppeling"})
        assert response.status_code == 200
        sleutel = response.context["sleutel"]
        assert sleutel in response.content.decode()  # shown once, to hand over
        assert "no-store" in response["Cache-Control"]
        assert Accountwijziging.objects.get(gebruiker=kmi_gebruiker).door == beheerder
        # the key works, is stored only as its digest and no page shows it again
        token = ApiToken.objects.get(gebruiker=kmi_gebruiker)
        assert token.digest == ApiToken.digest_van(sleutel) and sleutel not in str(vars(token))
        assert client_met_sleutel(sleutel).get("/api/v1/tokens").status_code == 403  # known, but not beheer
        for pagina in ("/admin/gebruikers/apitoken/", f"/admin/gebruikers/apitoken/{kmi_gebruiker.pk}/change/",
                       f"/admin/auth/user/{kmi_gebruiker.pk}/change/"):
            assert sleutel not in client.get(pagina).content.decode()

    def test_de_api_toont_de_sleutel_alleen_bij_het_uitgeven(self, beheerder, kmi_gebruiker):
        client = client_voor(beheerder)
        sleutel = client.post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json").json()["token"]
        assert len(sleutel) == 64
        assert client_met_sleutel(sleutel).get("/api/v1/audits").status_code == 200
        for adres in ("/api/v1/tokens", f"/api/v1/tokens/{kmi_gebruiker.username}"):
            assert sleutel not in client.get(adres).content.decode()
        assert not ApiToken.objects.filter(digest=sleutel).exists()  # the database holds the digest, not the key

    def test_een_nieuw_token_vervangt_het_oude(self, beheerder, kmi_gebruiker):
        client = client_voor(beheerder)
        oud = client.post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json").json()["token"]
        nieuw = client.post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json").json()["token"]
        body = is_problem(client_met_sleutel(oud).get("/api/v1/audits"), 401)
        assert "Ongeldig token" in body["detail"] and "nieuw token" in body["detail"]
        assert client_met_sleutel(nieuw).get("/api/v1/audits").status_code == 200

    def test_beheer_trekt_het_token_van_een_superuser_niet_in(self, beheerder, superuser_token_uitgever):
        baas = User.objects.create_superuser("opperbeheer", password="geheim-wachtwoord-123")
        token_uitgeven(actor=superuser_token_uitgever, gebruikersnaam="opperbeheer")
        with pytest.raises(GeenBeheerrecht, match="superuser"):
            token_intrekken(actor=beheerder, gebruiker=baas)
        is_problem(client_voor(beheerder).delete("/api/v1/tokens/opperbeheer"), 403)
        client = Client()
        client.force_login(beheerder)
        assert client.post(f"/admin/gebruikers/apitoken/{baas.pk}/delete/", {"post": "yes"}).status_code == 403
        assert ApiToken.objects.filter(gebruiker=baas).exists()
        assert not Accountwijziging.objects.filter(gebruiker=baas, soort="token_ingetrokken").exists()
        assert token_intrekken(actor=superuser_token_uitgever, gebruiker=baas).door == superuser_token_uitgever


def client_met_sleutel(sleutel: str):
    client = client_voor()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    return client


@pytest.fixture
def superuser_token_uitgever(db):
    return User.objects.create_superuser("uitgever", password="geheim-wachtwoord-123")


class TestTokenOpDeServer:
    def test_token_uitgeven_toont_de_sleutel_eenmalig_en_legt_vast(self, kmi_gebruiker):
        from io import StringIO

        uit = StringIO()
        call_command("token_uitgeven", kmi_gebruiker.username, "--reden", "Koppeling", stdout=uit)
        sleutel = uit.getvalue().strip()
        assert client_met_sleutel(sleutel).get("/api/v1/audits").status_code == 200
        assert ApiToken.objects.get(gebruiker=kmi_gebruiker).digest == ApiToken.digest_van(sleutel)
        rij = Accountwijziging.objects.get(gebruiker=kmi_gebruiker)
        assert (rij.soort, rij.door, rij.reden) == ("token_uitgegeven", None, "Koppeling")

    def test_token_uitgeven_weigert_een_systeemaccount(self):
        systeemaccount(VOORBEELDDATA)
        with pytest.raises(CommandError, match="systeemaccount"):
            call_command("token_uitgeven", VOORBEELDDATA)
        assert not ApiToken.objects.exists()
