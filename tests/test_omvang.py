"""Omvang (DESIGN.md §3): beheer records how many GI's are in scope on a date, with bron; the other roles read it.
Written through the services from every door (API, admin), with history; one per date."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from register.models import Omvang
from register.services import omvang_corrigeren, omvang_registreren
from tests.test_api_basis import client_voor

pytestmark = pytest.mark.django_db
D = dt.date


def test_beheer_legt_de_omvang_vast_via_de_api_en_iedereen_leest_hem(beheerder, kmi_gebruiker):
    nieuw = client_voor(beheerder).post(
        "/api/v1/omvang", {"datum": "2026-01-30", "aantal": 13, "bron": "antwoorden Kamervragen 30 januari 2026"},
        format="json")
    assert nieuw.status_code == 201, nieuw.content
    assert client_voor(kmi_gebruiker).post(
        "/api/v1/omvang", {"datum": "2026-01-31", "aantal": 14, "bron": "x"}, format="json").status_code == 403
    [omvang] = client_voor().get("/api/v1/omvang").json()["results"]
    assert (omvang["datum"], omvang["aantal"]) == ("2026-01-30", 13)


def test_een_omvang_per_datum_en_de_historie_houdt_de_oude_waarde(beheerder, kmi_gebruiker):
    omvang = omvang_registreren(actor=beheerder, datum=D(2026, 1, 30), aantal=13, bron="antwoorden")
    with pytest.raises(ValidationError):
        omvang_registreren(actor=beheerder, datum=D(2026, 1, 30), aantal=12, bron="dubbel")
    with pytest.raises(PermissionDenied):
        omvang_registreren(actor=kmi_gebruiker, datum=D(2026, 1, 31), aantal=12, bron="kmi")
    omvang_corrigeren(actor=beheerder, omvang=omvang, reden="telfout", aantal=14)
    assert [h.aantal for h in Omvang.history.order_by("history_date")] == [13, 14]


def test_beheer_ziet_de_omvang_in_de_admin(beheerder):
    client = Client()
    client.force_login(beheerder)
    formulier = client.get("/admin/register/omvang/add/").content.decode()
    for veld in ("datum", "aantal", "bron", "toelichting"):
        assert f'name="{veld}"' in formulier
