"""Who may do what through the API: one case per role × resource × method (DESIGN.md §2)."""

import pytest

from certification.models import Audit, Certificaatbesluit
from register.models import Instelling, Monitormeting
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Thema, Toezichtbesluit
from tests.test_api_basis import client_voor, is_problem, wereld

ROLLEN = ["publiek", "kmi", "inspectie", "rva", "ministerie", "beheer"]
SCHRIJVER = {
    "instellingen": "beheer",
    "audits": "kmi",
    "certificaatbesluiten": "kmi",
    "toezichtbesluiten": "inspectie",
    "handhavingsmaatregelen": "inspectie",
    "inspectieonderzoeken": "inspectie",
    "themas": "beheer",
    "monitormetingen": "beheer",
}
MODEL = {
    "instellingen": Instelling,
    "audits": Audit,
    "certificaatbesluiten": Certificaatbesluit,
    "toezichtbesluiten": Toezichtbesluit,
    "handhavingsmaatregelen": Handhavingsmaatregel,
    "inspectieonderzoeken": Inspectieonderzoek,
    "themas": Thema,
    "monitormetingen": Monitormeting,
}
NIEUW = {
    "instellingen": {"afkorting": "NIEUW", "naam": "Nieuwe GI", "soort": "regionaal", "bron": "test"},
    "audits": {"instelling": "JBN", "soort": "periodiek", "startdatum": "2025-01-10", "einddatum": "2025-01-12", "bron": "t"},
    "certificaatbesluiten": {
        "instelling": "JBN", "status": "volledig", "besluitdatum": "2026-01-01", "ingangsdatum": "2026-01-01", "bron": "t",
        "reikwijdte": "beide",
        "afweging": "Verscherpt toezicht en kritisch rapport gewogen; het verbeterplan is op schema.",
    },
    "toezichtbesluiten": {
        "instelling": "JBN", "niveau": "regulier", "door": "IGJ", "besluitdatum": "2026-03-01",
        "ingangsdatum": "2026-03-01", "bron": "t",
    },
    "handhavingsmaatregelen": {"instelling": "JBN", "soort": "bevel", "door": "IGJ", "datum": "2025-05-01", "bron": "t"},
    "inspectieonderzoeken": {
        "instellingen": [{"instelling": "JBN"}], "soort": "regulier", "door": "IGJ", "rapportdatum": "2025-10-01", "titel": "Nieuw rapport",
        "bron": "t", "oordelen": [{"thema": "goed_bestuur", "waarde": "voldoende"}],
    },
    "themas": {"code": "nieuw_thema", "naam": "Nieuw thema"},
    "monitormetingen": {"peildatum": "2025-12-01", "aantalKinderenMetMaatregel": 100, "bron": "t"},
}
CORRECTIE = {
    "instellingen": {"werkgebied": "Groningen, Friesland, Drenthe"},
    "audits": {"normenkaderVersie": "2025"},
    "certificaatbesluiten": {"kenmerk": "KMI-2024-1"},
    "toezichtbesluiten": {"aanleiding": "Rapport van 24 juli 2025"},
    "handhavingsmaatregelen": {"zakelijkeWeergave": "Aanwijzing goed bestuur"},
    "inspectieonderzoeken": {"titel": "Gecorrigeerde titel"},
    "themas": {"omschrijving": "Gecorrigeerde omschrijving"},
    "monitormetingen": {"fte": "10.5"},
}
METHODEN = ["lijst", "detail", "registreren", "corrigeren", "vervallen", "verwijderen"]


@pytest.fixture
def actoren(publiek, kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, beheerder):
    return {
        "publiek": None, "kmi": kmi_gebruiker, "inspectie": inspecteur, "rva": rva_gebruiker,
        "ministerie": ministerie_gebruiker, "beheer": beheerder,
    }


def verwachte_status(rol, resource, methode):
    if methode in ("lijst", "detail"):
        return 200
    if methode == "verwijderen":
        return 405
    if methode == "vervallen" and resource == "themas":
        return 404  # a theme is deactivated with 'actief', it has no vervallen action
    if rol == "publiek":
        return 401
    if rol != SCHRIJVER[resource]:
        return 403
    return {"registreren": 201, "corrigeren": 200, "vervallen": 200}[methode]


@pytest.mark.parametrize("methode", METHODEN)
@pytest.mark.parametrize("resource", list(SCHRIJVER))
@pytest.mark.parametrize("rol", ROLLEN)
def test_rechten(actoren, rol, resource, methode):
    ids = wereld(actoren["beheer"], actoren["kmi"], actoren["inspectie"])
    client = client_voor(actoren[rol])
    model = MODEL[resource]
    detail = f"/api/v1/{resource}/{ids[resource]}"
    voor = (model.objects.count(), model.history.count())

    if methode == "lijst":
        response = client.get(f"/api/v1/{resource}")
    elif methode == "detail":
        response = client.get(detail)
    elif methode == "registreren":
        response = client.post(f"/api/v1/{resource}", NIEUW[resource], format="json")
    elif methode == "corrigeren":
        response = client.patch(detail, {**CORRECTIE[resource], "reden": "Typefout hersteld"}, format="json")
    elif methode == "vervallen":
        response = client.post(f"{detail}/vervallen", {"reden": "Dubbel geregistreerd"}, format="json")
    else:
        response = client.delete(detail)

    verwacht = verwachte_status(rol, resource, methode)
    assert response.status_code == verwacht, response.content
    if verwacht >= 400:
        is_problem(response, verwacht)
        assert (model.objects.count(), model.history.count()) == voor
    elif methode == "registreren":
        assert model.objects.count() == voor[0] + 1
        assert response["Location"].endswith(f"/api/v1/{resource}/{response.json()['afkorting' if resource == 'instellingen' else 'code' if resource == 'themas' else 'id']}")
    elif methode == "corrigeren":
        veld, waarde = next(iter(CORRECTIE[resource].items()))
        assert response.json()[veld] == waarde
        laatste = model.history.order_by("-history_id").first()
        assert laatste.history_change_reason == "Typefout hersteld"
        assert laatste.history_user == actoren[rol]
    elif methode == "vervallen":
        assert response.json()["vervallen"] is True
        assert response.json()["vervalreden"] == "Dubbel geregistreerd"


def test_corrigeren_zonder_reden_wordt_geweigerd(kmi_gebruiker, inspecteur, beheerder):
    ids = wereld(beheerder, kmi_gebruiker, inspecteur)
    response = client_voor(kmi_gebruiker).patch(
        f"/api/v1/certificaatbesluiten/{ids['certificaatbesluiten']}", {"kenmerk": "X"}, format="json"
    )
    body = is_problem(response, 400)
    assert body["invalidParams"][0]["name"] == "reden"
    assert Certificaatbesluit.objects.get().kenmerk == ""


def test_reden_mag_ook_in_header(kmi_gebruiker, inspecteur, beheerder):
    ids = wereld(beheerder, kmi_gebruiker, inspecteur)
    response = client_voor(kmi_gebruiker).patch(
        f"/api/v1/certificaatbesluiten/{ids['certificaatbesluiten']}", {"kenmerk": "X"}, format="json",
        HTTP_REDEN="Kenmerk aangevuld",
    )
    assert response.status_code == 200
    assert Certificaatbesluit.history.order_by("-history_id").first().history_change_reason == "Kenmerk aangevuld"


def test_vervallen_registratie_kan_niet_meer_gecorrigeerd(kmi_gebruiker, inspecteur, beheerder):
    ids = wereld(beheerder, kmi_gebruiker, inspecteur)
    client = client_voor(kmi_gebruiker)
    url = f"/api/v1/audits/{ids['audits']}"
    assert client.post(f"{url}/vervallen", {"reden": "Onjuist"}, format="json").status_code == 200
    historie = Audit.history.count()
    # A second void or a correction conflicts with the record's state: 409, and nothing changes.
    assert is_problem(client.post(f"{url}/vervallen", {"reden": "Nog eens"}, format="json"), 409)["detail"] == (
        "Deze registratie is al vervallen."
    )
    assert "vervallen" in is_problem(client.patch(url, {"normenkaderVersie": "x", "reden": "r"}, format="json"), 409)["detail"]
    is_problem(client.post(f"{url}/vervallen", {}, format="json"), 400)
    assert Audit.history.count() == historie
    assert Audit.objects.get(pk=ids["audits"]).vervalreden == "Onjuist"


def test_onbekend_of_ingetrokken_token_geeft_401(kmi_gebruiker):
    client = client_voor()
    client.credentials(HTTP_AUTHORIZATION="Token bestaat-niet")
    body = is_problem(client.get("/api/v1/audits"), 401)
    assert body["detail"]


def test_beheer_geeft_tokens_uit_en_trekt_ze_in(beheerder, kmi_gebruiker):
    beheer = client_voor(beheerder)
    response = beheer.post("/api/v1/tokens", {"gebruiker": kmi_gebruiker.username}, format="json")
    assert response.status_code == 201
    sleutel = response.json()["token"]
    systeem = client_voor()
    systeem.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert systeem.get("/api/v1/audits").status_code == 200
    lijst = beheer.get("/api/v1/tokens").json()["results"]
    assert kmi_gebruiker.username in [t["gebruiker"] for t in lijst]
    assert all("token" not in t for t in lijst)
    assert beheer.delete(f"/api/v1/tokens/{kmi_gebruiker.username}").status_code == 204
    is_problem(systeem.get("/api/v1/audits"), 401)
    is_problem(beheer.post("/api/v1/tokens", {"gebruiker": "niemand"}, format="json"), 400)


@pytest.mark.parametrize("rol", ["publiek", "kmi", "inspectie", "rva", "ministerie"])
def test_alleen_beheer_beheert_tokens(actoren, rol):
    client = client_voor(actoren[rol])
    verwacht = 401 if rol == "publiek" else 403
    is_problem(client.get("/api/v1/tokens"), verwacht)
    is_problem(client.post("/api/v1/tokens", {"gebruiker": "beheerder"}, format="json"), verwacht)


def test_beheer_mag_tokens_ook_in_de_admin_beheren(beheerder, kmi_gebruiker):
    from django.test import Client

    for user, verwacht in ((beheerder, 200), (kmi_gebruiker, 403)):
        client = Client()
        client.force_login(user)
        assert client.get("/admin/gebruikers/apitoken/add/").status_code == verwacht
