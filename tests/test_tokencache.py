"""API tokens kept per process (gebruikers/tokencache.py): a warm authenticated read costs no more queries than an
anonymous one, and revoking a token, changing a role or deactivating an account takes effect at the next request."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from gebruikers import services, tokencache
from gebruikers.models import ApiToken
from tests import maak
from tests.test_api_basis import sleutel_voor

D = dt.date
pytestmark = pytest.mark.django_db
URLS = ("/api/v1/instellingen/JBN/status", "/api/v1/instellingen/JBN/tijdlijn", "/api/v1/instellingen",
        "/api/v1/signalen?jaar=2025")


@pytest.fixture(autouse=True)
def leeg():
    from django.core.cache import cache

    from register import cache as afgeleid

    cache.clear()
    afgeleid.VERTROUWELIJK.clear()
    tokencache.leegmaken()


@pytest.fixture
def jbn(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2020, 1, 1))
    audit = maak.audit(kmi_gebruiker, gi, D(2025, 1, 10), samenvatting="GEHEIM-t1")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 2, 1), D(2028, 1, 31), audits=[audit])
    return gi


def _met_token(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(user)}")
    return client


def _aantal(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", URLS)
def test_een_warme_lezing_met_token_kost_niet_meer_dan_anoniem(jbn, kmi_gebruiker, ministerie_gebruiker, url,
                                                              django_assert_max_num_queries):
    anoniem = APIClient()
    anoniem.get(url)
    warm_anoniem = _aantal(anoniem, url)
    for user in (kmi_gebruiker, ministerie_gebruiker):
        client = _met_token(user)
        client.get(url)
        with django_assert_max_num_queries(warm_anoniem):
            assert client.get(url).status_code == 200


def test_intrekken_werkt_meteen(jbn, beheerder, kmi_gebruiker):
    client = _met_token(kmi_gebruiker)
    for _ in range(2):
        assert client.get(URLS[0]).status_code == 200
    services.token_intrekken(actor=beheerder, gebruiker=kmi_gebruiker, reden="uit dienst")
    antwoord = client.get(URLS[0])
    assert antwoord.status_code == 401, antwoord.content


def test_een_nieuw_token_vervangt_het_oude_meteen(jbn, beheerder, kmi_gebruiker):
    client = _met_token(kmi_gebruiker)
    client.get(URLS[0])
    nieuw = services.token_uitgeven(actor=beheerder, gebruikersnaam=kmi_gebruiker.username, reden="vervangen")
    assert client.get(URLS[0]).status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {nieuw.sleutel}")
    assert client.get(URLS[0]).status_code == 200


def test_een_rolwijziging_werkt_meteen(jbn, beheerder, kmi_gebruiker):
    client = _met_token(kmi_gebruiker)
    url = "/api/v1/audits"
    for _ in range(2):
        assert "GEHEIM-t1" in client.get(url).content.decode()
    services.rollen_wijzigen(actor=beheerder, gebruiker=kmi_gebruiker, rollen=["ministerie"], reden="andere afdeling")
    antwoord = client.get(url)
    assert antwoord.status_code == 200 and "GEHEIM-t1" not in antwoord.content.decode()


def test_deactiveren_werkt_meteen(jbn, kmi_gebruiker):
    client = _met_token(kmi_gebruiker)
    client.get(URLS[0])
    kmi_gebruiker.is_active = False
    kmi_gebruiker.save()
    assert client.get(URLS[0]).status_code == 401


def test_een_wijziging_in_een_ander_proces_werkt_hier_meteen(jbn, kmi_gebruiker):
    """Another worker revoked the token (here: deleted without signals) and changed the generation in the shared
    cache: this process's kept account is behind and the token is looked up again."""
    client = _met_token(kmi_gebruiker)
    client.get(URLS[0])
    ApiToken.objects.filter(gebruiker=kmi_gebruiker)._raw_delete(connection.alias)
    assert client.get(URLS[0]).status_code == 200  # kept, generation unchanged (what the other worker must change)
    from django.core.cache import cache

    cache.set(tokencache.GENERATIE, "van-een-ander-proces", None)
    assert client.get(URLS[0]).status_code == 401


def test_zonder_generatie_telt_niets_wat_bewaard_is(jbn, kmi_gebruiker):
    from django.core.cache import cache

    client = _met_token(kmi_gebruiker)
    client.get(URLS[0])
    ApiToken.objects.filter(gebruiker=kmi_gebruiker)._raw_delete(connection.alias)
    cache.delete(tokencache.GENERATIE)  # culled or cleared
    assert client.get(URLS[0]).status_code == 401


def test_het_bewaarde_account_staat_niet_in_de_gedeelde_cache(jbn, kmi_gebruiker):
    from django.core.cache import cache

    client = _met_token(kmi_gebruiker)
    client.get(URLS[0])
    digest = ApiToken.objects.get(gebruiker=kmi_gebruiker).digest
    assert not any(digest in str(k) for k in cache._cache) and tokencache._PROCES.get(digest) is not None
