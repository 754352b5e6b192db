"""Login limits in front of the hasher (issue 19, finding 5): a password check costs the hasher's full work, so the
number of checks is limited per client address (LOGIN_RATE_ADDRESS) and over all addresses (LOGIN_RATE_TOTAL).
At most LOGIN_CHECKS_CONCURRENT checks run at the same moment. Over a limit the login is refused with 429 before any password is hashed, and the refusal is no wrong password for
django-axes' lock-out."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

WACHTWOORD = "geheim-wachtwoord-123"  # of the named actors in conftest
ADRES = "198.51.100.7"


@pytest.fixture(autouse=True)
def nu(monkeypatch):
    """The limits' clock, stopped 20 s into a minute window (a real minute could roll over during a test)."""
    import register.blokkade

    tijd = [1_000_040.0]
    monkeypatch.setattr(register.blokkade, "_nu", lambda: tijd[0])
    return tijd


@pytest.fixture
def hashes(monkeypatch):
    """Counts every password the hasher hashes (checking a stored one, or the dummy hash for an unknown name)."""
    teller = {"n": 0}
    verify, encode = MD5PasswordHasher.verify, MD5PasswordHasher.encode

    def tel_verify(self, *args, **kwargs):
        teller["n"] += 1
        return verify(self, *args, **kwargs)

    def tel_encode(self, *args, **kwargs):
        teller["n"] += 1
        return encode(self, *args, **kwargs)

    monkeypatch.setattr(MD5PasswordHasher, "verify", tel_verify)
    monkeypatch.setattr(MD5PasswordHasher, "encode", tel_encode)
    return teller


def inloggen(gebruikersnaam, wachtwoord, adres=ADRES, **headers):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": gebruikersnaam, "password": wachtwoord}, REMOTE_ADDR=adres, **headers
    )
    return client, response


def test_standaardlimieten_uit_de_readme():
    assert settings.LOGIN_RATE_ADDRESS == "6/min"
    assert settings.LOGIN_RATE_TOTAL == "12/min"
    assert settings.LOGIN_CHECKS_CONCURRENT == 1


@override_settings(LOGIN_RATE_ADDRESS="3/min", LOGIN_RATE_TOTAL="1000/min")
def test_boven_de_limiet_per_adres_wordt_geen_wachtwoord_gehasht_en_volgt_429(kmi_gebruiker, hashes):
    for i in range(3):
        _, response = inloggen(f"gok{i}", "verkeerd")
        assert response.status_code == 200  # the form with its error
    assert hashes["n"] == 3
    client, response = inloggen(kmi_gebruiker.username, WACHTWOORD)  # even the right password: not checked now
    assert hashes["n"] == 3
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    tekst = response.content.decode()
    assert "Te veel inlogpogingen" in tekst and f"Wacht {response['Retry-After']} seconde" in tekst
    assert 'lang="nl"' in tekst
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_RATE_ADDRESS="3/min", LOGIN_RATE_TOTAL="1000/min")
def test_een_ander_adres_logt_gewoon_in(kmi_gebruiker, hashes):
    for i in range(5):
        inloggen(f"gok{i}", "verkeerd")
    client, response = inloggen(kmi_gebruiker.username, WACHTWOORD, adres="203.0.113.9")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "_auth_user_id" in client.session


@override_settings(LOGIN_RATE_ADDRESS="1000/min", LOGIN_RATE_TOTAL="4/min")
def test_boven_de_totale_limiet_wordt_geen_wachtwoord_gehasht(kmi_gebruiker, hashes):
    for i in range(4):
        assert inloggen(f"gok{i}", "verkeerd", adres=f"192.0.2.{i}")[1].status_code == 200
    assert hashes["n"] == 4
    codes = [inloggen(f"gok{i}", "verkeerd", adres=f"192.0.2.{i}")[1].status_code for i in range(4, 20)]
    _, response = inloggen(kmi_gebruiker.username, WACHTWOORD, adres="203.0.113.9")
    assert codes == [429] * 16 and response.status_code == 429
    assert hashes["n"] == 4


@override_settings(LOGIN_RATE_ADDRESS="1000/min", LOGIN_RATE_TOTAL="2/min")
def test_een_weigering_door_de_limiet_telt_niet_als_verkeerd_wachtwoord(kmi_gebruiker):
    """Whoever fills the overall limit from elsewhere does not bring the real user closer to django-axes' lock-out."""
    inloggen("gok1", "verkeerd", adres="192.0.2.1"), inloggen("gok2", "verkeerd", adres="192.0.2.2")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        assert inloggen(kmi_gebruiker.username, WACHTWOORD)[1].status_code == 429
    assert not AccessAttempt.objects.filter(username=kmi_gebruiker.username).exists()


@override_settings(LOGIN_RATE_ADDRESS="2/min", LOGIN_RATE_TOTAL="1000/min")
def test_de_limiet_loopt_af_na_het_venster(kmi_gebruiker, nu):
    inloggen("gok1", "verkeerd"), inloggen("gok2", "verkeerd")
    geweigerd = inloggen(kmi_gebruiker.username, WACHTWOORD)[1]
    assert geweigerd.status_code == 429 and geweigerd["Retry-After"] == "40"
    nu[0] += 40
    assert inloggen(kmi_gebruiker.username, WACHTWOORD)[1].status_code == 302


def test_terwijl_een_andere_controle_loopt_wordt_niet_gehasht(kmi_gebruiker, hashes):
    """The slot is held by another worker's check: refused at once (Retry-After 1), so no second worker hashes."""
    assert cache.add("inloggen:slot:0", "andere-worker", 30)
    client, response = inloggen(kmi_gebruiker.username, WACHTWOORD)
    assert response.status_code == 429 and response["Retry-After"] == "1"
    assert hashes["n"] == 0 and "_auth_user_id" not in client.session
    cache.delete("inloggen:slot:0")
    assert inloggen(kmi_gebruiker.username, WACHTWOORD)[1].status_code == 302
    assert hashes["n"] >= 1


def test_na_een_controle_is_het_slot_weer_vrij(kmi_gebruiker, monkeypatch):
    assert inloggen("gok", "verkeerd")[1].status_code == 200
    assert cache.get("inloggen:slot:0") is None

    def kapot(self, *args, **kwargs):
        raise RuntimeError("hasher stuk")

    monkeypatch.setattr(MD5PasswordHasher, "verify", kapot)
    with pytest.raises(RuntimeError):
        inloggen(kmi_gebruiker.username, WACHTWOORD)
    assert cache.get("inloggen:slot:0") is None
