"""Secrets stay secret (DESIGN.md §7): API tokens are kept as a digest only, the plain-text tokens of before are
revoked, and no admin page filters, searches or orders on a secret (a password hash, a token's key or digest) for
any role, also not through a relation: every such lookup is a 400 or the same answer as without it."""

import importlib

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from rest_framework.authtoken.models import Token

from gebruikers.models import Accountwijziging, ApiToken
from gebruikers.services import token_uitgeven
from register.admin_base import geheimen_in_elke_admin
from tests.test_api_basis import client_voor, is_problem, wereld

pytestmark = pytest.mark.django_db

# Found from the model metadata, not from the policy under test: fields with these names, and the relations to
# the models that hold them.
GEHEIME_NAMEN = {"password", "key", "digest", "token_key"}
GEHEIME_MODELLEN = {User, Token, ApiToken}
ROLLEN = ("kmi", "inspectie", "rva", "ministerie", "beheer", "superuser")


def geheime_paden(model, diepte: int = 2, voorvoegsel: str = "") -> list[str]:
    """Every path from ``model`` to a secret field: its own fields with a secret name, and those reached through a
    relation (forward or reverse) to the user or a token model, at most ``diepte`` relations deep."""
    paden = []
    for veld in model._meta.get_fields():
        if not veld.is_relation and veld.name in GEHEIME_NAMEN:
            paden.append(voorvoegsel + veld.name)
        elif veld.is_relation and veld.related_model in GEHEIME_MODELLEN and diepte:
            # veld.name of a reverse relation is its query name (auth_token, api_token, user)
            paden += geheime_paden(veld.related_model, diepte - 1, f"{voorvoegsel}{veld.name}__")
    return sorted(set(paden))


def _antwoord(response):
    """What a changelist tells its reader: the status, and for a list the count and which rows."""
    if response.status_code != 200 or response.context is None or "cl" not in response.context:
        return (response.status_code,)
    cl = response.context["cl"]
    return (200, cl.result_count, cl.full_result_count, [obj.pk for obj in cl.result_list])


@pytest.fixture
def actoren(kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, beheerder):
    baas = User.objects.create_superuser("opperbeheer", password="geheim-wachtwoord-123", email="baas@example.nl")
    return {
        "kmi": kmi_gebruiker, "inspectie": inspecteur, "rva": rva_gebruiker,
        "ministerie": ministerie_gebruiker, "beheer": beheerder, "superuser": baas,
    }


@pytest.fixture
def register_met_geheimen(actoren):
    """Records in the admin lists, an API token (digest) and a left-over plain-text DRF token."""
    wereld(actoren["beheer"], actoren["kmi"], actoren["inspectie"], marker="SECRET")
    token_uitgeven(actor=actoren["superuser"], gebruikersnaam=actoren["kmi"].username, reden="Koppeling")
    Token.objects.create(user=actoren["inspectie"])
    return actoren


def _gokken(model, pad: str) -> dict[str, str]:
    """Lookups that would tell a secret's first characters if they were applied: one guess right, one wrong."""
    echt = next((str(w) for w in model._default_manager.values_list(pad, flat=True) if w), "pbkdf2_sha256$")
    begin = echt[:4]
    return {
        f"{pad}__startswith": begin,
        f"{pad}__regex": f"^{begin}",
        f"{pad}__exact": echt,
        f"{pad}__in": echt,
        f"{pad}__istartswith": "zzzz",
    }


def test_de_paden_worden_gevonden():
    """The walk below reaches the secrets the issue named (so it cannot pass by finding none)."""
    assert {"password", "auth_token__key", "api_token__digest"} <= set(geheime_paden(User))
    assert "gebruiker__password" in geheime_paden(Accountwijziging)
    assert "gebruiker__auth_token__key" in geheime_paden(ApiToken)


@pytest.mark.parametrize("rol", ROLLEN)
def test_geen_orakel_in_enige_lijst_van_de_admin(register_met_geheimen, rol):
    client = Client()
    client.force_login(register_met_geheimen[rol])
    geprobeerd = geweigerd = 0
    for model in admin.site._registry:
        paden = geheime_paden(model)
        if not paden:
            continue
        adres = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        zonder = _antwoord(client.get(adres))
        for pad in paden:
            for lookup, waarde in _gokken(model, pad).items():
                response = client.get(adres, {lookup: waarde})
                geprobeerd += 1
                if response.status_code == 400:
                    geweigerd += 1
                    continue
                assert _antwoord(response) == zonder, f"{rol}: {adres}?{lookup}={waarde}"
    assert geprobeerd > 100
    if rol in ("beheer", "superuser"):  # they see the account and token lists: there the lookups are refused
        assert geweigerd >= 40


def test_de_gemelde_orakels_geven_400(register_met_geheimen):
    client = Client()
    client.force_login(register_met_geheimen["beheer"])
    kmi = register_met_geheimen["kmi"]
    digest = ApiToken.objects.get(gebruiker=kmi).digest
    for adres, lookup in [
        ("/admin/gebruikers/apitoken/", {"gebruiker": kmi.pk, "digest__startswith": digest[:3]}),
        ("/admin/auth/user/", {"api_token__digest__startswith": digest[:3]}),
        ("/admin/auth/user/", {"auth_token__key__startswith": "a"}),
        ("/admin/auth/user/", {"password__startswith": "md5"}),
        ("/admin/auth/user/", {"auth_token__pk__regex": "^a"}),
        ("/admin/gebruikers/accountwijziging/", {"gebruiker__password__regex": "^md5"}),
        ("/admin/gebruikers/accountwijziging/", {"door__api_token__digest__in": digest}),
        ("/admin/auth/group/", {"user__password__startswith": "md5"}),
        ("/admin/auth/user/", {"_to_field": "password", "_popup": "1"}),
    ]:
        assert client.get(adres, lookup).status_code == 400, (adres, lookup)


@pytest.mark.parametrize("rol", ROLLEN)
def test_geen_zoekveld_filter_kolom_of_sortering_op_een_geheim(register_met_geheimen, rol):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = register_met_geheimen[rol]
    for model, modeladmin in admin.site._registry.items():
        geheim = set(geheime_paden(model))
        for soort, paden in [
            ("search_fields", modeladmin.get_search_fields(request)),
            ("list_filter", modeladmin.get_list_filter(request)),
            ("list_display", modeladmin.get_list_display(request)),
            ("ordering", modeladmin.get_ordering(request) or ()),
        ]:
            namen = {(p[0] if isinstance(p, (list, tuple)) else p) for p in paden}
            namen = {n.lstrip("-^=@?").removesuffix("__exact") for n in namen if isinstance(n, str)}
            assert not (namen & geheim), (model._meta.label, soort)


def test_een_nieuwe_admin_zonder_het_beleid_wordt_geweigerd():
    """A model admin on plain ModelAdmin for a model from which a secret is reachable fails the system check."""
    LogEntry = apps.get_model("admin", "LogEntry")
    assert not [f for f in geheimen_in_elke_admin() if f.id == "register.E101"]
    admin.site.register(LogEntry, admin.ModelAdmin)
    try:
        fouten = [f for f in geheimen_in_elke_admin() if f.id == "register.E101"]
    finally:
        admin.site.unregister(LogEntry)
    assert [f.obj for f in fouten] == [admin.ModelAdmin]
    assert "admin.LogEntry" in fouten[0].msg


class TestOpslag:
    def test_de_database_bewaart_alleen_de_digest(self, beheerder, kmi_gebruiker):
        body = client_voor(beheerder).post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json")
        sleutel = body.json()["token"]
        rij = ApiToken.objects.filter(gebruiker=kmi_gebruiker).values().get()
        assert sleutel not in str(rij)
        assert rij["digest"] == ApiToken.digest_van(sleutel)
        assert not Token.objects.exists()  # nothing goes to DRF's plain-text table

    def test_een_oud_token_in_platte_tekst_werkt_niet(self, kmi_gebruiker):
        oud = Token.objects.create(user=kmi_gebruiker)
        client = client_voor()
        client.credentials(HTTP_AUTHORIZATION=f"Token {oud.key}")
        is_problem(client.get("/api/v1/audits"), 401)


class TestMigratie:
    """gebruikers/0004: DRF's plain-text tokens are revoked, recorded in the history and the owners told."""

    def _migreer(self):
        importlib.import_module("gebruikers.migrations.0004_platte_tokens_intrekken").forwards(apps, None)

    def test_oude_tokens_worden_ingetrokken_vastgelegd_en_gemeld(self, kmi_gebruiker, inspecteur):
        kmi_gebruiker.email = "kmi@example.nl"
        kmi_gebruiker.first_name = "Karin"
        kmi_gebruiker.save()
        oud = Token.objects.create(user=kmi_gebruiker)
        Token.objects.create(user=inspecteur)  # no e-mail address: recorded, not mailed
        self._migreer()
        assert not Token.objects.exists()
        rijen = Accountwijziging.objects.filter(soort="token_ingetrokken").order_by("gebruiker__username")
        assert [(r.gebruiker, r.door) for r in rijen] == [(inspecteur, None), (kmi_gebruiker, None)]
        assert "hash" in rijen[1].reden and rijen[1].oud["token_van"] == oud.created.isoformat()
        assert len(mail.outbox) == 1
        bericht = mail.outbox[0]
        assert bericht.to == ["kmi@example.nl"]
        assert "ingetrokken" in bericht.subject
        assert "Beste Karin" in bericht.body and "functioneel beheer" in bericht.body
        assert "POST /api/v1/tokens" in bericht.body and oud.key not in bericht.body

    def test_een_mailserver_die_faalt_houdt_de_tokens_niet_tegen(self, kmi_gebruiker, settings):
        settings.EMAIL_BACKEND = "tests.test_geheimen.KapotteMail"
        kmi_gebruiker.email = "kmi@example.nl"
        kmi_gebruiker.save()
        Token.objects.create(user=kmi_gebruiker)
        self._migreer()
        assert not Token.objects.exists()
        assert Accountwijziging.objects.filter(gebruiker=kmi_gebruiker, soort="token_ingetrokken").exists()


class KapotteMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, berichten):
        raise OSError("Verbinding met de mailserver geweigerd")


def test_de_openapi_beschrijving_zegt_dat_de_sleutel_eenmalig_is(publiek):
    schema = client_voor().get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    token = next(s for s in schemes.values() if s.get("name") == "Authorization")
    assert "Authorization: Token <sleutel>" in token["description"]
    assert "alleen bij het uitgeven getoond" in token["description"] and "hash" in token["description"]


@pytest.mark.parametrize("rol", ["beheer", "superuser"])
def test_de_accountpagina_toont_niets_van_de_wachtwoordhash(register_met_geheimen, rol):
    from django.contrib.auth.hashers import identify_hasher

    client = Client()
    client.force_login(register_met_geheimen[rol])
    kmi = User.objects.get(pk=register_met_geheimen["kmi"].pk)
    pagina = client.get(f"/admin/auth/user/{kmi.pk}/change/").content.decode()
    assert "Er is een wachtwoord ingesteld." in pagina
    delen = identify_hasher(kmi.password).decode(kmi.password)
    assert delen["hash"][:6] not in pagina
    assert "*****" not in pagina  # Django's summary shows the first characters of salt and hash, masked after
