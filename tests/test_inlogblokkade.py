"""Login lock-out (django-axes): after repeated wrong passwords for one account from one address, even the right
password does not log in until the cool-off has passed or functional admin lifts the block."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ruime_inloglimieten(settings):
    """The lock-out on its own: some tests post more passwords from one address than the login limits allow (those
    are tested in test_inloglimiet.py)."""
    settings.LOGIN_RATE_ADDRESS = settings.LOGIN_RATE_TOTAL = "1000/min"

WACHTWOORD = "geheim-wachtwoord-123"  # of the named actors in conftest
ADRES = "198.51.100.7"


def inloggen(client, gebruiker, wachtwoord, adres=ADRES, **headers):
    return client.post(
        "/admin/login/?next=/admin/", {"username": gebruiker.username, "password": wachtwoord}, REMOTE_ADDR=adres, **headers
    )


def is_ingelogd(client) -> bool:
    return "_auth_user_id" in client.session


def fout_wachtwoord(gebruiker, keer, adres=ADRES, **headers):
    client = Client()
    for _ in range(keer):
        inloggen(client, gebruiker, "verkeerd-wachtwoord", adres, **headers)


def pogingen_verouderen(minuten):
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minuten))


def test_standaard_vijf_pogingen_en_een_kwartier_afkoelen():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == dt.timedelta(minutes=15)


def test_honderd_foute_wachtwoorden_daarna_logt_ook_het_goede_niet_in(kmi_gebruiker):
    fout_wachtwoord(kmi_gebruiker, 100)
    client = Client()
    response = inloggen(client, kmi_gebruiker, WACHTWOORD)
    assert response.status_code == 429
    assert not is_ingelogd(client)
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_onder_de_grens_logt_het_goede_wachtwoord_gewoon_in(kmi_gebruiker):
    fout_wachtwoord(kmi_gebruiker, settings.AXES_FAILURE_LIMIT - 1)
    client = Client()
    response = inloggen(client, kmi_gebruiker, WACHTWOORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert is_ingelogd(client)


def test_de_grens_bereikt_blokkeert_met_een_nederlandse_pagina(kmi_gebruiker):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert inloggen(client, kmi_gebruiker, "verkeerd").status_code == 200  # the login form with its error
    response = inloggen(client, kmi_gebruiker, "verkeerd")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert response["Content-Type"].startswith("text/html")
    tekst = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in tekst
    assert "kmi-medewerker" in tekst and "15 minuten" in tekst
    assert "functioneel beheer" in tekst
    assert 'lang="nl"' in tekst


def test_de_blokkade_geldt_per_gebruiker_en_adres(kmi_gebruiker, inspecteur):
    fout_wachtwoord(kmi_gebruiker, settings.AXES_FAILURE_LIMIT)
    elders = Client()
    assert inloggen(elders, kmi_gebruiker, WACHTWOORD, adres="203.0.113.9").status_code == 302
    collega = Client()
    assert inloggen(collega, inspecteur, WACHTWOORD).status_code == 302


def test_na_de_afkoelperiode_logt_het_goede_wachtwoord_weer_in(kmi_gebruiker):
    fout_wachtwoord(kmi_gebruiker, settings.AXES_FAILURE_LIMIT)
    pogingen_verouderen(14)
    assert inloggen(Client(), kmi_gebruiker, WACHTWOORD).status_code == 429  # restarts the cool-off
    pogingen_verouderen(16)
    client = Client()
    assert inloggen(client, kmi_gebruiker, WACHTWOORD).status_code == 302
    assert is_ingelogd(client)


def test_functioneel_beheer_heft_de_blokkade_op(kmi_gebruiker):
    fout_wachtwoord(kmi_gebruiker, settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset_username", kmi_gebruiker.username, stdout=None)
    assert inloggen(Client(), kmi_gebruiker, WACHTWOORD).status_code == 302


def test_een_geslaagde_login_wist_de_eerdere_fouten(kmi_gebruiker):
    fout_wachtwoord(kmi_gebruiker, settings.AXES_FAILURE_LIMIT - 1)
    assert inloggen(Client(), kmi_gebruiker, WACHTWOORD).status_code == 302
    fout_wachtwoord(kmi_gebruiker, settings.AXES_FAILURE_LIMIT - 1)
    assert inloggen(Client(), kmi_gebruiker, WACHTWOORD).status_code == 302


def test_zonder_vertrouwde_proxy_omzeilt_een_vervalst_x_forwarded_for_de_blokkade_niet(kmi_gebruiker):
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        inloggen(client, kmi_gebruiker, "verkeerd", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert inloggen(client, kmi_gebruiker, WACHTWOORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_achter_een_vertrouwde_proxy_telt_het_adres_van_de_client(kmi_gebruiker):
    proxy = "10.0.0.2"
    with override_settings(TRUSTED_PROXIES=[proxy]):
        fout_wachtwoord(kmi_gebruiker, settings.AXES_FAILURE_LIMIT, adres=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1")
        geblokkeerd = inloggen(Client(), kmi_gebruiker, WACHTWOORD, adres=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1")
        ander = inloggen(Client(), kmi_gebruiker, WACHTWOORD, adres=proxy, HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert geblokkeerd.status_code == 429
    assert ander.status_code == 302
