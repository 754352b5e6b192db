"""Login sessions (DESIGN.md §7, ASVS level 2): Django's database sessions, with three additions.

- Each session row knows its account (gebruikers.models.Sessie), so ``sessies_beeindigen`` ends every session of an
  account when it is deactivated; a reactivated account must log in again.
- A session unused for SESSION_IDLE_MINUTES ends (``SessieVerloopMiddleware``), counted in whole minutes: the time of
  the last request is written at most once a minute, not on every request (a database write per request).
- A session ends SESSION_MAX_HOURS after its login, however busy it is.

SESSION_ENGINE names this module; SESSION_COOKIE_AGE (the cookie and the row's expiry) is the idle time plus the
minute of slack of that write, so an abandoned row also expires by itself (``manage.py clearsessions``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone

from gebruikers.models import Sessie

# Session keys of our own (a leading underscore, like Django's own, keeps them apart from a view's data).
BEGIN = "_gi_aangemeld_om"
ACTIEF = "_gi_laatst_actief"
VERVERS_NA = 60  # seconds: the last activity is written at most this often


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        return Sessie

    def create_model_instance(self, data):
        sessie = super().create_model_instance(data)
        try:
            sessie.gebruiker_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            sessie.gebruiker_id = None
        return sessie


def sessies_beeindigen(gebruiker) -> int:
    """Ends every session of ``gebruiker`` (deactivation); returns how many there were."""
    aantal, _ = Sessie.objects.filter(gebruiker_id=gebruiker.pk).delete()
    return aantal


def _nu() -> int:
    return int(timezone.now().timestamp())


def sessie_begonnen(sender, request, user, **kwargs) -> None:
    """user_logged_in: the absolute maximum and the idle time count from this login."""
    if hasattr(request, "session"):
        request.session[BEGIN] = request.session[ACTIEF] = _nu()


class SessieVerloopMiddleware:
    """Ends a logged-in session after SESSION_IDLE_MINUTES without a request or SESSION_MAX_HOURS after its login.
    Stands right after SessionMiddleware, before anything reads the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sessie = request.session
        # Without a session cookie there is nothing to end; the session is not even read (no "Vary: Cookie" on the
        # public pages, which caches may then share).
        if sessie.session_key is not None and sessie.get(SESSION_KEY) is not None:
            nu = _nu()
            begin, actief = sessie.get(BEGIN), sessie.get(ACTIEF)
            if begin is None or actief is None:
                sessie[BEGIN] = sessie[ACTIEF] = nu  # a session from before this rule: counts from now
            elif nu - actief > settings.SESSION_IDLE_MINUTES * 60 or nu - begin > settings.SESSION_MAX_HOURS * 3600:
                sessie.flush()  # logged out: the login page follows, as for anyone
            elif nu - actief >= VERVERS_NA:
                sessie[ACTIEF] = nu
        return self.get_response(request)
