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
