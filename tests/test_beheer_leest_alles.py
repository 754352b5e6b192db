"""Functional admin reads everything (DESIGN.md §2), the archive of Kamer overviews included, through the API,
the archive page and the admin; making an overview stays with the ministry and the toezichthouders."""

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Kameroverzicht
from tests import maak
from tests.test_api_basis import client_voor, is_problem

URL = "/api/v1/kameroverzichten"
pytestmark = pytest.mark.django_db


@pytest.fixture
def archief(beheerder, kmi_gebruiker, ministerie_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBN")
    maak.certificaat(kmi_gebruiker, gi, "volledig", maak.D(2025, 9, 16), maak.D(2028, 9, 15))
    openbaar = client_voor(ministerie_gebruiker).post(URL, {"jaar": 2025}, format="json").json()
    vertrouwelijk = client_voor(inspecteur).post(URL, {"jaar": 2025, "variant": "vertrouwelijk"}, format="json").json()
    return [openbaar["id"], vertrouwelijk["id"]]


def test_beheer_leest_het_archief_via_de_api(archief, beheerder):
    client = client_voor(beheerder)
    lijst = client.get(URL)
    assert lijst.status_code == 200
    assert sorted(o["id"] for o in lijst.json()["results"]) == sorted(archief)
    for pk in archief:
        for pad in (f"{URL}/{pk}", f"{URL}/{pk}/pdf", f"{URL}/{pk}/json"):
            assert client.get(pad).status_code == 200, pad


def test_beheer_maakt_geen_kameroverzicht(archief, beheerder):
    body = is_problem(client_voor(beheerder).post(URL, {"jaar": 2025}, format="json"), 403)
    assert "ministerie en de toezichthouders" in body["detail"]
    assert Kameroverzicht.objects.count() == len(archief)


def test_beheer_leest_het_archief_op_de_webpagina_en_in_de_admin(archief, beheerder):
    client = Client()
    client.force_login(beheerder)
    pagina = client.get(reverse("reports:archief")).content.decode()
    assert all(reverse("reports:detail", args=[pk]) in pagina for pk in archief)
    assert client.get(reverse("reports:download", args=[archief[1], "pdf"])).status_code == 200
    lijst = client.get("/admin/reports/kameroverzicht/").content.decode()
    assert all(f"/admin/reports/kameroverzicht/{pk}/change/" in lijst for pk in archief)
