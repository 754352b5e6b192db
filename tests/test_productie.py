"""Production settings: `check --deploy` is clean with the README's production environment; HTTPS, HSTS, the proxy
header, the cache, static files and the abuse limits follow the environment; a bad value stops the app with a clear
message. (scripts/serve itself is started by .ci/serve-rooktest in CI.)"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

BASIS = Path(__file__).resolve().parent.parent
PRODUCTIE = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "register.example.nl"}
EIGEN = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_", "API_RATE_", "LOGIN_", "CACHE", "TRUSTED_PROXY_COUNT", "TRUSTED_PROXIES", "BIND")


def manage(*args, **env):
    """manage.py in a fresh process with exactly this environment for the settings (nothing inherited from tests)."""
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(EIGEN)}
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASIS, env=omgeving, capture_output=True, text=True, timeout=180
    )


def instellingen(**env) -> dict:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n) for n in dir(s) "
        "if n.isupper()}, default=str))"
    )
    resultaat = manage("shell", "-c", code, **env)
    assert resultaat.returncode == 0, resultaat.stderr
    return json.loads(resultaat.stdout.strip().splitlines()[-1])


def test_check_deploy_zonder_waarschuwingen_met_de_productie_instellingen_uit_de_readme():
    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE)
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "System check identified no issues" in resultaat.stdout


def test_check_deploy_waarschuwt_wie_https_uitzet():
    resultaat = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE, SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0"
    )
    assert resultaat.returncode != 0
    assert "security.W004" in resultaat.stderr and "security.W008" in resultaat.stderr


def test_standaarden_in_productie():
    s = instellingen(**PRODUCTIE)
    assert s["DEBUG"] is False
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] == 31536000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and s["SECURE_HSTS_PRELOAD"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] is None  # only behind a proxy that sets it
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert s["CACHES"]["default"]["BACKEND"] == "register.databasecache.RegisterDatabaseCache"
    assert s["CACHES"]["default"]["OPTIONS"] == {"MAX_ENTRIES": 20000, "MAX_MB": 256}
    assert s["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert s["WHITENOISE_USE_FINDERS"] is False
    assert s["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert s["TRUSTED_PROXIES"] == []  # X-Forwarded-For is ignored until the proxy's address is set


def test_instellingen_uit_de_omgeving():
    s = instellingen(
        **PRODUCTIE,
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_PRELOAD="0",
        TRUSTED_PROXIES="10.0.0.2, 10.1.0.0/16,::1",
        CACHE="/tmp/register-cache",
        CACHE_MAX_ENTRIES="500",
        API_RATE_ANON="30/min",
        API_RATE_USER="1000/hour",
        API_RATE_TOKEN_FAILURES="5/hour",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_COOLOFF_MINUTES="60",
        LOGIN_RATE_ADDRESS="5/min",
        LOGIN_RATE_TOTAL="100/hour",
        LOGIN_CHECKS_CONCURRENT="2",
        DATABASE_CONN_MAX_AGE="600",
    )
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SECURE_SSL_REDIRECT"] is False and s["SECURE_HSTS_SECONDS"] == 3600 and s["SECURE_HSTS_PRELOAD"] is False
    assert s["TRUSTED_PROXIES"] == ["10.0.0.2/32", "10.1.0.0/16", "::1/128"]
    assert s["REST_FRAMEWORK"]["NUM_PROXIES"] == 0  # DRF's own reading stays off (register/clientadres.py reads it)
    assert s["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/tmp/register-cache",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
    assert s["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {"anon": "30/min", "user": "1000/hour", "token_fout": "5/hour"}
    assert s["AXES_FAILURE_LIMIT"] == 3 and s["AXES_COOLOFF_TIME"] == "1:00:00"
    assert s["LOGIN_RATE_ADDRESS"] == "5/min" and s["LOGIN_RATE_TOTAL"] == "100/hour" and s["LOGIN_CHECKS_CONCURRENT"] == 2
    assert s["DATABASES"]["default"]["CONN_MAX_AGE"] == 600


@pytest.mark.parametrize(
    "naam, waarde",
    [
        ("SECURE_PROXY_SSL_HEADER", "https"),
        ("SECURE_HSTS_SECONDS", "-1"),
        ("API_RATE_ANON", "veel"),
        ("API_RATE_TOKEN_FAILURES", "0/hour"),
        ("CACHE", "redis"),
        ("CACHE_MAX_ENTRIES", "0"),
        ("CACHE_MAX_MB", "0"),
        ("CACHE_MAX_MB", "256MB"),
        ("LOGIN_FAILURE_LIMIT", "0"),
        ("TRUSTED_PROXY_COUNT", "een"),
        ("TRUSTED_PROXIES", "proxy.example.nl"),
        ("LOGIN_RATE_ADDRESS", "veel"),
        ("LOGIN_RATE_TOTAL", "0/min"),
        ("LOGIN_CHECKS_CONCURRENT", "0"),
    ],
)
def test_een_ongeldige_waarde_stopt_de_app_met_een_duidelijke_melding(naam, waarde):
    resultaat = manage("check", **PRODUCTIE, **{naam: waarde})
    # one Dutch line naming the setting (manage.py), no traceback
    assert resultaat.returncode == 1
    assert "Traceback" not in resultaat.stderr and naam in resultaat.stderr.splitlines()[-1]
    assert resultaat.stderr.splitlines()[-1].startswith("Het register kan niet starten: ")


def test_whitenoise_serveert_de_admin_opmaak_zonder_collectstatic_in_ontwikkeling():
    response = Client().get("/static/admin/css/base.css")
    assert response.status_code == 200
    assert b"body" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_via_https_achter_de_proxy_een_hsts_header_en_via_http_een_doorverwijzing():
    with override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    ):
        via_http = Client().get("/toegankelijkheid")
        via_https = Client().get("/toegankelijkheid", HTTP_X_FORWARDED_PROTO="https")
    assert via_http.status_code == 301 and via_http["Location"] == "https://testserver/toegankelijkheid"
    assert via_https.status_code == 200
    assert via_https["Strict-Transport-Security"].startswith("max-age=31536000")
