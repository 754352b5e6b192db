"""Proxy handling that fails closed (issue 19, findings 6 and 7): X-Forwarded-For counts only on a connection from
TRUSTED_PROXIES, and then the right-most hop that is not a trusted proxy is the client; otherwise the connection's
address. One rule (register.clientadres) for django-axes, the login limits and the API limits. `check --deploy` and
scripts/serve warn when the settings look like a proxy set-up without the proxy settings."""

import subprocess
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory, override_settings

from register.checks import proxy_waarschuwingen
from register.clientadres import client_adres
from tests.test_productie import PRODUCTIE, manage

BASIS = Path(__file__).resolve().parent.parent
WACHTWOORD = "geheim-wachtwoord-123"
PROXY = "10.0.0.2"


def adres(remote, doorgestuurd=None, **instellingen):
    meta = {"REMOTE_ADDR": remote}
    if doorgestuurd is not None:
        meta["HTTP_X_FORWARDED_FOR"] = doorgestuurd
    with override_settings(**instellingen):
        return client_adres(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    "remote, doorgestuurd, proxies, verwacht",
    [
        # No trusted proxies (the default): the header never counts.
        ("198.51.100.7", "192.0.2.1", [], "198.51.100.7"),
        (PROXY, "192.0.2.1", [], PROXY),
        # From the trusted proxy: the hop it appended.
        (PROXY, "192.0.2.1", [PROXY], "192.0.2.1"),
        # Whatever the client wrote to the left of it is never read.
        (PROXY, "203.0.113.50, 192.0.2.1", [PROXY], "192.0.2.1"),
        # A chain of trusted proxies (a network): the right-most hop that is not one of them.
        ("10.0.0.3", "192.0.2.1, 10.0.0.9", ["10.0.0.0/24"], "192.0.2.1"),
        # The app port reached directly, not through the proxy: the header does not count.
        ("192.0.2.66", "203.0.113.50", [PROXY], "192.0.2.66"),
        # A hop that is not an IP address: the connection's address, never an error.
        (PROXY, "onzin", [PROXY], PROXY),
        (PROXY, "192.0.2.1, nep", [PROXY], PROXY),
        (PROXY, "", [PROXY], PROXY),
        # Only trusted proxies in the header: the one furthest from the app.
        (PROXY, "10.0.0.5", ["10.0.0.0/24"], "10.0.0.5"),
        # IPv6.
        ("::1", "2001:db8::7", ["::1"], "2001:db8::7"),
    ],
)
def test_het_adres_van_de_client(remote, doorgestuurd, proxies, verwacht):
    assert adres(remote, doorgestuurd, TRUSTED_PROXIES=proxies) == verwacht


def inloggen(gebruiker, wachtwoord, remote, **headers):
    return Client().post(
        "/admin/login/?next=/admin/", {"username": gebruiker.username, "password": wachtwoord}, REMOTE_ADDR=remote, **headers
    )


@pytest.mark.django_db
def test_een_hop_die_geen_ip_adres_is_geeft_geen_serverfout_en_telt_als_het_adres_van_de_verbinding(kmi_gebruiker):
    with override_settings(TRUSTED_PROXIES=[PROXY]):
        response = inloggen(kmi_gebruiker, "verkeerd", PROXY, HTTP_X_FORWARDED_FOR="<script>, nep")
    assert response.status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


@pytest.mark.django_db
def test_wie_de_poort_rechtstreeks_bereikt_kiest_zijn_adres_niet_en_raakt_geblokkeerd(kmi_gebruiker):
    """Finding 6: with a proxy configured but the app port reachable, rotating X-Forwarded-For gave 25/25 guesses."""
    with override_settings(TRUSTED_PROXIES=[PROXY]):
        codes = [
            inloggen(kmi_gebruiker, "verkeerd", "192.0.2.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
            for i in range(settings.AXES_FAILURE_LIMIT + 3)
        ]
    assert codes[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(codes[settings.AXES_FAILURE_LIMIT :]) == {429}


@pytest.mark.django_db
def test_een_gebruiker_is_niet_buiten_te_sluiten_met_zijn_eigen_adres_in_de_header(kmi_gebruiker):
    """Through the proxy, an attacker who writes the victim's address into X-Forwarded-For is still counted under
    his own (the hop the proxy appended); the victim logs in."""
    slachtoffer, aanvaller = "203.0.113.50", "192.0.2.66"
    with override_settings(TRUSTED_PROXIES=[PROXY]):
        for _ in range(settings.AXES_FAILURE_LIMIT + 2):
            inloggen(kmi_gebruiker, "verkeerd", PROXY, HTTP_X_FORWARDED_FOR=f"{slachtoffer}, {aanvaller}")
        response = inloggen(kmi_gebruiker, WACHTWOORD, PROXY, HTTP_X_FORWARDED_FOR=slachtoffer)
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {aanvaller}


@pytest.mark.django_db
def test_de_api_limiet_telt_hetzelfde_adres(beheerder):
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                                                  "anon": "2/min"}}
    with override_settings(REST_FRAMEWORK=rest, TRUSTED_PROXIES=[PROXY]):
        codes = [
            Client().get("/api/v1/instellingen", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{i}.{i}.{i}.{i}, 192.0.2.1")
            .status_code for i in range(1, 4)
        ]
        nep = Client().get("/api/v1/instellingen", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="nep").status_code
    assert codes == [200, 200, 429]
    assert nep == 200  # counted under the proxy's own address, no 500


# -- warnings ---------------------------------------------------------------------------------------------------------


def ids(**instellingen):
    bind = instellingen.pop("BIND", None)
    basis = {"TRUSTED_PROXIES": [], "TRUSTED_PROXY_COUNT": 0, "SECURE_PROXY_SSL_HEADER": None}
    with override_settings(**{**basis, **instellingen}):
        return sorted(w.id for w in proxy_waarschuwingen({"BIND": bind} if bind else {}))


def test_waarschuwingen_voor_een_proxy_zonder_proxy_instellingen():
    assert ids() == []
    assert ids(BIND="127.0.0.1:8000") == []
    assert ids(TRUSTED_PROXY_COUNT=1) == ["register.W020"]
    assert ids(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")) == ["register.W021"]
    assert ids(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), TRUSTED_PROXIES=["127.0.0.1/32"]) == []
    assert ids(TRUSTED_PROXIES=[PROXY], BIND="0.0.0.0:8000") == ["register.W022"]
    assert ids(TRUSTED_PROXIES=[PROXY], BIND="register.example.nl:8000") == ["register.W022"]
    assert ids(TRUSTED_PROXIES=[PROXY], BIND="127.0.0.1:8000") == []
    assert ids(TRUSTED_PROXIES=[PROXY], BIND="[::1]:8000") == []
    assert ids(TRUSTED_PROXIES=[PROXY], BIND="unix:/run/register.sock") == []
    assert ids(TRUSTED_PROXIES=[PROXY], BIND="0.0.0.0:8000", TRUSTED_PROXY_COUNT=1) == ["register.W022"]


def test_check_deploy_meldt_een_tls_proxy_zonder_trusted_proxies():
    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE,
                       SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https")
    assert resultaat.returncode != 0 and "register.W021" in resultaat.stderr and "TRUSTED_PROXIES" in resultaat.stderr
    goed = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE,
                  SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https", TRUSTED_PROXIES="127.0.0.1", BIND="127.0.0.1:8000")
    assert goed.returncode == 0, goed.stdout + goed.stderr


def test_serve_luistert_standaard_alleen_op_de_machine_zelf():
    """scripts/serve: BIND defaults to loopback, and the check that reads it runs before gunicorn starts."""
    script = (BASIS / "scripts" / "serve").read_text()
    assert 'export BIND="${BIND:-127.0.0.1:8000}"' in script
    assert '--bind "$BIND"' in script and "0.0.0.0" not in script
    assert script.index("export BIND=") < script.index("manage.py check --deploy")
    bash = subprocess.run(["bash", "-n", str(BASIS / "scripts" / "serve")], capture_output=True, text=True)
    assert bash.returncode == 0, bash.stderr
