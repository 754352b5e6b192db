"""The API rate limits counted in fixed windows (api/throttling.py), with one statement per request on the database
cache of production (register/databasecache.py ``tellen``): exactly N answers in a window and 429 for the next, a
new window once the period has passed (the clock is moved, not slept on), Retry-After the seconds left in the
window, one count per request also with a kept token, and no count lost when two connections count at once."""

import threading
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings
from rest_framework.test import APIClient

from api import throttling
from api.throttling import AnoniemeLimiet, GebruikerLimiet
from gebruikers import tokencache
from tests.test_api_basis import is_problem, sleutel_voor

pytestmark = pytest.mark.django_db(transaction=True)
TABEL = "test_register_teller"
URL = "/api/v1/instellingen"


@pytest.fixture(params=["database", "locmem"])
def opslag(request):
    """The database cache of production, and locmem (development) which counts the same way."""
    if request.param == "locmem":
        instellingen = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "teller"}
    else:
        instellingen = {"BACKEND": "register.databasecache.RegisterDatabaseCache", "LOCATION": TABEL}
    with override_settings(CACHES={"default": instellingen}):
        if request.param == "database":
            call_command("createcachetable", verbosity=0)
        caches["default"].clear()
        tokencache.leegmaken()
        yield caches["default"]
        caches["default"].clear()
        tokencache.leegmaken()


@pytest.fixture
def rollen():
    """The role groups (a data migration makes them; a transactional test before this one flushed them)."""
    from django.contrib.auth.models import Group

    for rol in ("kmi", "inspectie", "rva", "ministerie", "beheer"):
        Group.objects.get_or_create(name=rol)


def limieten(**rates):
    return override_settings(REST_FRAMEWORK={
        **settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
    })


class Klok:
    """The limits' clock, moved by the test."""

    def __init__(self, monkeypatch, nu=1_900_000_000.0):
        self.nu = nu
        for klasse in (AnoniemeLimiet, GebruikerLimiet):
            monkeypatch.setattr(klasse, "timer", lambda _self: self.nu)


def test_precies_op_de_limiet_nog_antwoord_een_erover_429_en_na_het_venster_weer(opslag, monkeypatch):
    klok = Klok(monkeypatch)
    client = APIClient()
    with limieten(anon="5/min"):
        codes = []
        for _ in range(5):
            codes.append(client.get(URL).status_code)
            klok.nu += 10  # the fifth at 40 s into the window
        assert codes == [200] * 5
        klok.nu += 5  # 55 s into the window: one over the limit
        response = client.get(URL)
        body = is_problem(response, 429)
        assert response["Retry-After"] == "5"  # the window began with the first request
        assert "Wacht 5 seconden" in body["detail"]
        klok.nu += 4.5
        assert client.get(URL)["Retry-After"] == "1"  # half a second left: rounded up
        klok.nu += 0.5  # exactly the window's end: a new window
        assert [client.get(URL).status_code for _ in range(6)] == [200] * 5 + [429]


def test_geweigerde_verzoeken_verlengen_het_venster_niet(opslag, monkeypatch):
    """A client that keeps asking while refused gets answers again as soon as its window has ended."""
    klok = Klok(monkeypatch)
    client = APIClient()
    with limieten(anon="2/min"):
        assert [client.get(URL).status_code for _ in range(2)] == [200, 200]
        for _ in range(20):
            klok.nu += 2.9
            assert client.get(URL).status_code == 429
        klok.nu = 1_900_000_000.0 + 60
        assert client.get(URL).status_code == 200


def test_de_teller_geldt_per_adres(opslag, monkeypatch):
    Klok(monkeypatch)
    with limieten(anon="1/min"):
        assert APIClient().get(URL, REMOTE_ADDR="198.51.100.7").status_code == 200
        assert APIClient().get(URL, REMOTE_ADDR="198.51.100.7").status_code == 429
        assert APIClient().get(URL, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_een_token_telt_een_keer_per_verzoek_ook_als_het_account_bewaard_is(opslag, rollen, kmi_gebruiker, monkeypatch):
    """A kept account is counted while authenticating (with the generation in one statement), a fresh lookup by the
    throttle: either way one count per request, and the limit is the user's, not the address's."""
    klok = Klok(monkeypatch)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(kmi_gebruiker)}")
    with limieten(anon="1/min", user="4/min"):
        codes = [client.get(URL).status_code]  # looked up: the account is kept from here
        codes.append(client.get(URL).status_code)
        tokencache.gewijzigd()  # a new generation: the next request counts, finds its account behind, looks it up
        codes += [client.get(URL).status_code for _ in range(3)]
        assert codes == [200, 200, 200, 200, 429]
        klok.nu += 60
        assert client.get(URL).status_code == 200


def test_een_warme_lezing_met_token_telt_en_leest_de_generatie_in_een_statement(opslag, rollen, kmi_gebruiker):
    if not hasattr(opslag, "tellen"):
        pytest.skip("alleen de databasecache telt in een statement")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(kmi_gebruiker)}")
    client.get(URL), client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    tellers = [q["sql"] for q in queries if "api-teller:" in q["sql"]]
    assert len(tellers) == 1 and tokencache.GENERATIE in tellers[0]
    assert not [q for q in queries if "api-teller:" not in q["sql"] and TABEL in q["sql"] and "standversie" not in q["sql"]]


def test_tellen_in_de_databasecache(opslag):
    """``tellen`` directly: counts, the window's end, a rollover, and other values read in the same statement."""
    if not hasattr(opslag, "tellen"):
        pytest.skip("alleen de databasecache")
    opslag.set("elders", {"waarde": 1}, None)
    t0 = 1_900_000_000.0
    assert opslag.tellen("t", 60, t0, ("elders", "ontbreekt")) == (1, t0 + 60, {"elders": {"waarde": 1}})
    assert opslag.tellen("t", 60, t0 + 59.5)[:2] == (2, t0 + 60)
    assert opslag.tellen("t", 60, t0 + 60)[:2] == (1, t0 + 120)  # the window's end starts a new one
    opslag.set("verlopen", 1, -1)
    assert opslag.tellen("t", 60, t0 + 61, ("verlopen",))[2] == {}  # an expired value is not read


def test_gelijktijdig_tellen_op_twee_verbindingen_verliest_niets(opslag):
    """Two connections (threads) count the same key at once: every count is made, each sees its own number."""
    if not hasattr(opslag, "tellen") or connection.vendor != "postgresql":
        pytest.skip("twee verbindingen tegelijk: PostgreSQL")
    per_draad, gezien, fouten = 100, [], []
    start = threading.Barrier(2)
    nu = time.time()

    def tel():
        try:
            start.wait()
            for _ in range(per_draad):
                gezien.append(caches["default"].tellen("samen", 600, nu)[0])
        except Exception as fout:  # noqa: BLE001 (reported by the assertion below)
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=tel) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert not fouten
    assert sorted(gezien) == list(range(1, 2 * per_draad + 1))
    assert opslag.tellen("samen", 600, nu)[0] == 2 * per_draad + 1


def test_de_telling_van_vroeger_met_een_lijst_zit_de_nieuwe_niet_in_de_weg(opslag, monkeypatch):
    """A counter of DRF's format (a pickled list of times, under DRF's key) left by an earlier release is not read:
    the new counters have keys of their own."""
    Klok(monkeypatch)
    opslag.set("throttle_anon_127.0.0.1", [1.0, 2.0, 3.0], 60)
    with limieten(anon="2/min"):
        assert [APIClient().get(URL).status_code for _ in range(3)] == [200, 200, 429]
    assert throttling.AnoniemeLimiet.cache_format.startswith("api-teller:")


def test_zonder_gebruikerslimiet_werkt_een_bewaard_token_gewoon(opslag, rollen, kmi_gebruiker):
    """With the user limit switched off (a rate of None) nothing is counted, and a kept account is still checked
    against the generation."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(kmi_gebruiker)}")
    with limieten(user=None):
        assert [client.get(URL).status_code for _ in range(3)] == [200] * 3
        kmi_gebruiker.is_active = False
        kmi_gebruiker.save()  # a new generation: the kept account no longer counts
        assert client.get(URL).status_code == 401
