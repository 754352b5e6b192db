"""Login lock-out (django-axes, see settings), the limit on password checks in front of the hasher, the client
address both count (register.clientadres) and the page a refused login gets.

A password check costs the hasher's full work (PBKDF2, by design), also for an unknown name. So besides django-axes'
lock-out per username and address, the number of password checks is limited per client address
(LOGIN_RATE_ADDRESS) and over all addresses together (LOGIN_RATE_TOTAL), in fixed windows counted in the shared
cache (every gunicorn worker and server sees the same counters). An attempt over either limit is refused before any
backend hashes anything: 429 with Retry-After, and it does not count as a wrong password for django-axes (so nobody
elsewhere can push a user towards the lock-out by filling the overall limit)."""

import math
from time import time as _nu

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from rest_framework.throttling import SimpleRateThrottle

from register.clientadres import client_adres


def client_ip(request) -> str | None:
    """The address django-axes counts (AXES_CLIENT_IP_CALLABLE): the same rule as the login limit and the API."""
    return client_adres(request)


def _venster(rate: str) -> tuple[int, int]:
    """'10/min' -> (10, 60), DRF's notation (settings._rate checks it)."""
    aantal, seconden = SimpleRateThrottle.parse_rate(None, rate)
    return aantal, seconden


def wachtwoordcontrole_wachttijd(request) -> int | None:
    """None when a password check may run now (it is then counted); otherwise the seconds until it may.

    Fixed windows: the counter of this window (per address, and over all addresses) is read, and raised only when
    the check is allowed. The database cache raises a counter with a read and a write, so under heavy concurrency
    a few checks more than the limit can pass; each costs one hash, never more."""
    nu = _nu()
    tellers = []
    for sleutel, rate in (
        (f"inloggen:adres:{client_adres(request)}", settings.LOGIN_RATE_ADDRESS),
        ("inloggen:alle", settings.LOGIN_RATE_TOTAL),
    ):
        aantal, seconden = _venster(rate)
        venster = int(nu // seconden)
        tellers.append((f"{sleutel}:{seconden}:{venster}", aantal, (venster + 1) * seconden - nu))
    standen = cache.get_many([sleutel for sleutel, _, _ in tellers])
    wachten = [rest for sleutel, aantal, rest in tellers if standen.get(sleutel, 0) >= aantal]
    if wachten:
        return max(1, math.ceil(max(wachten)))
    for sleutel, _, rest in tellers:
        if standen.get(sleutel) is None and cache.add(sleutel, 1, math.ceil(rest) + 5):
            continue
        try:
            cache.incr(sleutel)
        except ValueError:  # expired between the read and now
            cache.add(sleutel, 1, math.ceil(rest) + 5)
    return None


class InlogLimietBackend:
    """First in AUTHENTICATION_BACKENDS: refuses a password check over the login limits before django-axes reads its
    attempts and before RegisterBackend hashes. Authenticates nobody itself."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or password is None:
            return None
        wachttijd = wachtwoordcontrole_wachttijd(request)
        if wachttijd is None:
            return None
        request.inlog_begrensd = wachttijd
        request.axes_locked_out = True  # AxesMiddleware turns the answer into the refusal page (inloggen_geblokkeerd)
        raise PermissionDenied("Te veel inlogpogingen")  # stops django.contrib.auth.authenticate here

    def get_user(self, user_id):
        return None


class AxesHandler(AxesDatabaseHandler):
    """django-axes' database handler, except that an attempt refused by the login limit is no wrong password: it is
    not recorded, so it never brings anyone closer to the lock-out."""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None and getattr(request, "inlog_begrensd", None):
            request.axes_credentials = credentials
            return None
        return super().user_login_failed(sender, credentials, request, **kwargs)


def inloggen_geblokkeerd(request, original_response=None, credentials=None):
    """429 with a Dutch explanation; Retry-After gives the seconds to wait. Either django-axes' lock-out of this
    username from this address, or the login limit per address or overall."""
    begrensd = getattr(request, "inlog_begrensd", None)
    if begrensd:
        context = {"seconden": begrensd}
        response = render(request, "inloggen_begrensd.html", context, status=429)
        response["Retry-After"] = str(begrensd)
        return response
    afkoeling = settings.AXES_COOLOFF_TIME
    context = {
        "pogingen": settings.AXES_FAILURE_LIMIT,
        "minuten": round(afkoeling.total_seconds() / 60),
        "gebruiker": get_client_username(request, credentials) or "",
    }
    response = render(request, "inloggen_geblokkeerd.html", context, status=429)
    response["Retry-After"] = str(int(afkoeling.total_seconds()))
    return response
