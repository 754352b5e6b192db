"""API conventions (NL API Design Rules) and the shared helpers of the API tests."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from gebruikers.models import ApiToken
from tests import maak

D = dt.date
PROBLEM = "application/problem+json"


# The keys the tests issued, by digest: the database keeps only the digest, so a second client for the same
# account reuses the key issued for the first instead of replacing its token.
_SLEUTELS: dict[str, str] = {}


def sleutel_voor(user) -> str:
    """The key of ``user``'s API token, issued here (without the service's rules) when it has none yet."""
    token = ApiToken.objects.filter(gebruiker=user).first()
    if token is None or token.digest not in _SLEUTELS:
        ApiToken.objects.filter(gebruiker=user).delete()
        token = ApiToken.nieuw(user)
        _SLEUTELS[token.digest] = token.sleutel
    return _SLEUTELS[token.digest]


def client_voor(user=None) -> APIClient:
    """A client as a system would use it: token authentication, or anonymous without a user."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(user)}")
    return client


def wereld(beheerder, kmi, inspecteur, marker: str = ""):
    """One GI (JBN) with one record of every kind; confidential fields carry ``marker`` when given."""
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    audit = maak.audit(
        kmi, gi, D(2024, 11, 4), D(2024, 11, 6),
        samenvatting=f"{marker}-samenvatting" if marker else "",
        rapportkenmerk=f"{marker}-kenmerk" if marker else "",
    )
    besluit = maak.certificaat(
        kmi, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15),
        motivering_vertrouwelijk=f"{marker}-motivering" if marker else "",
    )
    besluit.audits.set([audit])
    toezicht = maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    onderzoek = maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "grotendeels_onvoldoende"})
    from register.services import monitormeting_registreren
    from supervision.services import handhavingsmaatregel_registreren

    maatregel = handhavingsmaatregel_registreren(
        actor=inspecteur, instelling=gi, soort="aanwijzing", door="IGJ", datum=D(2025, 8, 1), bron="test"
    )
    meting = monitormeting_registreren(actor=beheerder, peildatum=D(2025, 10, 1), aantal_kinderen_met_maatregel=30000, bron="test")
    return {
        "instellingen": gi.afkorting,
        "audits": audit.pk,
        "certificaatbesluiten": besluit.pk,
        "toezichtbesluiten": toezicht.pk,
        "handhavingsmaatregelen": maatregel.pk,
        "inspectieonderzoeken": onderzoek.pk,
        "themas": "goed_bestuur",
        "monitormetingen": meting.pk,
    }


def is_problem(response, status_code: int) -> dict:
    assert response.status_code == status_code, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status_code
    assert body["type"] and body["title"] and body["detail"]
    return body


@pytest.fixture
def jbn(beheerder, kmi_gebruiker, inspecteur):
    return wereld(beheerder, kmi_gebruiker, inspecteur)


def test_elke_api_response_draagt_versie_en_beveiligingsheaders(jbn, kmi_gebruiker):
    for client, url in [
        (client_voor(), "/api/v1/instellingen"),
        (client_voor(), "/api/v1/bestaat-niet"),
        (client_voor(kmi_gebruiker), "/api/v1/audits"),
        (client_voor(), "/api/v1/openapi.json"),
    ]:
        response = client.get(url)
        assert response["API-Version"] == "1.0.0"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_geauthenticeerde_antwoorden_worden_niet_bewaard(jbn, kmi_gebruiker):
    assert client_voor(kmi_gebruiker).get("/api/v1/audits")["Cache-Control"] == "no-store"
    assert client_voor(kmi_gebruiker).get("/api/v1/bestaat-niet")["Cache-Control"] == "no-store"
    assert "no-store" not in client_voor().get("/api/v1/instellingen")["Cache-Control"]


def test_slash_aan_het_eind_geeft_404_en_geen_redirect(jbn):
    for url in ["/api/v1/instellingen/", "/api/v1/instellingen/JBN/", "/api/v1/openapi.json/"]:
        is_problem(client_voor().get(url), 404)


def test_sleutels_in_camelcase_datums_iso_tijdstippen_utc(jbn):
    body = client_voor().get(f"/api/v1/certificaatbesluiten/{jbn['certificaatbesluiten']}").json()
    assert body["geldigTot"] == "2025-09-15"
    assert "geldig_tot" not in body
    assert body["aangemaaktOp"].endswith("Z")


def test_lijsten_zijn_gepagineerd(jbn):
    body = client_voor().get("/api/v1/themas?pageSize=2").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 2 and body["count"] >= 5
    assert "page=2" in body["next"] and "pageSize=2" in body["next"]


@pytest.mark.parametrize(
    "query, verwacht",
    [
        ("/api/v1/certificaatbesluiten?instelling=JBN&status=overbrugging", 1),
        ("/api/v1/certificaatbesluiten?status=volledig", 0),
        ("/api/v1/certificaatbesluiten?ingangsdatumVanaf=2024-12-16&ingangsdatumTot=2024-12-16", 1),
        ("/api/v1/certificaatbesluiten?ingangsdatumVanaf=2024-12-17", 0),
        ("/api/v1/toezichtbesluiten?niveau=verscherpt", 1),
        ("/api/v1/toezichtbesluiten?niveau=regulier", 0),
        ("/api/v1/audits?soort=periodiek&instelling=JBN", 1),
        ("/api/v1/audits?instelling=ONBEKEND", 0),
        ("/api/v1/inspectieonderzoeken?thema=goed_bestuur&waarde=grotendeels_onvoldoende", 1),
        ("/api/v1/inspectieonderzoeken?waarde=voldoende", 0),
        ("/api/v1/handhavingsmaatregelen?soort=aanwijzing&datumVanaf=2025-01-01", 1),
        ("/api/v1/monitormetingen?landelijk=true", 1),
        ("/api/v1/instellingen?soort=landelijk", 0),
    ],
)
def test_filters(jbn, query, verwacht):
    response = client_voor().get(query)
    assert response.status_code == 200
    assert response.json()["count"] == verwacht


def test_status_op_datum(jbn):
    body = client_voor().get("/api/v1/instellingen/JBN/status?datum=2025-08-01").json()
    assert body["certificaat"] == {"status": "overbrugging", "besluitId": jbn["certificaatbesluiten"], "geldigTot": "2025-09-15",
                                   "geldigTotOnbekend": False, "reikwijdte": "onbekend"}
    assert body["toezicht"]["niveau"] == "verscherpt" and body["toezicht"]["termijnVerstreken"] is False
    assert client_voor().get("/api/v1/instellingen/JBN/status?datum=2025-10-01").json()["certificaat"]["status"] == "verlopen"
    assert client_voor().get("/api/v1/instellingen/JBN/status?datum=2024-01-01").json()["certificaat"]["status"] == "geen"
    later = client_voor().get("/api/v1/instellingen/JBN/status?datum=2026-03-01").json()["toezicht"]
    assert later["niveau"] == "verscherpt" and later["termijnVerstreken"] is True


def test_tijdlijn_in_periode(jbn):
    body = client_voor().get("/api/v1/instellingen/JBN/tijdlijn?van=2025-01-01&tot=2025-12-31").json()
    assert [g["soort"] for g in body["gebeurtenissen"]] == ["inspectieonderzoek", "toezichtbesluit", "handhavingsmaatregel"]
    assert body["gebeurtenissen"][0]["gegevens"]["oordelen"][0]["thema"] == "goed_bestuur"
    assert body["certificaatIntervallen"][0] == {
        "van": "2025-01-01", "tot": "2025-09-15", "waarde": "overbrugging",
        "besluitId": jbn["certificaatbesluiten"], "termijnVerstreken": False,
    }
    assert body["toezichtIntervallen"][-1]["waarde"] == "verscherpt"


def test_documentatiepagina_zonder_externe_bronnen(jbn):
    response = client_voor().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and "https://" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_onverwachte_fout_is_ook_problem_json(jbn, monkeypatch):
    from register import selectors

    def kapot(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(selectors, "tijdlijn", kapot)
    client = client_voor()
    client.raise_request_exception = False
    response = client.get("/api/v1/instellingen/JBN/tijdlijn")
    body = is_problem(response, 500)
    assert "kapot" not in body["detail"]
    assert response["API-Version"] == "1.0.0"
