"""The database cache of production (register/databasecache.py): one statement per write, the same values as
Django's DatabaseCache, culled as Django does but once every CULL_ELKE writes, and bounded in bytes (MAX_MB) at the
same moment; on SQLite and PostgreSQL."""

import datetime as dt
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from register import databasecache

pytestmark = pytest.mark.django_db(transaction=True)
TABEL = "test_register_cache"


def _cache(max_entries=20000, max_mb=256):
    opties = {"MAX_ENTRIES": max_entries, "MAX_MB": max_mb}
    instellingen = {"BACKEND": "register.databasecache.RegisterDatabaseCache", "LOCATION": TABEL, "OPTIONS": opties}
    return override_settings(CACHES={"default": instellingen, "django": {**instellingen, "BACKEND": "django.core.cache.backends.db.DatabaseCache"}})


@pytest.fixture
def tabel():
    with _cache():
        call_command("createcachetable", verbosity=0)
        yield
        caches["default"].clear()


def _rijen() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABEL}")
        return cursor.fetchone()[0]


def test_schrijven_is_een_statement(tabel):
    cache = caches["default"]
    with CaptureQueriesContext(connection) as nieuw:
        cache.set("sleutel", {"a": [1, 2]}, 60)
    with CaptureQueriesContext(connection) as over:
        cache.set("sleutel", "tweede", 60)
    assert len(nieuw) == 1 and len(over) == 1
    assert "ON CONFLICT" in over[0]["sql"]
    assert cache.get("sleutel") == "tweede"
    assert _rijen() == 1


def test_zelfde_waarden_als_django(tabel):
    """What the register writes, Django's own backend reads (and the other way round): the same table format."""
    ons, django = caches["default"], caches["django"]
    assert isinstance(django, DatabaseCache) and not isinstance(django, databasecache.RegisterDatabaseCache)
    waarden = {"tekst": "é€ ✓", "getal": 10**30, "datum": dt.date(2024, 2, 29), "leeg": None, "lijst": [b"\x00", (1, 2)]}
    for sleutel, waarde in waarden.items():
        ons.set(sleutel, waarde, 60)
        assert django.get(sleutel) == waarde
        django.set(sleutel + "-d", waarde, 60)
        ons.set(sleutel + "-d", waarde, 60)  # overwrites what Django wrote
        assert ons.get(sleutel + "-d") == waarde


def test_verlopen_en_zonder_einde(tabel, monkeypatch):
    """A value is read until its 'expires' (stored to the second) and not after; the clock is moved instead of
    slept on, so a slow machine cannot expire the value before it is read."""
    from django.core.cache.backends import db as django_db
    from django.utils import timezone

    cache = caches["default"]
    cache.set("kort", 1, 30)
    cache.set("altijd", 2, None)
    cache.set("al-verlopen", 3, -1)
    assert cache.get("kort") == 1 and cache.get("altijd") == 2 and cache.get("al-verlopen") is None
    later = timezone.now() + dt.timedelta(seconds=31)
    monkeypatch.setattr(django_db, "tz_now", lambda: later)
    assert cache.get("kort") is None and cache.get("altijd") == 2


def test_opruimen_eens_per_cull_elke_schrijvingen(monkeypatch):
    monkeypatch.setattr(databasecache, "CULL_ELKE", 10)
    with _cache(max_entries=5):
        call_command("createcachetable", verbosity=0)
        cache = caches["default"]
        try:
            for i in range(9):
                cache.set(f"k{i}", i, 60)
            assert _rijen() == 9  # not yet counted: at most CULL_ELKE rows over MAX_ENTRIES
            with CaptureQueriesContext(connection) as tiende:
                cache.set("k9", 9, 60)  # the tenth write counts and culls first (a third of 9), then writes
            assert any("COUNT(*)" in q["sql"] for q in tiende)
            assert _rijen() == 9 - 9 // 3 + 1
            assert cache.get("k9") == 9
        finally:
            cache.clear()


def test_api_limiet_telt_in_de_databasecache(tabel, client):
    from django.conf import settings

    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "3/min", "token_fout": "3/hour"}}
    with override_settings(REST_FRAMEWORK=rest):
        codes = [client.get("/api/v1/instellingen").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def _inhoud() -> list[str]:
    """Every value in the table, unpickled, as text (a rate-limit counter is kept as its number, not pickled)."""
    import base64
    import pickle

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {TABEL}")
        return [waarde if waarde.isdigit() else repr(pickle.loads(base64.b64decode(waarde))) for (waarde,) in cursor.fetchall()]


def test_verlopen_rijen_verdwijnen_binnen_cull_elke_schrijvingen_ook_onder_max_entries(monkeypatch):
    """An expired value is deleted from the table at the next cull, however few rows the table holds: it does not
    wait until the table is over MAX_ENTRIES (20,000) before an old answer is gone."""
    monkeypatch.setattr(databasecache, "CULL_ELKE", 5)
    with _cache(max_entries=20000):
        call_command("createcachetable", verbosity=0)
        cache = caches["default"]
        try:
            cache.set("antwoord-oud", {"samenvatting": "GEHEIM-VERLOPEN-x1"}, 1)
            cache.set("blijft", "nog geldig", 600)
            time.sleep(2.1)  # 'expires' is stored to the second
            assert any("GEHEIM-VERLOPEN-x1" in w for w in _inhoud())  # expired, but still in the table
            for i in range(3):
                cache.set(f"teller{i}", i, 600)  # writes 3..5: the fifth culls
            assert not any("GEHEIM-VERLOPEN-x1" in w for w in _inhoud())
            assert cache.get("blijft") == "nog geldig" and _rijen() == 4
        finally:
            cache.clear()


@pytest.fixture
def rollen(tabel):
    """The role groups (a data migration makes them; a transactional test before this one flushed them)."""
    from django.contrib.auth.models import Group

    for rol in ("kmi", "inspectie", "rva", "ministerie", "beheer"):
        Group.objects.get_or_create(name=rol)


def test_een_vertrouwelijk_antwoord_komt_nooit_in_de_databasecache(rollen, beheerder, kmi_gebruiker, ministerie_gebruiker):
    """The shared database cache holds only answers every reader may read: what is built for a reader of confidential
    fields is kept in the process (register/cache.py VERTROUWELIJK), served again from there, and never to a reader
    with fewer rights."""
    import datetime as dt

    from django.test import Client

    from register import cache as afgeleid
    from tests import maak

    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=dt.date(2020, 1, 1))
    audit = maak.audit(kmi_gebruiker, gi, dt.date(2025, 1, 10), samenvatting="GEHEIM-IN-CACHE-v8", rapportkenmerk="KMI-R-v8")
    maak.certificaat(kmi_gebruiker, gi, "volledig", dt.date(2025, 2, 1), dt.date(2028, 1, 31), audits=[audit],
                     motivering_vertrouwelijk="GEHEIM-MOTIVERING-v8")
    kmi, ministerie = Client(), Client()
    kmi.force_login(kmi_gebruiker)
    ministerie.force_login(ministerie_gebruiker)
    adressen = ("/api/v1/audits", "/api/v1/certificaatbesluiten", "/api/v1/instellingen/JBN/tijdlijn")
    for _ in range(2):
        for url in adressen:
            assert "GEHEIM" in kmi.get(url).content.decode() or url.endswith("tijdlijn")
            for client in (Client(), ministerie):
                assert "GEHEIM" not in client.get(url).content.decode()
    inhoud = "\n".join(_inhoud())
    assert "JBN" in inhoud  # the public answers are in the table
    assert "GEHEIM" not in inhoud and "KMI-R-v8" not in inhoud
    # kmi's answers and the ministerie's (it reads reports under embargo, kept in the process too), each once
    assert len(afgeleid.VERTROUWELIJK._cache) == 2 * len(adressen)
    with CaptureQueriesContext(connection) as queries:
        assert "GEHEIM-IN-CACHE-v8" in kmi.get("/api/v1/audits").content.decode()
    assert not [q for q in queries if "audit" in q["sql"] and "UNION ALL" not in q["sql"]]  # from the process's cache


def test_versie_en_waarde_in_een_statement(tabel):
    """``met_versie`` reads a version (register/standversie.py) and the value under a key in one statement: the
    same version as read on its own, None for a missing or an expired value."""
    from django.utils import timezone

    from register import standversie

    cache = caches["default"]
    sql = standversie.sql_gi("JBN", openbaar=True)
    with CaptureQueriesContext(connection) as queries:
        assert cache.met_versie("antwoord", sql) == (standversie.versie_gi("JBN", openbaar=True), None)
    assert len(queries) == 2  # the combined statement, and the version on its own
    standversie.gewijzigd([standversie.gi("JBN")])
    cache.set("antwoord", ("v", b"{}"), 60)
    with CaptureQueriesContext(connection) as queries:
        versie, waarde = cache.met_versie("antwoord", sql)
    assert len(queries) == 1 and waarde == ("v", b"{}")
    assert versie == standversie.versie_gi("JBN", openbaar=True) == "gi:1,0"
    assert cache.met_versie("antwoord", standversie.sql_register(openbaar=True))[0] == standversie.versie_register(openbaar=True)
    later = timezone.now() + dt.timedelta(seconds=61)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(databasecache, "tz_now", lambda: later)
        assert cache.met_versie("antwoord", sql)[1] is None
    assert cache.get("antwoord") is None  # the expired row is gone, as with Django's get


def test_een_warme_lezing_kost_een_query_voor_versie_en_antwoord(rollen, beheerder, kmi_gebruiker):
    """With the database cache a warm API read counts its request against the rate limit in one statement, and reads
    the version and the cached answer in one statement: two queries, anonymous and with a token alike (the token's
    generation is read in the counting statement); a warm public page one. A write
    to the GI still shows at the next read (the version is read with the answer, not instead of it)."""
    import datetime as dt

    from rest_framework.test import APIClient

    from tests import maak
    from tests.test_api_basis import sleutel_voor

    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=dt.date(2020, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", dt.date(2025, 2, 1), dt.date(2028, 1, 31))
    anoniem, kmi = APIClient(), APIClient()
    kmi.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(kmi_gebruiker)}")
    for client in (anoniem, kmi):
        for url in ("/api/v1/instellingen/JBN/status", "/api/v1/instellingen/JBN/tijdlijn", "/api/v1/instellingen"):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            assert len(queries) == 2, [q["sql"] for q in queries]
            assert "ON CONFLICT" in queries[0]["sql"] and "api-teller:" in queries[0]["sql"]
            if client is anoniem:  # (kmi's answer is kept in the process: only its version is read from the database)
                versie = [q["sql"] for q in queries if "register_standversie" in q["sql"]]
                assert len(versie) == 1 and "register_cache" in versie[0]
    anoniem.get("/instellingen/JBN")
    with CaptureQueriesContext(connection) as queries:
        assert anoniem.get("/instellingen/JBN").status_code == 200
    assert len(queries) == 1
    assert anoniem.get("/api/v1/instellingen/JBN/status").json()["certificaat"]["status"] == "volledig"
    maak.certificaat(kmi_gebruiker, gi, "geschorst", dt.date(2025, 6, 1), dt.date(2028, 1, 31))
    assert anoniem.get("/api/v1/instellingen/JBN/status").json()["certificaat"]["status"] == "geschorst"


def test_de_cachetabel_is_unlogged_op_postgresql(tabel):
    """createcachetable makes the register's cache table unlogged on PostgreSQL (no WAL: a rate-limit counter write
    does not wait for the disk); run again, it leaves it so. On SQLite there is nothing to change."""
    if connection.vendor != "postgresql":
        pytest.skip("alleen PostgreSQL kent unlogged tabellen")
    call_command("createcachetable", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = %s", [TABEL])
        assert cursor.fetchone()[0] == "u"


def _groottes() -> dict[str, int]:
    """Every key in the table (without the cache's prefix and version) with the size of its value in bytes."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, length(value) FROM {TABEL}")
        return {sleutel.split(":", 2)[2]: lengte for sleutel, lengte in cursor.fetchall()}


def _vul_en_ruim(monkeypatch) -> tuple[dict, dict, list]:
    """An API counter and a login counter (both expiring before every value), then ten values of about 3 kB, each
    expiring a second after the one before; the counter's next count is the CULL_ELKE-th write, which culls first.
    (the sizes before, the sizes after, the statements of that write)"""
    monkeypatch.setattr(databasecache, "CULL_ELKE", 12)
    cache = caches["default"]
    nu = time.time()
    assert cache.tellen("api-teller:anon:192.0.2.1", 60, nu)[0] == 1
    assert cache.add("inloggen:adres:192.0.2.1:60:1", 1, 65)  # Django's add: not one of the counted writes
    for i in range(10):
        cache.set(f"antwoord-{i}", f"{i}" * 2200, 600 + i)
    voor = _groottes()
    with CaptureQueriesContext(connection) as queries:
        assert cache.tellen("api-teller:anon:192.0.2.1", 60, nu + 1)[0] == 2  # the window goes on
    return voor, _groottes(), [q["sql"] for q in queries]


def test_boven_max_mb_gaan_de_oudste_waarden_weg_tot_drie_kwart_en_de_tellers_blijven(monkeypatch):
    """Over MAX_MB the cull deletes the values that expire first, in one statement, until at most three quarters of
    the bound remain, and no more than that takes; the rate-limit counters expire sooner but stay, with their count."""
    with _cache(max_mb=0.02):  # 20,000 bytes; ten values of about 3,000
        call_command("createcachetable", verbosity=0)
        try:
            voor, na, statements = _vul_en_ruim(monkeypatch)
        finally:
            caches["default"].clear()
    assert sum(voor.values()) > 20_000
    assert "api-teller:anon:192.0.2.1" in na and "inloggen:adres:192.0.2.1:60:1" in na
    over = [i for i in range(10) if f"antwoord-{i}" in na]
    assert over == list(range(over[0], 10)) and over[0] > 0  # the oldest went, the newest stayed
    assert sum(na.values()) <= 15_000 < sum(na.values()) + voor[f"antwoord-{over[0] - 1}"]
    # the expired rows, the count with the size, the values over the bound, then the counter's upsert
    assert len(statements) == 4 and "COUNT(*)" in statements[1] and "OVER" in statements[2]


def test_onder_max_mb_blijft_alles(monkeypatch):
    """Just under MAX_MB nothing goes: the values are measured, not culled."""
    with _cache(max_mb=0.03):
        call_command("createcachetable", verbosity=0)
        try:
            voor, na, statements = _vul_en_ruim(monkeypatch)
        finally:
            caches["default"].clear()
    assert set(na) == set(voor) and 29_000 < sum(voor.values()) <= 30_000
    assert len(statements) == 3 and "COUNT(*)" in statements[1]  # measured, nothing more deleted


def test_de_api_tellers_en_inlogtellers_vallen_onder_de_uitgezonderde_sleutels():
    """The keys the byte cull leaves alone are the keys the rate limits count under."""
    from api import throttling

    assert throttling.AnoniemeLimiet.cache_format.startswith(databasecache.TELLERS)
    assert throttling.GebruikerLimiet.cache_format.startswith(databasecache.TELLERS)
    import inspect

    from register import blokkade

    bron = inspect.getsource(blokkade)
    assert 'f"inloggen:adres:' in bron and '"inloggen:alle"' in bron and 'f"inloggen:slot:' in bron
    assert "inloggen:" in databasecache.TELLERS


# --- get_many_herkend: the parts of a page, not unpickled again while unchanged ------------------------------------


def test_herkend_leest_wat_get_many_leest_en_een_ongewijzigde_waarde_niet_opnieuw(tabel):
    cache = caches["default"]
    cache.set_many({"a": {"deel": [1, 2]}, "b": ("v1", "tekst")}, 60)
    eerst = cache.get_many_herkend(["a", "b", "ontbreekt"])
    assert eerst == cache.get_many(["a", "b", "ontbreekt"]) == {"a": {"deel": [1, 2]}, "b": ("v1", "tekst")}
    with CaptureQueriesContext(connection) as queries:
        tweede = cache.get_many_herkend(["a", "b"])
    assert tweede == eerst and tweede["a"] is eerst["a"], "unchanged: the object read before"
    assert len(queries) == 1 and "expires" in queries[0]["sql"] and '"value",' not in queries[0]["sql"], (
        "unchanged rows: only their expiry and size are read")
    assert cache.get_many_herkend([]) == {}


def test_herkend_ziet_elke_nieuwe_schrijving_ook_even_groot_en_in_dezelfde_seconde(tabel):
    """A value written again (by any process) is read again, also one of the same size written within the same
    second: the expiry is written to the microsecond."""
    cache, ander = caches["default"], caches["django"]
    cache.set("a", "xxxx", 60)
    oud = cache.get_many_herkend(["a"])["a"]
    cache.set("a", "yyyy", 60)
    assert cache.get_many_herkend(["a"]) == {"a": "yyyy"}
    cache.set("a", "yyyy", 60)
    opnieuw = cache.get_many_herkend(["a"])["a"]
    assert opnieuw == "yyyy" and oud == "xxxx"
    # A row another writer put there (Django's own set), then removed and written again: never the remembered one.
    ander.set("a", "zzzz", 60)
    assert cache.get_many_herkend(["a"]) == {"a": "zzzz"}
    cache.clear()
    assert cache.get_many_herkend(["a"]) == {}
    cache.set("a", "wwww", 60)
    assert cache.get_many_herkend(["a"]) == {"a": "wwww"}


def test_herkend_laat_verlopen_weg_en_onthoudt_begrensd(tabel, monkeypatch):
    cache = caches["default"]
    cache.set("kort", "weg", 1)
    cache.set("lang", "blijft", 60)
    assert cache.get_many_herkend(["kort", "lang"]) == {"kort": "weg", "lang": "blijft"}
    from django.utils import timezone

    nu = timezone.now() + dt.timedelta(seconds=5)
    monkeypatch.setattr(databasecache, "tz_now", lambda: nu)
    assert cache.get_many_herkend(["kort", "lang"]) == {"lang": "blijft"}
    assert _rijen() == 1, "an expired row is deleted, as get_many does"
    monkeypatch.undo()

    cache.herkend_vergeten()
    monkeypatch.setattr(databasecache, "HERKEND_MAX_TEKST", 200)
    cache.set_many({f"k{i}": "x" * 60 for i in range(5)}, 60)
    alles = cache.get_many_herkend([f"k{i}" for i in range(5)])
    assert alles == {f"k{i}": "x" * 60 for i in range(5)}
    assert cache._herkend_tekst <= 200 and len(cache._herkend) < 5, "the least recently read are forgotten"
    assert cache.get_many_herkend([f"k{i}" for i in range(5)]) == alles
