"""A role added to register/roles.py is usable at once: migrate makes its group, an account given it holds it, and
``check --database`` names a role without a group instead of an account silently getting no role."""

import pytest
from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal

from gebruikers.services import gebruiker_aanmaken
from register import groepen, roles

pytestmark = pytest.mark.django_db
NIEUW = "auditdienst"


@pytest.fixture
def nieuwe_rol(monkeypatch):
    monkeypatch.setattr(roles, "ROLLEN", (*roles.ROLLEN, NIEUW))
    monkeypatch.setattr(roles, "ROL_NAMEN", {**roles.ROL_NAMEN, NIEUW: "Auditdienst Rijk"})


def test_elke_rol_heeft_na_migrate_haar_groep():
    assert groepen.ontbrekende_groepen() == []
    assert groepen.elke_rol_heeft_een_groep(databases=["default"]) == []


def test_een_nieuwe_rol_is_meteen_bruikbaar(nieuwe_rol, beheerder):
    [fout] = groepen.elke_rol_heeft_een_groep(databases=["default"])
    assert fout.id == "register.W002" and f"'{NIEUW}'" in fout.msg and "migrate" in fout.hint
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # what every migrate ends with
    assert Group.objects.filter(name=NIEUW).exists()
    assert groepen.elke_rol_heeft_een_groep(databases=["default"]) == []
    account = gebruiker_aanmaken(actor=beheerder, gebruikersnaam="auditor", wachtwoord="Lang-en-uniek-wachtwoord-42",
                                 rollen=[NIEUW], reden="Nieuwe rol")
    assert roles.rollen_van(account) == frozenset({NIEUW})
