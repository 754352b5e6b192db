"""API rate limits (DRF throttling): anonymous readers per address, token clients per user, and a stricter limit on
failed token attempts per address. Over a limit: 429 problem+json in Dutch with Retry-After. The tests use small
limits; the defaults are checked against the README's table."""

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from api.throttling import AnoniemeLimiet
from tests import maak
from tests.test_api_basis import client_voor, is_problem, sleutel_voor

pytestmark = pytest.mark.django_db

URL = "/api/v1/instellingen"
ADRES = "198.51.100.7"


def limieten(**rates):
    """The settings with these rates (scopes anon, user, token_fout) and, optionally, TRUSTED_PROXIES."""
    proxies = rates.pop("proxies", settings.TRUSTED_PROXIES)
    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
        },
        TRUSTED_PROXIES=proxies,
    )


def get(client, adres=ADRES, url=URL, **headers):
    return client.get(url, REMOTE_ADDR=adres, **headers)


@pytest.fixture
def register(beheerder):
    return maak.instelling(beheerder, "JBN")


def test_standaardlimieten_uit_de_readme():
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {"anon": "120/min", "user": "600/min", "token_fout": "20/hour"}
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0  # DRF's own X-Forwarded-For reading stays off
    assert settings.TRUSTED_PROXIES == []


def test_standaard_krijgt_een_anonieme_lezer_na_120_verzoeken_per_minuut_429(register, monkeypatch):
    monkeypatch.setattr(AnoniemeLimiet, "timer", lambda self: 1_000_000.0)  # all within the same minute, however slow
    client = APIClient()
    antwoorden = [get(client).status_code for _ in range(121)]
    assert antwoorden[:120] == [200] * 120
    assert antwoorden[120] == 429


def test_anonieme_lezer_boven_de_limiet_krijgt_429_problem_json_met_retry_after(register):
    client = APIClient()
    with limieten(anon="3/min"):
        assert [get(client).status_code for _ in range(3)] == [200, 200, 200]
        response = get(client)
    body = is_problem(response, 429)
    assert body["title"] == "Te veel verzoeken"
    assert "te veel verzoeken" in body["detail"] and "Retry-After" in body["detail"]
    assert 1 <= int(response["Retry-After"]) <= 60
    assert f"Wacht {response['Retry-After']} seconde" in body["detail"]


def test_de_anonieme_limiet_geldt_per_adres(register):
    with limieten(anon="2/min"):
        client = APIClient()
        get(client), get(client)
        assert get(client).status_code == 429
        assert get(APIClient(), adres="203.0.113.9").status_code == 200


def test_zonder_vertrouwde_proxy_omzeilt_een_vervalst_x_forwarded_for_de_limiet_niet(register):
    with limieten(anon="2/min"):
        client = APIClient()
        codes = [get(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_achter_een_vertrouwde_proxy_telt_het_adres_van_de_client(register):
    proxy = "10.0.0.2"
    with limieten(anon="2/min", proxies=[proxy]):
        client = APIClient()
        codes = [get(client, proxy, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code for _ in range(3)]
        ander = get(client, proxy, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code
    assert codes == [200, 200, 429]
    assert ander == 200


def test_een_tokenclient_heeft_zijn_eigen_ruimere_limiet(register, kmi_gebruiker):
    systeem = client_voor(kmi_gebruiker)
    with limieten(anon="2/min", user="4/min"):
        get(APIClient()), get(APIClient())
        assert get(APIClient()).status_code == 429  # anonymous from this address: done
        codes = [get(systeem).status_code for _ in range(5)]
        body = is_problem(get(systeem), 429)
    assert codes == [200, 200, 200, 200, 429]
    assert "Wacht" in body["detail"]


def test_herhaalde_ongeldige_tokens_geven_429_voor_elk_volgend_ongeldig_token(register, kmi_gebruiker):
    gokker = APIClient()
    with limieten(token_fout="3/hour"):
        gokken = [get(gokker, HTTP_AUTHORIZATION=f"Token {i:064x}").status_code for i in range(3)]
        geblokkeerd = get(gokker, HTTP_AUTHORIZATION="Token " + "f" * 64)
        elders = get(APIClient(), adres="203.0.113.9", HTTP_AUTHORIZATION="Token " + "f" * 64)
    assert gokken == [401, 401, 401]
    body = is_problem(geblokkeerd, 429)
    assert "ongeldig token" in body["detail"] and "Authorization: Token" in body["detail"]
    assert 3000 < int(geblokkeerd["Retry-After"]) <= 3600
    assert elders.status_code == 401


def test_ongeldige_tokens_vanaf_een_adres_sluiten_de_geldige_tokens_van_dat_adres_niet_buiten(register, kmi_gebruiker):
    """Behind a proxy the app was not told about, every token user shares the proxy's address: someone sending bad
    tokens must not lock all of them out (issue 19, finding 6)."""
    geldig = sleutel_voor(kmi_gebruiker)
    with limieten(token_fout="3/hour"):
        for i in range(10):
            get(APIClient(), HTTP_AUTHORIZATION=f"Token {i:064x}")
        assert get(APIClient(), HTTP_AUTHORIZATION="Token " + "e" * 64).status_code == 429
        assert get(APIClient(), HTTP_AUTHORIZATION=f"Token {geldig}").status_code == 200


def test_geldige_tokens_tellen_niet_als_mislukte_poging(register, kmi_gebruiker):
    geldig = client_voor(kmi_gebruiker)
    with limieten(token_fout="2/hour"):
        assert [get(geldig).status_code for _ in range(5)] == [200] * 5
        assert get(APIClient(), HTTP_AUTHORIZATION="Token " + "0" * 40).status_code == 401


def test_documentatie_en_specificatie_vallen_onder_dezelfde_anonieme_limiet(register):
    with limieten(anon="1/min"):
        client = APIClient()
        assert get(client, url="/api/v1/openapi.json").status_code == 200
        is_problem(get(client, url="/api/v1/openapi.json"), 429)
