"""Passwords as a government system expects (DESIGN.md §7, ASVS level 2): at least 12 characters and none of the
common ones, at every door that sets one (the account service, the admin's forms for a new account, for setting
another's password and for changing one's own)."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from django.utils import translation

from gebruikers import services

pytestmark = pytest.mark.django_db
ELF = "Kort-maar-11"[:11]  # 11 characters, otherwise unremarkable
TWAALF = "Lang-genoeg-12"[:12]
TE_KORT = "Dit wachtwoord is te kort: gebruik minstens 12 tekens."


@pytest.fixture(autouse=True)
def _nederlands():
    with translation.override("nl"):  # as in every request: the register is Dutch for everyone
        yield


def test_elf_tekens_zijn_te_kort_twaalf_genoeg(beheerder, kmi_gebruiker):
    assert len(ELF) == 11 and len(TWAALF) == 12
    with pytest.raises(ValidationError) as fout:
        services.wachtwoord_instellen(actor=beheerder, gebruiker=kmi_gebruiker, wachtwoord=ELF)
    assert TE_KORT in " ".join(fout.value.message_dict["wachtwoord"])
    services.wachtwoord_instellen(actor=beheerder, gebruiker=kmi_gebruiker, wachtwoord=TWAALF)
    assert User.objects.get(pk=kmi_gebruiker.pk).check_password(TWAALF)


def test_een_veelgebruikt_wachtwoord_wordt_geweigerd(beheerder):
    with pytest.raises(ValidationError) as fout:
        services.gebruiker_aanmaken(actor=beheerder, gebruikersnaam="nieuw", wachtwoord="qwertyuiop12")
    assert "te algemeen" in " ".join(fout.value.message_dict["wachtwoord"])
    assert not User.objects.filter(username="nieuw").exists()


def test_de_admin_weigert_een_kort_wachtwoord_bij_een_nieuw_account(beheerder):
    client = Client()
    client.force_login(beheerder)
    response = client.post("/admin/auth/user/add/", {
        "username": "te-kort", "password1": ELF, "password2": ELF, "usable_password": "true", "is_staff": "on",
    })
    assert response.status_code == 200
    assert TE_KORT in response.content.decode()
    assert not User.objects.filter(username="te-kort").exists()


def test_de_admin_weigert_een_kort_wachtwoord_bij_instellen(beheerder, kmi_gebruiker):
    client = Client()
    client.force_login(beheerder)
    response = client.post(f"/admin/auth/user/{kmi_gebruiker.pk}/password/", {"password1": ELF, "password2": ELF})
    assert response.status_code == 400
    assert TE_KORT in response.content.decode()
    assert User.objects.get(pk=kmi_gebruiker.pk).check_password("geheim-wachtwoord-123")


def test_ook_niet_bij_het_wijzigen_van_het_eigen_wachtwoord(kmi_gebruiker):
    client = Client()
    client.force_login(kmi_gebruiker)
    response = client.post("/admin/password_change/", {
        "old_password": "geheim-wachtwoord-123", "new_password1": ELF, "new_password2": ELF,
    })
    assert response.status_code == 200
    assert TE_KORT in response.content.decode()
    assert User.objects.get(pk=kmi_gebruiker.pk).check_password("geheim-wachtwoord-123")
