"""/api/v1/kameroverzichten: list, generate and fetch the archived Kamer overview as JSON or PDF
(DESIGN.md §5 and §6), with the role rules of the archive and problem+json for bad input."""

import hashlib
import json

import pytest
import reportlab

from register import klok
from reports.models import Kameroverzicht
from reports.renderers import render_json
from tests.test_api_basis import client_voor, is_problem, wereld
from tests.test_kameroverzicht_varianten import pdf_tekst

URL = "/api/v1/kameroverzichten"
MARKER = "GEHEIM-kamer-51d2"


def vandaag():
    return klok.vandaag()


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    return wereld(beheerder, kmi_gebruiker, inspecteur, marker=MARKER)


@pytest.fixture
def actoren(publiek, kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, beheerder):
    return {
        "publiek": None, "kmi": kmi_gebruiker, "inspectie": inspecteur, "rva": rva_gebruiker,
        "ministerie": ministerie_gebruiker, "beheer": beheerder,
    }


def verwachte_status(rol, variant):
    if rol == "publiek":
        return 401
    if rol == "beheer" or (rol == "ministerie" and variant == "vertrouwelijk"):
        return 403
    return 201


@pytest.mark.parametrize("variant", ["openbaar", "vertrouwelijk"])
@pytest.mark.parametrize("rol", ["publiek", "kmi", "inspectie", "rva", "ministerie", "beheer"])
def test_wie_mag_aanmaken(register, actoren, rol, variant):
    response = client_voor(actoren[rol]).post(URL, {"jaar": 2025, "variant": variant}, format="json")
    verwacht = verwachte_status(rol, variant)
    assert response.status_code == verwacht, response.content
    if verwacht >= 400:
        is_problem(response, verwacht)
        assert Kameroverzicht.objects.count() == 0
    else:
        body = response.json()
        overzicht = Kameroverzicht.objects.get()
        assert body["id"] == overzicht.pk
        assert (body["jaar"], body["peildatum"], body["variant"]) == (2025, vandaag().isoformat(), variant)
        assert body["aangemaaktDoor"] == actoren[rol].username
        assert response["Location"].endswith(f"{URL}/{overzicht.pk}")


@pytest.mark.parametrize("rol", ["publiek", "zonder rol"])
def test_archief_lezen_alleen_met_een_rol(register, actoren, ministerie_gebruiker, rol, django_user_model):
    client_voor(ministerie_gebruiker).post(URL, {"jaar": 2025}, format="json")
    pk = Kameroverzicht.objects.get().pk
    verwacht = 401 if rol == "publiek" else 403
    gebruiker = None if rol == "publiek" else django_user_model.objects.create_user("zonder-rol", password="geheim-wachtwoord-123")
    client = client_voor(gebruiker)
    for pad in (URL, f"{URL}/{pk}", f"{URL}/{pk}/pdf", f"{URL}/{pk}/json"):
        is_problem(client.get(pad), verwacht)


def test_ministerie_haalt_pdf_en_json_op_zoals_gearchiveerd(register, ministerie_gebruiker):
    client = client_voor(ministerie_gebruiker)
    body = client.post(URL, {"jaar": 2025, "peildatum": vandaag().isoformat()}, format="json").json()
    overzicht = Kameroverzicht.objects.get()
    assert body["peildatum"] == vandaag().isoformat()

    pdf = client.get(body["pdfUrl"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "no-store"
    assert f'filename="{overzicht.bestandsnaam}.pdf"' in pdf["Content-Disposition"]
    assert hashlib.sha256(pdf.content).hexdigest() == body["pdfSha256"] == overzicht.pdf_sha256
    assert body["reportlabVersie"] == overzicht.reportlab_versie == reportlab.Version

    gegevens = client.get(body["jsonUrl"])
    assert gegevens.status_code == 200
    assert gegevens["Content-Type"] == "application/json"
    assert gegevens.content == render_json(overzicht.data)
    assert json.loads(gegevens.content)["data_sha256"] == body["dataSha256"]
    assert [gi["afkorting"] for gi in json.loads(gegevens.content)["instellingen"]] == ["JBN"]

    detail = client.get(f"{URL}/{overzicht.pk}").json()
    assert detail == body


def test_zelfde_gegevens_en_peildatum_geven_dezelfde_pdf(register, ministerie_gebruiker):
    client = client_voor(ministerie_gebruiker)
    eerste = client.post(URL, {"jaar": 2025}, format="json")
    tweede = client.post(URL, {"jaar": 2025}, format="json")
    assert (eerste.status_code, tweede.status_code) == (201, 200)
    eerste, tweede = eerste.json(), tweede.json()
    # unchanged data: the archived entry comes back instead of a second, identical one
    assert eerste["id"] == tweede["id"]
    assert client.get(URL).json()["count"] == 1
    assert eerste["kenmerk"] == tweede["kenmerk"]
    assert eerste["kenmerk"].endswith(f"sha256 {eerste['dataSha256'][:12]}")
    assert eerste["pdfSha256"] == tweede["pdfSha256"]
    assert eerste["dataSha256"] == tweede["dataSha256"]


def test_ministerie_ziet_de_vertrouwelijke_variant_niet(register, ministerie_gebruiker, inspecteur):
    vertrouwelijk = client_voor(inspecteur).post(URL, {"jaar": 2025, "variant": "vertrouwelijk"}, format="json").json()
    openbaar = client_voor(ministerie_gebruiker).post(URL, {"jaar": 2025}, format="json").json()
    client = client_voor(ministerie_gebruiker)

    lijst = client.get(URL).json()
    assert lijst["count"] == 1
    assert [o["id"] for o in lijst["results"]] == [openbaar["id"]]
    for pad in ("", "/pdf", "/json"):
        is_problem(client.get(f"{URL}/{vertrouwelijk['id']}{pad}"), 404)

    toezicht = client_voor(inspecteur).get(URL).json()
    assert [o["id"] for o in toezicht["results"]] == [openbaar["id"], vertrouwelijk["id"]]


def test_openbare_variant_bevat_geen_vertrouwelijke_waarde(register, ministerie_gebruiker, inspecteur):
    client = client_voor(ministerie_gebruiker)
    body = client.post(URL, {"jaar": 2025}, format="json").json()
    antwoorden = [
        json.dumps(body), client.get(URL).content.decode(), client.get(body["jsonUrl"]).content.decode(),
        *pdf_tekst(client.get(body["pdfUrl"]).content),
    ]
    assert "JBN" in " ".join(antwoorden[3:])  # the PDF text was read
    for tekst in antwoorden:
        assert MARKER not in tekst

    # The same check on the vertrouwelijk variant finds the marker, so the check above can fail.
    geheim = client_voor(inspecteur).post(URL, {"jaar": 2025, "variant": "vertrouwelijk"}, format="json").json()
    assert MARKER in client_voor(inspecteur).get(geheim["jsonUrl"]).content.decode()


def test_filters(register, inspecteur):
    import datetime as dt

    from register.domein import DOMEINMODELLEN

    # the register as recorded since 1 January 2025, so an overview on the peildatum 2025-03-01 is not refused
    for domeinmodel in DOMEINMODELLEN:
        domeinmodel.model.history.all().update(history_date=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    client = client_voor(inspecteur)
    client.post(URL, {"jaar": 2025}, format="json")
    client.post(URL, {"jaar": 2024, "variant": "vertrouwelijk", "peildatum": "2025-03-01"}, format="json")
    assert client.get(f"{URL}?jaar=2024").json()["count"] == 1
    assert client.get(f"{URL}?variant=openbaar").json()["results"][0]["jaar"] == 2025
    assert client.get(f"{URL}?peildatumTot=2025-03-01").json()["count"] == 1
    assert client.get(f"{URL}?peildatumVanaf=2025-03-02").json()["count"] == 1
    for parameter, waarde in [("variant", "geheim"), ("jaar", "0.5"), ("jaar", "twintig"), ("peildatumTot", "2025-02-30")]:
        body = is_problem(client.get(URL, {parameter: waarde}), 400)
        assert [p["name"] for p in body["invalidParams"]] == [parameter]


@pytest.mark.parametrize(
    ("invoer", "velden"),
    [
        ({}, {"jaar"}),
        ({"jaar": "twintig"}, {"jaar"}),
        ({"jaar": 1999}, {"jaar"}),
        ({"jaar": 2025, "peildatum": "2025-02-30"}, {"peildatum"}),
        ({"jaar": 2025, "variant": "geheim"}, {"variant"}),
        ({"jaar": 2025, "vertrouwelijk": True}, {"vertrouwelijk"}),
        ({"jaar": 2025, "peildatum": "2999-01-01"}, {"peildatum"}),
        ({"jaar": 2999}, {"jaar"}),
    ],
)
def test_ongeldige_invoer(register, ministerie_gebruiker, invoer, velden):
    body = is_problem(client_voor(ministerie_gebruiker).post(URL, invoer, format="json"), 400)
    assert {p["name"] for p in body["invalidParams"]} == velden
    assert all(p["reason"] for p in body["invalidParams"])
    assert Kameroverzicht.objects.count() == 0


def test_onleesbare_json(register, ministerie_gebruiker):
    response = client_voor(ministerie_gebruiker).post(URL, '{"jaar": 2025', content_type="application/json")
    is_problem(response, 400)
    assert Kameroverzicht.objects.count() == 0


@pytest.mark.parametrize("methode", ["put", "patch", "delete"])
def test_archief_is_onveranderlijk(register, inspecteur, methode):
    client = client_voor(inspecteur)
    pk = client.post(URL, {"jaar": 2025}, format="json").json()["id"]
    voor = Kameroverzicht.objects.values().get()
    is_problem(getattr(client, methode)(f"{URL}/{pk}", {"jaar": 2024}, format="json"), 405)
    assert Kameroverzicht.objects.values().get() == voor


def test_onbekend_overzicht(register, inspecteur):
    client = client_voor(inspecteur)
    for pad in (f"{URL}/999", f"{URL}/999/pdf", f"{URL}/abc", f"{URL}/1/csv", f"{URL}/"):
        is_problem(client.get(pad), 404)
