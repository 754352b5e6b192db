"""Login lock-out (django-axes, see settings), the limit on password checks in front of the hasher, the client
address both count (register.clientadres) and the page a refused login gets.

A password check costs the hasher's full work (PBKDF2, by design), also for an unknown name. So besides django-axes'
lock-out per username and address, the number of password checks is limited per client address
(LOGIN_RATE_ADDRESS) and over all addresses together (LOGIN_RATE_TOTAL), in fixed windows counted in the shared
cache (every gunicorn worker and server sees the same counters), and at most LOGIN_CHECKS_CONCURRENT checks run at
the same moment. An attempt over any of these is refused before the hasher runs (RegisterBackend asks first): 429
with Retry-After, and it does not count as a wrong password for django-axes (so nobody elsewhere can push a user
towards the lock-out by filling the overall limit).

What "an address" is, is register.clientadres's rule. Clients the app cannot tell apart (behind a proxy that is not
in TRUSTED_PROXIES, or a shared NAT) are one address, for the lock-out as for the limits; the deploy checks and the
log say when the settings look like that (README "Productiechecklist")."""

import math
import secrets
from contextlib import contextmanager
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


def _wachttijd_limieten(request, nu: float) -> tuple[int | None, list[tuple[str, int]]]:
    """(seconds to wait or None, the counters to raise when the check goes ahead) for the two rate limits."""
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
        return max(1, math.ceil(max(wachten))), []
    return None, [(sleutel, math.ceil(rest) + 5) for sleutel, _, rest in tellers]


def _ophogen(sleutel: str, timeout: int) -> None:
    if cache.add(sleutel, 1, timeout):
        return
    try:
        cache.incr(sleutel)
    except ValueError:  # expired between the add and now
        cache.add(sleutel, 1, timeout)


# A process that dies while hashing frees its slot after this many seconds.
SLOT_SECONDEN = 30


@contextmanager
def wachtwoordcontrole(request):
    """Around one password check: yields None when it may run now (it is then counted and holds one of the
    LOGIN_CHECKS_CONCURRENT slots until it is done), otherwise the seconds to wait before trying again.

    The rate limits count in fixed windows: the counters are read, and raised only when the check goes ahead. The
    database cache raises a counter with a read and a write, so under heavy concurrency a check or two more than the
    limit can pass. The slots bound how many workers hash at the same moment (gunicorn's sync workers: a worker that
    hashes takes no new request, so with fewer slots than workers the others keep answering); a slot is taken with
    the cache's add, which only one process can win."""
    wachttijd, tellers = _wachttijd_limieten(request, _nu())
    if wachttijd is not None:
        yield wachttijd
        return
    merk = secrets.token_hex(8)
    slot = next(
        (f"inloggen:slot:{i}" for i in range(settings.LOGIN_CHECKS_CONCURRENT)
         if cache.add(f"inloggen:slot:{i}", merk, SLOT_SECONDEN)),
        None,
    )
    if slot is None:
        yield 1
        return
    for sleutel, timeout in tellers:
        _ophogen(sleutel, timeout)
    try:
        yield None
    finally:
        if cache.get(slot) == merk:
            cache.delete(slot)


def weigeren(request, wachttijd: int):
    """Stops django.contrib.auth.authenticate before the hasher; AxesMiddleware turns the answer into the refusal
    page (inloggen_geblokkeerd), and AxesHandler does not count it as a wrong password."""
    request.inlog_begrensd = wachttijd
    request.axes_locked_out = True
    raise PermissionDenied("Te veel inlogpogingen")


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
