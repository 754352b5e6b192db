"""Every admin write goes through the app's own services, as the API and the import do (CONVENTIONS.md: "Admin and
API both call the same services"): a rule added to a service is enforced in the admin too, where KMI and inspectie
staff do most of their work."""

import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import Client

from certification import services as kmi
from register import domein
from register import services as register_services
from register.admin_base import RegisterAdmin
from supervision import services as inspecties
from supervision.models import Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit
from tests import maak
from wederhoor import services as wederhoor

pytestmark = pytest.mark.django_db
REGEL = "Een nieuwe regel van de service weigert dit."


def client_voor(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _weigert(*args, **kwargs):
    raise ValidationError(REGEL)


def test_elke_admin_van_een_domeinmodel_schrijft_via_de_services_van_zijn_app():
    for d in domein.DOMEINMODELLEN:
        beheer = admin.site._registry.get(d.model)
        if not isinstance(beheer, RegisterAdmin):
            continue
        diensten = beheer.diensten
        assert diensten is not None, d.model
        assert diensten.services.__name__ == f"{d.model._meta.app_label}.services", d.model
        handelingen = ["registreren", diensten.corrigeren_als] + (["laten_vervallen"] if diensten.vervallen else [])
        for handeling in handelingen:
            assert callable(diensten.functie(handeling)), (d.model, handeling)


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


TOEZICHT = {"instelling": None, "niveau": "verscherpt", "door": "IGJ_IJenV", "besluitdatum": "2025-03-01",
            "ingangsdatum": "2025-03-01", "bron": "besluit"}


@pytest.mark.parametrize("functie", ["toezichtbesluit_registreren"])
def test_een_nieuwe_regel_in_de_service_geldt_bij_toevoegen_in_de_admin(inspecteur, jbn, monkeypatch, functie):
    monkeypatch.setattr(inspecties, functie, _weigert)
    antwoord = client_voor(inspecteur).post("/admin/supervision/toezichtbesluit/add/", {**TOEZICHT, "instelling": jbn.pk},
                                            follow=True)
    assert REGEL in antwoord.content.decode()
    assert not Toezichtbesluit.objects.exists()


@pytest.mark.parametrize("functie, velden", [
    ("toezichtbesluit_corrigeren", {"wijzigingsreden": "Niveau gecorrigeerd"}),
    ("toezichtbesluit_laten_vervallen", {"wijzigingsreden": "Dubbel ingevoerd", "laten_vervallen": "on"}),
])
def test_een_nieuwe_regel_in_de_service_geldt_bij_wijzigen_in_de_admin(inspecteur, jbn, monkeypatch, functie, velden):
    besluit = maak.toezicht(inspecteur, jbn, "verscherpt", dt.date(2025, 3, 1))
    monkeypatch.setattr(inspecties, functie, _weigert)
    antwoord = client_voor(inspecteur).post(
        f"/admin/supervision/toezichtbesluit/{besluit.pk}/change/",
        {**TOEZICHT, "instelling": jbn.pk, "niveau": "geintensiveerd", **velden}, follow=True,
    )
    assert REGEL in antwoord.content.decode()
    besluit.refresh_from_db()
    assert (besluit.niveau, besluit.vervallen) == ("verscherpt", False)


def test_de_oordelen_onder_een_onderzoek_gaan_via_de_service_van_de_inspecties(inspecteur, jbn, monkeypatch):
    monkeypatch.setattr(inspecties, "oordelen_vastleggen", _weigert)
    thema = Thema.objects.get(code="goed_bestuur")
    antwoord = client_voor(inspecteur).post("/admin/supervision/inspectieonderzoek/add/", {
        "instellingen": [jbn.pk], "soort": "thematisch", "door": "IGJ_IJenV", "rapportdatum": "2025-07-24",
        "titel": "Onderzoek goed bestuur", "vertrouwen_verbeterkracht": "onbekend", "bron": "rapport",
        "oordelen-TOTAL_FORMS": "1", "oordelen-INITIAL_FORMS": "0", "oordelen-MIN_NUM_FORMS": "0",
        "oordelen-MAX_NUM_FORMS": "1000", "oordelen-0-thema": thema.pk, "oordelen-0-waarde": "onvoldoende",
        "oordelen-0-toelichting": "Sturing schiet tekort",
    }, follow=True)
    assert REGEL in antwoord.content.decode()
    assert not Inspectieonderzoek.objects.exists() and not Oordeel.objects.exists()


@pytest.mark.parametrize("module, functie, adres, actor", [
    (kmi, "audit_registreren", "/admin/certification/audit/add/", "kmi_gebruiker"),
    (register_services, "instelling_registreren", "/admin/register/instelling/add/", "beheerder"),
    (wederhoor, "reactie_registreren", "/admin/wederhoor/reactie/add/", "kmi_gebruiker"),
])
def test_elke_app_schrijft_via_haar_eigen_service(module, functie, adres, actor, monkeypatch, request, jbn):
    # A form the service refuses is not saved, whichever app: the admin called the app's service.
    aangeroepen = []
    monkeypatch.setattr(module, functie, lambda **kwargs: aangeroepen.append(kwargs) or _weigert())
    data = {
        "/admin/certification/audit/add/": {"instelling": jbn.pk, "soort": "periodiek", "startdatum": "2025-06-02",
                                            "einddatum": "2025-06-04", "bron": "rapport"},
        "/admin/register/instelling/add/": {"naam": "Jeugdbescherming Nieuw", "afkorting": "NIEUW", "soort": "regionaal",
                                            "bron": "besluit"},
        "/admin/wederhoor/reactie/add/": {"instelling": jbn.pk, "jaar": "2025", "signaalcode": "GEEN_GELDIG_CERTIFICAAT",
                                          "tekst": "Reactie.", "bron": "brief"},
    }[adres]
    antwoord = client_voor(request.getfixturevalue(actor)).post(adres, data, follow=True)
    assert aangeroepen, antwoord.content.decode()[:2000]
    assert REGEL in antwoord.content.decode()
