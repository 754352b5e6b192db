"""Login sessions (DESIGN.md §7, ASVS level 2): a session ends after SESSION_IDLE_MINUTES without a request and at
the latest SESSION_MAX_HOURS after its login; deactivating an account ends its sessions, so a reactivated account
logs in again; the time of the last request is written at most once a minute, not on every request."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gebruikers import services
from gebruikers.models import Sessie

pytestmark = pytest.mark.django_db


class Klok:
    """Moves django.utils.timezone.now, which the session rules and Django's session expiry both read."""

    def __init__(self, monkeypatch):
        self.nu = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.nu)

    def verder(self, **duur):
        self.nu += dt.timedelta(**duur)


@pytest.fixture
def klok(monkeypatch):
    return Klok(monkeypatch)


def ingelogd(client) -> bool:
    return client.get("/admin/").status_code == 200


def inloggen(user) -> Client:
    client = Client()
    client.post("/admin/login/?next=/admin/", {"username": user.username, "password": "geheim-wachtwoord-123"})
    assert ingelogd(client)
    return client


def test_standaard_een_half_uur_en_hoogstens_twaalf_uur(settings):
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_MAX_HOURS == 12
    assert settings.SESSION_COOKIE_AGE == 31 * 60  # not Django's 14 days


def test_een_half_uur_niets_doen_beeindigt_de_sessie(klok, kmi_gebruiker):
    client = inloggen(kmi_gebruiker)
    klok.verder(minutes=29)
    assert ingelogd(client)
    klok.verder(minutes=30, seconds=30)  # the cookie and the stored row would still be valid
    assert not ingelogd(client)


def test_wie_bezig_blijft_blijft_ingelogd(klok, kmi_gebruiker):
    client = inloggen(kmi_gebruiker)
    for _ in range(6):
        klok.verder(minutes=25)
        assert ingelogd(client)


def test_de_ledige_tijd_is_in_te_stellen(klok, kmi_gebruiker, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client = inloggen(kmi_gebruiker)
    klok.verder(minutes=4)
    assert ingelogd(client)
    klok.verder(minutes=5, seconds=30)
    assert not ingelogd(client)


def test_hoogstens_de_maximale_duur_na_het_inloggen(klok, kmi_gebruiker, settings):
    settings.SESSION_MAX_HOURS = 1
    client = inloggen(kmi_gebruiker)
    for _ in range(2):
        klok.verder(minutes=25)
        assert ingelogd(client)
    klok.verder(minutes=25)  # 75 minutes after the login, always busy
    assert not ingelogd(client)


def test_de_laatste_activiteit_wordt_hoogstens_eens_per_minuut_geschreven(klok, kmi_gebruiker):
    client = inloggen(kmi_gebruiker)
    klok.verder(seconds=5)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            klok.verder(seconds=5)
            assert ingelogd(client)
    schrijven = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert [q for q in schrijven if Sessie._meta.db_table in q] == []
    klok.verder(minutes=1)
    with CaptureQueriesContext(connection) as queries:
        assert ingelogd(client)
    assert any(q["sql"].startswith("UPDATE") and Sessie._meta.db_table in q["sql"] for q in queries.captured_queries)


def test_deactiveren_beeindigt_de_sessies_ook_na_heractiveren(beheerder, kmi_gebruiker):
    sessie = inloggen(kmi_gebruiker)
    services.gebruiker_wijzigen(actor=beheerder, gebruiker=kmi_gebruiker, actief=False, reden="Uit dienst")
    assert not Sessie.objects.filter(gebruiker=kmi_gebruiker).exists()
    assert not ingelogd(sessie)
    services.gebruiker_wijzigen(actor=beheerder, gebruiker=kmi_gebruiker, actief=True, reden="Terug in dienst")
    assert not ingelogd(sessie)  # the old cookie does not log in again
    assert ingelogd(inloggen(kmi_gebruiker))


def test_deactiveren_in_de_admin_beeindigt_de_sessies(beheerder, kmi_gebruiker):
    sessie = inloggen(kmi_gebruiker)
    beheer = Client()
    beheer.force_login(beheerder)
    response = beheer.post(f"/admin/auth/user/{kmi_gebruiker.pk}/change/", {
        "first_name": "", "last_name": "", "email": "", "groups": [g.pk for g in kmi_gebruiker.groups.all()],
        "is_staff": "on", "reden": "Uit dienst",
    })
    assert response.status_code == 302
    kmi_gebruiker.refresh_from_db()
    assert not kmi_gebruiker.is_active
    kmi_gebruiker.is_active = True  # reactivated behind the service's back: the session is gone all the same
    kmi_gebruiker.save(update_fields=["is_active"])
    assert not ingelogd(sessie)


def test_een_nieuw_wachtwoord_van_beheer_beeindigt_de_sessies(beheerder, kmi_gebruiker):
    sessie = inloggen(kmi_gebruiker)
    services.wachtwoord_instellen(actor=beheerder, gebruiker=kmi_gebruiker, wachtwoord="Vergeten-en-nieuw-2026!")
    assert not Sessie.objects.filter(gebruiker=kmi_gebruiker).exists()
    assert not ingelogd(sessie)


def test_andere_accounts_blijven_ingelogd(beheerder, kmi_gebruiker, inspecteur):
    collega = inloggen(inspecteur)
    services.gebruiker_wijzigen(actor=beheerder, gebruiker=kmi_gebruiker, actief=False, reden="Uit dienst")
    assert ingelogd(collega)
