"""Health checks (register/gezondheid.py): /gezondheid/leeft answers without touching the database,
/gezondheid/gereed checks database, migrations and cache and answers 503 in Dutch problem+json when one fails;
no login, no rate limit, no HTTPS redirect. The connection settings DATABASE_CONN_MAX_AGE and
DATABASE_CONN_HEALTH_CHECKS come from the environment; the benchmark's floor views exist only with BENCH_VLOER=1."""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import include, path

from register import gezondheid
from tests.maak import D, certificaat, instelling
from tests.test_productie import BASIS, EIGEN, PRODUCTIE

# For the floor views' own test (pytest.mark.urls): mounted as bench/api.py's server mounts them.
urlpatterns = [path("api/bench-vloer/", include("api.vloer"))]


@pytest.fixture(autouse=True)
def _migraties_opnieuw_lezen():
    gezondheid._migraties_compleet = False
    yield
    gezondheid._migraties_compleet = False


def test_leeft_zonder_database_en_zonder_login():
    response = Client().get("/gezondheid/leeft")  # no django_db mark: any query would raise
    assert response.status_code == 200
    assert response.json() == {"status": "leeft"}
    assert response["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_gereed_als_database_migraties_en_cache_het_doen():
    response = Client().get("/gezondheid/gereed")
    assert response.status_code == 200
    assert response.json() == {"status": "gereed", "controles": {"database": "ok", "migraties": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_gereed_leest_de_migraties_eenmaal_per_proces(django_assert_max_num_queries):
    Client().get("/gezondheid/gereed")
    assert gezondheid._migraties_compleet is True
    with mock.patch("django.db.migrations.executor.MigrationExecutor") as executor:
        with django_assert_max_num_queries(1):  # SELECT 1 only; the cache is locmem in the tests
            assert Client().get("/gezondheid/gereed").status_code == 200
    executor.assert_not_called()


@pytest.mark.django_db
def test_503_als_de_database_niet_antwoordt_zonder_details_van_de_fout():
    fout = OperationalError('connection to server at "db.intern" failed: password authentication failed for user "geheim"')
    with mock.patch.object(gezondheid.connection, "cursor", side_effect=fout):
        response = Client().get("/gezondheid/gereed")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 503 and body["title"] == "Het register is niet gereed"
    assert body["controles"] == {"database": "mislukt", "migraties": "niet gecontroleerd", "cache": "ok"}
    assert "De database is niet bereikbaar" in body["detail"] and "DATABASE_URL" in body["detail"]
    assert "geheim" not in response.content.decode() and "db.intern" not in response.content.decode()


@pytest.mark.django_db
def test_503_als_er_migraties_openstaan():
    with mock.patch("django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[("migratie", False)]):
        response = Client().get("/gezondheid/gereed")
    assert response.status_code == 503
    assert response.json()["controles"] == {"database": "ok", "migraties": "mislukt", "cache": "ok"}
    assert "manage.py migrate" in response.json()["detail"]
    assert gezondheid._migraties_compleet is False  # checked again next time
    assert Client().get("/gezondheid/gereed").status_code == 200


@pytest.mark.django_db
def test_503_als_de_cache_niet_antwoordt():
    with mock.patch.object(gezondheid.cache, "set", side_effect=OperationalError("relation register_cache does not exist")):
        response = Client().get("/gezondheid/gereed")
    assert response.status_code == 503
    assert response.json()["controles"] == {"database": "ok", "migraties": "ok", "cache": "mislukt"}
    assert "createcachetable" in response.json()["detail"]


@pytest.mark.django_db
def test_geen_rate_limit_en_alleen_lezen():
    from django.conf import settings

    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/min", "user": "1/min", "token_fout": "1/hour"}}
    client = Client()
    with override_settings(REST_FRAMEWORK=rest):
        assert client.get("/api/v1/instellingen").status_code == 200
        assert client.get("/api/v1/instellingen").status_code == 429  # the limit is on
        assert [client.get("/gezondheid/gereed").status_code for _ in range(3)] == [200, 200, 200]
        assert [client.get("/gezondheid/leeft").status_code for _ in range(3)] == [200, 200, 200]
    assert client.post("/gezondheid/gereed").status_code == 405
    assert client.head("/gezondheid/leeft").status_code == 200


@pytest.mark.django_db
def test_via_http_geen_doorverwijzing_naar_https():
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert Client().get("/gezondheid/leeft").status_code == 200
        assert Client().get("/gezondheid/gereed").status_code == 200
        assert Client().get("/toegankelijkheid").status_code == 301  # the rest still goes to HTTPS


def manage(*args, **env):
    """manage.py in a fresh process with the production environment plus ``env`` (nothing inherited that counts)."""
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith((*EIGEN, "DATABASE_CONN_", "BENCH_VLOER"))}
    omgeving.update(PRODUCTIE, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASIS, env=omgeving, capture_output=True, text=True, timeout=180
    )


def _databaseinstellingen(**env) -> dict:
    code = "import json; from django.conf import settings as s; print(json.dumps(s.DATABASES['default'], default=str))"
    resultaat = manage("shell", "-c", code, **env)
    assert resultaat.returncode == 0, resultaat.stderr
    return json.loads(resultaat.stdout.strip().splitlines()[-1])


def test_verbindingsinstellingen_uit_de_omgeving():
    standaard = _databaseinstellingen()
    assert (standaard["CONN_MAX_AGE"], standaard["CONN_HEALTH_CHECKS"]) == (0, False)
    open_gehouden = _databaseinstellingen(DATABASE_CONN_MAX_AGE="60")
    assert (open_gehouden["CONN_MAX_AGE"], open_gehouden["CONN_HEALTH_CHECKS"]) == (60, True)
    zonder_controle = _databaseinstellingen(DATABASE_CONN_MAX_AGE="60", DATABASE_CONN_HEALTH_CHECKS="0")
    assert (zonder_controle["CONN_MAX_AGE"], zonder_controle["CONN_HEALTH_CHECKS"]) == (60, False)


@pytest.mark.parametrize("waarde", ["-1", "zestig"])
def test_een_ongeldige_conn_max_age_stopt_de_app(waarde):
    resultaat = manage("check", DATABASE_CONN_MAX_AGE=waarde)
    assert resultaat.returncode != 0
    assert "DATABASE_CONN_MAX_AGE" in resultaat.stderr.splitlines()[-1]


def test_de_vloer_van_de_benchmark_bestaat_niet_standaard():
    assert Client().get("/api/bench-vloer/constant").status_code == 404
    code = "from django.urls import resolve; print(resolve('/api/bench-vloer/constant').url_name)"
    assert manage("shell", "-c", code).returncode != 0
    aan = manage("shell", "-c", code, BENCH_VLOER="1")
    assert aan.returncode == 0 and aan.stdout.strip().splitlines()[-1] == "constant"


def test_check_deploy_waarschuwt_als_de_vloer_van_de_benchmark_aanstaat():
    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", BENCH_VLOER="1")
    assert resultaat.returncode != 0 and "register.W001" in resultaat.stderr and "BENCH_VLOER" in resultaat.stderr


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_de_vloer_van_de_benchmark(beheerder, kmi_gebruiker, django_assert_num_queries):
    gi = instelling(beheerder)
    for maand in (1, 2, 3):
        certificaat(kmi_gebruiker, gi, "volledig", D(2025, maand, 1))
    assert Client().get("/api/bench-vloer/constant").json() == {"vloer": "constant", "rijen": []}
    with django_assert_num_queries(1):
        rijen = Client().get("/api/bench-vloer/select100").json()["rijen"]
    assert len(rijen) == 3 and set(rijen[0]) == {"id", "instelling_id", "status", "ingangsdatum", "geldig_tot"}
