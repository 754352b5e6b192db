"""Rate limits of the API (DRF throttling) and the stricter limit on failed token attempts.

The counters live in the default cache (``CACHES``; in production the database cache, shared by every gunicorn
worker). The rates are read from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` each time a limit is checked, so they
follow the settings (environment variables, see README "Instellingen"). A client over a limit gets 429 with a
Retry-After header (api.problems turns it into problem+json).

The limits per address and per user (``AnoniemeLimiet``, ``GebruikerLimiet``) count in fixed windows: a window of the
rate's period (a minute for ``120/min``) begins with a client's first request after its previous window ended; the
first N requests of a window are answered, every further one in it gets 429 with Retry-After the seconds until the
window ends (then the count starts again at zero). Counting is one statement on the database cache
(``RegisterDatabaseCache.tellen``: an atomic upsert, so concurrent requests of one client in two workers are all
counted), instead of DRF's read of a list of request times and its write back (two statements, and two workers could
each read the same list and one write lose the other's request). What this gives up against DRF's sliding list:
right at the end of one window and the start of the next a client can get up to 2N answers within one period (never
more than N in one window). With a token whose account this process kept (gebruikers/tokencache.py), the count is
made while authenticating, in the same statement that reads the accounts' generation: a warm read with a token costs
no more queries than an anonymous one. Other caches (locmem in development, a directory) count the same way with a
read and a write.

The limit on failed token attempts (``MisluktTokenLimiet``) keeps DRF's list of failure times: it is read only when a
token is refused, and its window slides (a lock-out lasts until the oldest failure is an hour old).
"""

import math

from django.core.cache import cache
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from gebruikers import tokencache
from gebruikers.backends import RegisterTokenAuthenticatie
from gebruikers.models import ApiToken
from register import roles
from register.clientadres import client_adres


class TeVeelVerzoeken(exceptions.Throttled):
    default_detail = "U doet te veel verzoeken achter elkaar."
    extra_detail_singular = "Wacht {wait} seconde (zie de header Retry-After) en probeer het dan opnieuw."
    extra_detail_plural = "Wacht {wait} seconden (zie de header Retry-After) en probeer het dan opnieuw."


class TokenPogingenGeblokkeerd(TeVeelVerzoeken):
    default_detail = (
        "Vanaf dit adres zijn te veel verzoeken met een ongeldig token gedaan; een ongeldig token van dit adres "
        "krijgt tijdelijk dit antwoord (een geldig token werkt gewoon). Controleer het token in de header "
        "'Authorization: Token <sleutel>'."
    )


class _ActueleRate:
    """The rate as the settings give it now (DRF's own classes read it once, at import), counted per the client
    address of register.clientadres (X-Forwarded-For only from TRUSTED_PROXIES), the one the login lock-out and the
    login limits count too."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_adres(request)


def tellen(opslag, key: str, duur: float, nu: float, lees: tuple[str, ...] = ()) -> tuple[int, float, dict]:
    """Count one request under ``key`` in ``opslag``: (the count in the current window, this request included; the
    window's end as a timestamp; the values of the keys ``lees``). One statement on the database cache
    (``RegisterDatabaseCache.tellen``); elsewhere a read and a write of (end, count)."""
    if getattr(opslag, "telt", None) is not None and opslag.telt():
        return opslag.tellen(key, duur, nu, lees)
    gelezen = opslag.get_many([key, *lees])
    einde, aantal = gelezen.pop(key, None) or (nu, 0)
    if einde <= nu:
        einde, aantal = nu + duur, 0
    opslag.set(key, (einde, aantal + 1), max(1, math.ceil(einde - nu)))
    return aantal + 1, einde, gelezen


class _Venster:
    """A limit counted in fixed windows (see the module's doc). ``request._teller_vooraf``: counts made already for
    this request (``TokenAuthenticatie._bewaard``), by key: such a request is not counted twice."""

    cache_format = "api-teller:%(scope)s:%(ident)s"  # not DRF's format: its rows hold a list, these a number

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        vooraf = getattr(request, "_teller_vooraf", None) or {}
        if self.key in vooraf:
            self.aantal, self.einde, self.now = vooraf[self.key]
        else:
            self.now = self.timer()
            self.aantal, self.einde, _ = tellen(self.cache, self.key, self.duration, self.now)
        return self.aantal <= self.num_requests

    def wait(self):
        """Seconds until the window ends (Retry-After, rounded up by DRF)."""
        return max(self.einde - self.now, 0.001)


class AnoniemeLimiet(_ActueleRate, _Venster, AnonRateThrottle):
    """Requests without a token or session, per client address (scope ``anon``)."""


class GebruikerLimiet(_ActueleRate, _Venster, UserRateThrottle):
    """Requests with a token or session, per user (scope ``user``). An anonymous request counts under
    ``AnoniemeLimiet`` only: counting it here too would count a second counter for nothing. A request with a token
    whose account was kept by this process (gebruikers/tokencache.py) was counted already, with the accounts'
    generation read in the same statement: that count is used instead of counting again."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)

    @classmethod
    def sleutel_van(cls, pk) -> str:
        return cls.cache_format % {"scope": cls.scope, "ident": pk}


class MisluktTokenLimiet(_ActueleRate, SimpleRateThrottle):
    """Failed token attempts per client address (scope ``token_fout``). Only failures are counted; once there are
    as many as the rate allows, every unknown token from that address gets 429 until the oldest failure has aged
    out. A valid token still works: the limit is there to stop guessing (a token has 256 random bits, so a guess
    that is right is not a risk the limit has to hide), and it must not lock out every token user behind one
    address, as all clients behind a proxy the app was not told about (TRUSTED_PROXIES) share one."""

    scope = "token_fout"

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def geblokkeerd(self, request) -> bool:
        if self.rate is None:
            return False
        self.key = self.get_cache_key(request)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def wachttijd(self) -> int:
        """Seconds until the oldest counted failure no longer counts."""
        return max(1, round(self.duration - (self.now - self.history[-1])))

    def mislukt(self) -> None:
        if self.rate is not None:
            self.throttle_success()  # records this attempt in the history


class TokenAuthenticatie(RegisterTokenAuthenticatie):
    """DRF's ``Authorization: Token <sleutel>`` for the accounts that may sign in (gebruikers.backends), with the
    limit on failed attempts per client address."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) == 2:
            bewaard = self._bewaard(request, header[1])
            if bewaard is not None:
                return bewaard
        limiet = MisluktTokenLimiet()
        # The generation before the lookup: a change made while looking up leaves what is kept behind.
        generatie = tokencache.generatie()
        try:
            resultaat = super().authenticate(request)
            if len(header) == 2 and resultaat is not None:
                gebruiker, token = resultaat
                roles.rollen_van(gebruiker)  # kept with the account: no query for its roles on the next request
                tokencache.bewaren(token.digest, generatie, gebruiker, token)
            return resultaat
        except exceptions.AuthenticationFailed:
            if limiet.geblokkeerd(request):
                raise TokenPogingenGeblokkeerd(limiet.wachttijd()) from None
            limiet.mislukt()
            raise

    @staticmethod
    def _bewaard(request, sleutel: bytes):
        """The account this process kept for the token (gebruikers/tokencache.py), if it is of the current
        generation: the generation is read in the statement that counts the request against the account's rate
        limit (``tellen``); the count is kept on the request for GebruikerLimiet, also when the account is behind
        (the request is then looked up as always, and counted once). None: not kept, or behind."""
        try:
            digest = ApiToken.digest_van(sleutel.decode())
        except UnicodeError:
            return None
        gevonden = tokencache._PROCES.get(digest)
        if gevonden is None:
            return None
        gebruiker, token = gevonden[1]
        limiet = GebruikerLimiet()
        if limiet.rate is None:
            vooraf = None
        else:
            teller, nu = GebruikerLimiet.sleutel_van(gebruiker.pk), limiet.timer()
            aantal, einde, vooraf = tellen(cache, teller, limiet.duration, nu, (tokencache.GENERATIE,))
            request._teller_vooraf = {teller: (aantal, einde, nu)}
        if tokencache.bewaard(digest, tokencache.generatie(vooraf)) is None:
            return None
        return gebruiker, token
