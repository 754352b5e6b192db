"""In production (DEBUG off) the error pages are Dutch, in the register's own layout with its navigation, whatever
language the browser asks for: 400, 403, 404 and 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import include, path

from register.urls import handler403, handler404  # noqa: F401  (this module stands in as the root urlconf)
from tests.conftest import _gebruiker

ENGELS = ["Not Found", "The requested resource was not found", "Server Error", "Bad Request", "Forbidden", 'lang="en"']


def _fout(request):
    raise RuntimeError("kapot")


def _verboden(request):
    raise PermissionDenied


urlpatterns = [path("test-fout", _fout), path("test-verboden", _verboden), path("", include("register.urls"))]


def _in_huisstijl(html: str) -> None:
    assert '<html lang="nl"' in html
    assert 'aria-label="Hoofdmenu"' in html and "Naar de inhoud" in html
    assert "register/register.css" in html
    for woord in ENGELS:
        assert woord not in html, woord


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize("pad", ["/bestaat-niet", "/instellingen/XYZ", "/kameroverzicht/archief/999/pdf"])
def test_404_nederlands_in_huisstijl(client, ministerie_gebruiker, pad):
    client.force_login(ministerie_gebruiker)
    response = client.get(pad, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 404
    html = response.content.decode()
    _in_huisstijl(html)
    assert "Pagina niet gevonden" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_404_noemt_de_reden_van_het_register(client):
    html = client.get("/instellingen/XYZ", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Deze instelling staat niet in het register." in html
    assert "Resolver404" not in client.get("/bestaat-niet").content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_403_nederlands_in_huisstijl(client):
    response = client.get("/test-verboden", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    html = response.content.decode()
    _in_huisstijl(html)
    assert "Geen toegang" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_403_met_de_reden_van_het_register(client):
    # the archive without a role: reports/varianten.py says why
    zonder_rol = _gebruiker("zonder-rol", None)
    client.force_login(zonder_rol)
    response = client.get("/kameroverzicht/archief/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    html = response.content.decode()
    _in_huisstijl(html)
    assert "daarvoor is een rol in het register nodig" in html


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_500_nederlands_in_huisstijl_zonder_request_context():
    client = Client(raise_request_exception=False)
    response = client.get("/test-fout", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    html = response.content.decode()
    _in_huisstijl(html)
    assert "Er ging iets mis in het register" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_400_nederlands_in_huisstijl(client):
    response = client.get("/?datum=gisteren", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    response = client.get("/open-data/stand.csv?datum=bla", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    _in_huisstijl(response.content.decode())
