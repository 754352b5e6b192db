"""Named actors shared by every test: a KMI user, an inspecteur, an RvA reader, a ministry user,
a functional admin and the public."""

import os

os.environ.setdefault("DEBUG", "1")

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User


def pytest_configure(config):
    """A cheap password hasher for the whole suite: every named actor gets a password, and Django's default
    (PBKDF2, deliberately slow) would spend most of the suite's time hashing them."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _gebruiker(naam: str, rol: str | None) -> User:
    user = User.objects.create_user(username=naam, password="geheim-wachtwoord-123", is_staff=True)
    if rol:
        user.groups.add(Group.objects.get(name=rol))
    return user


@pytest.fixture(autouse=True)
def _lege_cache():
    """Every test starts with empty API rate-limit counters (they live in the cache), so tests never throttle each
    other; the throttling tests set small limits themselves. The answers kept in the process for readers of
    confidential fields (register/cache.py VERTROUWELIJK) are emptied too."""
    from django.core.cache import cache

    from register.cache import VERTROUWELIJK

    cache.clear()
    VERTROUWELIJK.clear()
    yield
    cache.clear()
    VERTROUWELIJK.clear()


def ingelogd_met_tweede_factor(client, user) -> None:
    """Marks the client's session as having given its second-factor code, with an authenticator app made for
    ``user`` when it has none: what a person does after the password (gebruikers/tweedefactor.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    app = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = app.persistent_id
    sessie.save()


@pytest.fixture(autouse=True)
def _force_login_met_tweede_factor(monkeypatch):
    """``client.force_login`` stands for a complete login, so for an account that must give a second factor
    (beheer, superusers) it also gives that; the tests of the login itself post the password and the code."""
    from django.test.client import ClientMixin

    from gebruikers.tweedefactor import tweede_factor_verplicht

    force_login = ClientMixin.force_login

    def met_tweede_factor(self, user, backend=None):
        force_login(self, user, backend)
        verplicht = tweede_factor_verplicht(user)
        user.__dict__.pop("_gi_rollen", None)  # the roles read here are not kept on the test's object
        if verplicht:
            ingelogd_met_tweede_factor(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", met_tweede_factor)


@pytest.fixture
def kmi_gebruiker(db):
    return _gebruiker("kmi-medewerker", "kmi")


@pytest.fixture
def inspecteur(db):
    return _gebruiker("inspecteur", "inspectie")


@pytest.fixture
def rva_gebruiker(db):
    return _gebruiker("rva-lezer", "rva")


@pytest.fixture
def ministerie_gebruiker(db):
    return _gebruiker("ministerie-medewerker", "ministerie")


@pytest.fixture
def beheerder(db):
    return _gebruiker("beheerder", "beheer")


@pytest.fixture
def publiek():
    return AnonymousUser()
