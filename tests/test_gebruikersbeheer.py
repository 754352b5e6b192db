"""Managing accounts (DESIGN.md §2 and §7): beheer assigns roles to others, never to itself; nobody but a
superuser makes or changes a superuser; every role change is in the history; accounts are deactivated,
never deleted, and the history keeps who made each change."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.test import Client

from certification.models import Certificaatbesluit
from gebruikers import services
from gebruikers.models import Accountwijziging
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date
pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("opperbeheer", password=WACHTWOORD)


@pytest.fixture
def nieuwe_collega(db):
    return User.objects.create_user("nieuwe-collega", password=WACHTWOORD, is_staff=True)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rol_ids(*namen) -> list[int]:
    return [Group.objects.get(name=naam).pk for naam in namen]


def account_post(user, **extra) -> dict:
    """The change form of an account as the admin sends it back unchanged, with ``extra`` changed."""
    data = {
        "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "groups": [g.pk for g in user.groups.all()], "is_staff": "on" if user.is_staff else "",
        "is_active": "on" if user.is_active else "", "reden": "",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v != ""}


def stand(user) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (user.is_superuser, user.is_staff, user.is_active, sorted(user.groups.values_list("name", flat=True)),
            user.user_permissions.count(), user.password)


def wijzig_url(user) -> str:
    return f"/admin/auth/user/{user.pk}/change/"


def auteur_in_feed(lezer, resource="certificaatbesluiten") -> tuple:
    """Who the change feed names as the author of the first change of ``resource``, as ``lezer`` sees it:
    the account (for readers who may see it) and the organisation."""
    feed = client_voor(lezer).get("/api/v1/wijzigingen", {"pageSize": 50}).json()["results"]
    rij = next(r for r in feed if r["resource"] == resource)
    return rij.get("gebruiker"), rij.get("organisatie")


class TestRollenToekennen:
    def test_beheer_kent_een_ander_een_rol_toe_en_dat_staat_in_de_historie(self, beheerder, nieuwe_collega):
        response = login(beheerder).post(
            wijzig_url(nieuwe_collega), account_post(nieuwe_collega, groups=rol_ids("kmi"), reden="Nieuwe auditor KMI")
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        assert list(nieuwe_collega.groups.values_list("name", flat=True)) == ["kmi"]
        wijziging = Accountwijziging.objects.get(gebruiker=nieuwe_collega)
        assert (wijziging.door, wijziging.soort, wijziging.reden) == (beheerder, "gewijzigd", "Nieuwe auditor KMI")
        assert (wijziging.oud, wijziging.nieuw) == ({"rollen": []}, {"rollen": ["kmi"]})
        pagina = login(beheerder).get(wijzig_url(nieuwe_collega)).content.decode()
        assert "Nieuwe auditor KMI" in pagina  # the account page shows its history

    def test_een_rolwijziging_zonder_reden_wordt_niet_opgeslagen(self, beheerder, nieuwe_collega):
        response = login(beheerder).post(wijzig_url(nieuwe_collega), account_post(nieuwe_collega, groups=rol_ids("kmi")))
        assert response.status_code == 200
        assert "Geef een reden op" in response.content.decode()
        assert not nieuwe_collega.groups.exists()
        assert not Accountwijziging.objects.exists()

    def test_een_rol_intrekken_staat_ook_in_de_historie(self, beheerder, kmi_gebruiker):
        services.rollen_wijzigen(actor=beheerder, gebruiker=kmi_gebruiker, rollen=[], reden="Uit dienst bij KMI")
        wijziging = Accountwijziging.objects.get(gebruiker=kmi_gebruiker)
        assert (wijziging.oud, wijziging.nieuw, wijziging.door) == ({"rollen": ["kmi"]}, {"rollen": []}, beheerder)

    def test_een_nieuw_account_met_rol_staat_in_de_historie(self, beheerder):
        response = login(beheerder).post("/admin/auth/user/add/", {
            "username": "auditor", "password1": "Lang-en-uniek-2026!", "password2": "Lang-en-uniek-2026!",
            "groups": rol_ids("kmi"), "is_staff": "on", "is_superuser": "on", "reden": "Nieuwe auditor",
        })
        assert response.status_code == 302, response.content.decode()[:3000]
        auditor = User.objects.get(username="auditor")
        assert (auditor.is_superuser, list(auditor.groups.values_list("name", flat=True))) == (False, ["kmi"])
        aangemaakt = Accountwijziging.objects.get(gebruiker=auditor)
        assert (aangemaakt.soort, aangemaakt.door, aangemaakt.nieuw["rollen"]) == ("aangemaakt", beheerder, ["kmi"])

    def test_alleen_beheer_beheert_accounts(self, kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, nieuwe_collega):
        for actor in (kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker):
            client = login(actor)
            assert client.get("/admin/auth/user/").status_code == 403
            assert client.post(wijzig_url(nieuwe_collega), account_post(nieuwe_collega, groups=rol_ids("kmi"), reden="x")).status_code == 403
            with pytest.raises(PermissionDenied):
                services.rollen_wijzigen(actor=actor, gebruiker=nieuwe_collega, rollen=["kmi"], reden="x")
        assert not nieuwe_collega.groups.exists()

    def test_rollen_zijn_vast(self, beheerder):
        client = login(beheerder)
        kmi = Group.objects.get(name="kmi")
        assert client.get("/admin/auth/group/").status_code == 200
        assert client.get("/admin/auth/group/add/").status_code == 403
        assert client.post("/admin/auth/group/add/", {"name": "nieuwe-rol"}).status_code == 403
        assert client.post(f"/admin/auth/group/{kmi.pk}/change/", {"name": "beheer-2"}).status_code == 403
        assert client.post(f"/admin/auth/group/{kmi.pk}/delete/", {"post": "yes"}).status_code == 403
        assert sorted(Group.objects.values_list("name", flat=True)) == ["beheer", "inspectie", "kmi", "ministerie", "rva"]


class TestGeenEscalatie:
    def test_beheer_maakt_zichzelf_geen_superuser(self, beheerder):
        voor = stand(beheerder)
        response = login(beheerder).post(
            wijzig_url(beheerder), account_post(beheerder, is_superuser="on", reden="Ik wil alles mogen")
        )
        assert response.status_code in (200, 302, 403)
        assert stand(beheerder) == voor
        with pytest.raises(PermissionDenied):
            services.gebruiker_wijzigen(actor=beheerder, gebruiker=beheerder, superuser=True, reden="x")
        assert stand(beheerder) == voor

    def test_beheer_zet_zichzelf_niet_in_kmi_en_schrijft_dus_geen_certificaatbesluit(self, beheerder):
        voor = stand(beheerder)
        client = login(beheerder)
        client.post(wijzig_url(beheerder), account_post(beheerder, groups=rol_ids("beheer", "kmi"), reden="Even KMI"))
        assert stand(beheerder) == voor
        with pytest.raises(PermissionDenied, match="eigen rollen"):
            services.rollen_wijzigen(actor=beheerder, gebruiker=beheerder, rollen=["beheer", "kmi"], reden="Even KMI")
        assert stand(beheerder) == voor
        gi = maak.instelling(beheerder, "JBN")
        besluit = {"instelling": gi.pk, "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
                   "geldig_tot": "2028-09-15", "bron": "KMI-besluit"}
        assert client.post("/admin/certification/certificaatbesluit/add/", besluit).status_code == 403
        assert not Certificaatbesluit.objects.exists()

    def test_beheer_deactiveert_zichzelf_niet_en_neemt_zichzelf_de_toegang_niet_af(self, beheerder):
        voor = stand(beheerder)
        login(beheerder).post(wijzig_url(beheerder), account_post(beheerder, is_active="", is_staff="", reden="x"))
        assert stand(beheerder) == voor
        with pytest.raises(PermissionDenied):
            services.gebruiker_wijzigen(actor=beheerder, gebruiker=beheerder, actief=False, reden="x")

    def test_beheer_maakt_geen_superuser_aan_en_maakt_niemand_superuser(self, beheerder, nieuwe_collega):
        voor = stand(nieuwe_collega)
        login(beheerder).post(wijzig_url(nieuwe_collega), account_post(nieuwe_collega, is_superuser="on", reden="x"))
        assert stand(nieuwe_collega) == voor
        with pytest.raises(PermissionDenied, match="createsuperuser"):
            services.gebruiker_wijzigen(actor=beheerder, gebruiker=nieuwe_collega, superuser=True, reden="x")
        with pytest.raises(TypeError):
            services.gebruiker_aanmaken(actor=beheerder, gebruikersnaam="baas", wachtwoord="Lang-en-uniek-2026!", superuser=True)
        assert not User.objects.filter(is_superuser=True).exists()

    def test_beheer_kent_geen_losse_permissies_toe(self, beheerder, nieuwe_collega):
        recht = Permission.objects.get(codename="add_certificaatbesluit")
        login(beheerder).post(wijzig_url(nieuwe_collega), account_post(nieuwe_collega, user_permissions=[recht.pk], reden="x"))
        assert not nieuwe_collega.user_permissions.exists()
        assert 'name="user_permissions"' not in login(beheerder).get(wijzig_url(nieuwe_collega)).content.decode()

    def test_beheer_wijzigt_geen_superuser(self, beheerder, superuser):
        voor = stand(superuser)
        client = login(beheerder)
        pagina = client.get(wijzig_url(superuser))
        assert pagina.status_code == 200 and 'name="_save"' not in pagina.content.decode()  # read-only
        assert client.post(wijzig_url(superuser), account_post(superuser, is_active="", reden="x")).status_code == 403
        assert client.post(f"/admin/auth/user/{superuser.pk}/password/", {
            "password1": "Overgenomen-2026!", "password2": "Overgenomen-2026!"}).status_code == 403
        assert stand(superuser) == voor
        with pytest.raises(PermissionDenied, match="superuser"):
            services.gebruiker_wijzigen(actor=beheerder, gebruiker=superuser, actief=False, reden="x")

    def test_een_superuser_maakt_een_ander_superuser_en_dat_staat_in_de_historie(self, superuser, nieuwe_collega):
        response = login(superuser).post(
            wijzig_url(nieuwe_collega), account_post(nieuwe_collega, is_superuser="on", reden="Tweede beheerder van de server")
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        assert User.objects.get(pk=nieuwe_collega.pk).is_superuser
        wijziging = Accountwijziging.objects.get(gebruiker=nieuwe_collega)
        assert (wijziging.door, wijziging.oud, wijziging.nieuw) == (superuser, {"superuser": False}, {"superuser": True})

    def test_de_gebruikersnaam_ligt_vast(self, beheerder, nieuwe_collega):
        login(beheerder).post(wijzig_url(nieuwe_collega), account_post(nieuwe_collega, username="iemand-anders", reden="x"))
        assert User.objects.filter(pk=nieuwe_collega.pk, username="nieuwe-collega").exists()

    def test_beheer_stelt_een_wachtwoord_in_en_dat_staat_in_de_historie(self, beheerder, nieuwe_collega):
        response = login(beheerder).post(f"/admin/auth/user/{nieuwe_collega.pk}/password/", {
            "password1": "Vergeten-en-nieuw-2026!", "password2": "Vergeten-en-nieuw-2026!", "reden": "Wachtwoord vergeten"})
        assert response.status_code == 302
        assert User.objects.get(pk=nieuwe_collega.pk).check_password("Vergeten-en-nieuw-2026!")
        wijziging = Accountwijziging.objects.get(gebruiker=nieuwe_collega)
        assert (wijziging.soort, wijziging.door, wijziging.reden) == ("wachtwoord", beheerder, "Wachtwoord vergeten")


class TestDeactiverenNietVerwijderen:
    def test_niemand_verwijdert_een_account_in_de_admin(self, beheerder, superuser, nieuwe_collega):
        for actor in (beheerder, superuser):
            client = login(actor)
            assert client.get(f"/admin/auth/user/{nieuwe_collega.pk}/delete/").status_code == 403
            assert client.post(f"/admin/auth/user/{nieuwe_collega.pk}/delete/", {"post": "yes"}).status_code == 403
            lijst = client.get("/admin/auth/user/").content.decode()
            assert "delete_selected" not in lijst
            client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": [nieuwe_collega.pk], "post": "yes"})
        assert User.objects.filter(pk=nieuwe_collega.pk).exists()

    def test_een_account_in_de_historie_wordt_niet_verwijderd_en_de_feed_houdt_de_naam(self, beheerder, kmi_gebruiker):
        gi = maak.instelling(beheerder, "JBN")
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), D(2028, 9, 15))
        voor = {lezer: auteur_in_feed(lezer) for lezer in (None, beheerder)}
        assert voor[beheerder][0] == "kmi-medewerker"
        with pytest.raises(ProtectedError, match="inactief"), transaction.atomic():
            kmi_gebruiker.delete()
        with pytest.raises(ProtectedError), transaction.atomic():
            User.objects.filter(pk=kmi_gebruiker.pk).delete()
        assert User.objects.filter(pk=kmi_gebruiker.pk).exists()
        assert Certificaatbesluit.history.get().history_user_id == kmi_gebruiker.pk
        assert {lezer: auteur_in_feed(lezer) for lezer in (None, beheerder)} == voor

    def test_een_account_zonder_historie_mag_wel_weg(self, nieuwe_collega):
        nieuwe_collega.delete()  # e.g. a typo, removed on the server before it ever did anything
        assert not User.objects.filter(username="nieuwe-collega").exists()

    def test_deactiveren_houdt_de_auteur_in_de_feed_en_sluit_het_account_af(self, beheerder, kmi_gebruiker):
        gi = maak.instelling(beheerder, "JBN")
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), D(2028, 9, 15))
        kmi_api = client_voor(kmi_gebruiker)
        assert kmi_api.get("/api/v1/audits").status_code == 200
        voor = {lezer: auteur_in_feed(lezer) for lezer in (None, beheerder)}

        response = login(beheerder).post(wijzig_url(kmi_gebruiker), account_post(kmi_gebruiker, is_active="", reden="Uit dienst"))
        assert response.status_code == 302, response.content.decode()[:3000]
        kmi_gebruiker.refresh_from_db()
        assert kmi_gebruiker.is_active is False
        assert list(kmi_gebruiker.groups.values_list("name", flat=True)) == ["kmi"]  # kept: the history names the role
        assert {lezer: auteur_in_feed(lezer) for lezer in (None, beheerder)} == voor
        assert voor[beheerder][0] == "kmi-medewerker" and any(voor[None])
        assert kmi_api.get("/api/v1/audits").status_code == 401
        wijziging = Accountwijziging.objects.get(gebruiker=kmi_gebruiker)
        assert (wijziging.oud, wijziging.nieuw, wijziging.reden) == ({"actief": True}, {"actief": False}, "Uit dienst")

    def test_een_te_lange_reden_wordt_geweigerd(self, beheerder, kmi_gebruiker):
        with pytest.raises(ValidationError):
            services.rollen_wijzigen(actor=beheerder, gebruiker=kmi_gebruiker, rollen=[], reden="x" * 2001)
        assert kmi_gebruiker.groups.filter(name="kmi").exists()
