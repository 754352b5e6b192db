"""The admin's rights come from the role rule the services use (register/roles.py; DESIGN.md §2 and §7), not
from model permissions: for every model in the admin, every role and a superuser, add / change / view / delete,
asked by GET of the page and by POST. Every role views the register, only the role that writes a model adds
and changes it, nobody deletes; accounts, roles and tokens are for functional admin."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group, User
from django.test import Client

from gebruikers.services import token_uitgeven
from reports.services import aanleidingenoverzicht_genereren, kameroverzicht_genereren
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db

# DESIGN.md §2, read as a table: which role writes which model in the admin.
SCHRIJFT = {
    "kmi": {"certification.audit", "certification.certificaatbesluit", "certification.bezwaar", "certification.aanvraag",
            "wederhoor.reactie"},
    "inspectie": {
        "supervision.toezichtbesluit", "supervision.handhavingsmaatregel", "supervision.inspectieonderzoek", "wederhoor.reactie",
    },
    "ministerie": {"wederhoor.reactie", "wederhoor.beleidsreactie"},
    "beheer": {"register.instelling", "register.monitormeting", "register.monitordefinitie", "register.omvang",
               "supervision.thema"},
}
REGISTER = set().union(*SCHRIJFT.values())
ROLLEN = ("kmi", "inspectie", "rva", "ministerie", "beheer")
BEHEERDERS = ("beheer", "superuser")
ACCOUNTS = {
    "auth.user": {"view", "add", "change"},
    "auth.group": {"view"},
    "gebruikers.apitoken": {"view", "add", "delete"},  # delete = revoke
    "gebruikers.accountwijziging": {"view"},
}
ADMIN_MODELLEN = sorted(model._meta.label_lower for model in admin.site._registry)
# Vroegsignalering: the meldingen and the open signals are read by the toezichthouders, the ministerie and functional
# admin, written by nobody (the register records them); the e-mail preferences of everyone are for functional admin
# (each of the four roles sets their own under "Mijn meldingen").
MELDINGEN = {"vroegsignalering.signaalmelding", "vroegsignalering.opensignaal"}
MELDINGEN_LEZERS = ("kmi", "inspectie", "rva", "ministerie", "beheer")
VOORKEUREN = {"vroegsignalering.meldingsvoorkeur": {"view", "add", "change"}}
# The meldingen of reports under embargo (DESIGN.md §3): read by those who may see such a report in advance only.
EMBARGOMELDINGEN = {"vroegsignalering.embargomelding"}
EMBARGO_LEZERS = ("kmi", "inspectie", "rva", "ministerie")
ARCHIEF = {"reports.kameroverzicht", "reports.aanleidingenoverzicht"}
EIGEN = REGISTER | set(ACCOUNTS) | ARCHIEF | MELDINGEN | set(VOORKEUREN) | EMBARGOMELDINGEN
ACTOREN = (*ROLLEN, "superuser")
# A library's own admin (e.g. the login lock-out records) follows Django's superuser rule; every role is checked.
COMBINATIES = [(label, actor) for label in ADMIN_MODELLEN for actor in ACTOREN if label in EIGEN or actor != "superuser"]


# A model kept per organisation (wederhoor): each organisation adds its own, and changes only its own; the example
# record of every test below is the KMI's.
EIGEN_ORGANISATIE = {"wederhoor.reactie": "kmi"}


def verwachte_rechten(label: str, actor: str) -> set[str]:
    if label in EIGEN_ORGANISATIE and actor in SCHRIJFT and label in SCHRIJFT[actor] and actor != EIGEN_ORGANISATIE[label]:
        return {"view", "add"}
    if label in REGISTER:
        if actor not in ROLLEN:
            return set()
        return {"view", "add", "change"} if label in SCHRIJFT.get(actor, ()) else {"view"}
    if label in ARCHIEF:
        return {"view"} if actor in ROLLEN else set()
    if label in ACCOUNTS:
        return ACCOUNTS[label] if actor in BEHEERDERS else set()
    if label in MELDINGEN:
        return {"view"} if actor in MELDINGEN_LEZERS else set()
    if label in EMBARGOMELDINGEN:
        return {"view"} if actor in EMBARGO_LEZERS else set()
    if label in VOORKEUREN:
        return VOORKEUREN[label] if actor in BEHEERDERS else set()
    return set()  # any other model in the admin: no role gets a right through it


def test_elk_model_van_het_register_in_de_admin_staat_in_de_tabel():
    eigen_apps = ("register.", "certification.", "supervision.", "reports.", "gebruikers.", "wederhoor.", "vroegsignalering.")
    assert {label for label in ADMIN_MODELLEN if label.startswith(eigen_apps)} <= EIGEN
    assert EIGEN <= set(ADMIN_MODELLEN)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("opperbeheer", password="geheim-wachtwoord-123")


@pytest.fixture
def actoren(kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, beheerder, superuser):
    return {
        "kmi": kmi_gebruiker, "inspectie": inspecteur, "rva": rva_gebruiker,
        "ministerie": ministerie_gebruiker, "beheer": beheerder, "superuser": superuser,
    }


@pytest.fixture
def voorbeelden(actoren):
    """One record of every model in the admin, each made the way the register makes it."""
    kmi, inspecteur, beheerder = actoren["kmi"], actoren["inspectie"], actoren["beheer"]
    gi = maak.instelling(beheerder, "JBN")
    maak.audit(kmi, gi, D(2025, 9, 1))
    maak.certificaat(kmi, gi, "volledig", D(2025, 1, 1), D(2025, 9, 15))  # VOLLEDIG_TIJDENS_VERSCHERPT in 2025
    besluit = maak.certificaat(kmi, gi, "volledig", D(2025, 9, 16), D(2028, 9, 15))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "grotendeels_onvoldoende"})
    from certification.services import aanvraag_registreren, bezwaar_registreren
    from register.services import monitordefinitie_registreren, monitormeting_registreren

    bezwaar_registreren(actor=kmi, certificaatbesluit=besluit, soort="bezwaar", ingediend_op=D(2025, 10, 1),
                        uitkomst="lopend", bron="test")
    aanvraag_registreren(actor=kmi, organisatie="Stichting Nieuw", soort="initieel", ingediend_op=D(2025, 10, 1), bron="test")
    monitordefinitie_registreren(actor=beheerder, indicator="fte", naam="fte", omschrijving="o",
                                 geldig_vanaf=D(2025, 10, 1), bron="test")
    from supervision.services import handhavingsmaatregel_registreren

    handhavingsmaatregel_registreren(actor=inspecteur, instelling=gi, soort="aanwijzing", door="IGJ", datum=D(2025, 8, 1), bron="test")
    monitormeting_registreren(actor=beheerder, peildatum=D(2025, 10, 1), aantal_kinderen_met_maatregel=30000, bron="test")
    from register.services import omvang_registreren

    omvang_registreren(actor=beheerder, datum=D(2026, 1, 30), aantal=13, bron="test")
    from wederhoor.services import reactie_registreren

    reactie_registreren(actor=kmi, instelling=gi, jaar=2025, signaalcode="VOLLEDIG_TIJDENS_VERSCHERPT", tekst="Reactie",
                        bron="KMI-brief")
    from wederhoor.services import beleidsreactie_registreren

    beleidsreactie_registreren(actor=actoren["ministerie"], jaar=2025, tekst="Beleidsreactie", bron="Kamerbrief")
    overzicht = kameroverzicht_genereren(actor=actoren["ministerie"], jaar=2025)
    aanleidingen = aanleidingenoverzicht_genereren(actor=actoren["ministerie"], van=D(2025, 7, 1), tot=D(2025, 12, 31))
    collega = User.objects.create_user("collega", password="geheim-wachtwoord-123", is_staff=True)
    collega.groups.add(Group.objects.get(name="inspectie"))
    token_uitgeven(actor=actoren["superuser"], gebruikersnaam="collega")
    return {
        "auth.user": collega,
        "auth.group": Group.objects.get(name="kmi"),
        "gebruikers.apitoken": apps.get_model("gebruikers.apitoken").objects.get(gebruiker=collega),
        "reports.kameroverzicht": overzicht,
        "reports.aanleidingenoverzicht": aanleidingen,
    }


def voorbeeld(voorbeelden, model):
    return voorbeelden.get(model._meta.label_lower) or model._default_manager.order_by("pk").first()


def stand(model, obj):
    return list(model._default_manager.filter(pk=obj.pk).values()) if obj is not None else None


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("label", "actor"), COMBINATIES)
def test_rechten_in_de_admin(actoren, voorbeelden, label, actor):
    model = apps.get_model(label)
    rechten = verwachte_rechten(label, actor)
    client = login(actoren[actor])
    basis = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    aantal = model._default_manager.count()

    # view: the list
    assert client.get(basis).status_code == (200 if "view" in rechten else 403), "lijst"

    # add: the empty form, and a POST (empty, so it never saves: invalid for who may add, refused for the rest)
    assert client.get(f"{basis}add/").status_code == (200 if "add" in rechten else 403), "toevoegen (GET)"
    assert client.post(f"{basis}add/", {}).status_code == (200 if "add" in rechten else 403), "toevoegen (POST)"
    assert model._default_manager.count() == aantal

    obj = voorbeeld(voorbeelden, model)
    if obj is None:
        return
    pk = obj.pk  # a token is addressed by its account (ApiToken's primary key), never by a secret
    wijzigen = f"{basis}{quote(pk)}/change/"
    voor = stand(model, obj)

    # change: the form is editable for who may change, read-only for who may only view
    response = client.get(wijzigen)
    assert response.status_code == (200 if rechten & {"view", "change"} else 403), "wijzigen (GET)"
    if response.status_code == 200:
        assert ('name="_save"' in response.content.decode()) == ("change" in rechten)
    assert client.post(wijzigen, {}).status_code == (200 if "change" in rechten else 403), "wijzigen (POST)"
    assert stand(model, obj) == voor

    # delete: nobody, except revoking a token
    verwijderen = f"{basis}{quote(pk)}/delete/"
    assert client.get(verwijderen).status_code == (200 if "delete" in rechten else 403), "verwijderen (GET)"
    response = client.post(verwijderen, {"post": "yes"})
    if "delete" in rechten:
        assert response.status_code == 302
        assert not model._default_manager.filter(pk=obj.pk).exists()
    else:
        assert response.status_code == 403, "verwijderen (POST)"
        assert stand(model, obj) == voor


def test_een_ingetrokken_token_staat_in_de_historie(actoren, voorbeelden):
    collega = voorbeelden["auth.user"]
    login(actoren["beheer"]).post(f"/admin/gebruikers/apitoken/{collega.pk}/delete/", {"post": "yes"})
    laatste = collega.accountwijzigingen.first()
    assert (laatste.soort, laatste.door) == ("token_ingetrokken", actoren["beheer"])


def test_inline_oordelen_volgen_dezelfde_regel(actoren, voorbeelden):
    onderzoek = apps.get_model("supervision.inspectieonderzoek").objects.get()
    url = f"/admin/supervision/inspectieonderzoek/{onderzoek.pk}/change/"
    inspectie = login(actoren["inspectie"]).get(url).content.decode()
    ministerie = login(actoren["ministerie"]).get(url).content.decode()
    assert 'name="oordelen-0-waarde"' in inspectie  # the writer edits the oordelen
    assert 'name="oordelen-0-waarde"' not in ministerie  # a reader sees them read-only


def test_geen_rol_krijgt_rechten_via_modelpermissies():
    """The role groups hold no model permissions any more: no door can grant a right through has_perm."""
    for naam in ROLLEN:
        assert not Group.objects.get(name=naam).permissions.exists(), naam
