"""Signing in: with a password (admin, archive pages) and with an API token. Both refuse what
gebruikers.accounts.aanmelden_geweigerd refuses: system accounts, deactivated accounts and demo accounts
while DEBUG is off. The refusal also ends a session that was opened before (``get_user``).

RegisterBackend stands in AUTHENTICATION_BACKENDS after django-axes' lock-out check and applies the login limits
(register.blokkade) before it hashes; the API's token class (api.throttling.TokenAuthenticatie, which adds the limit
on failed attempts) builds on RegisterTokenAuthenticatie."""

from django.contrib.auth.backends import ModelBackend
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from gebruikers.accounts import aanmelden_geweigerd
from gebruikers.models import ApiToken
from register.blokkade import wachtwoordcontrole, weigeren

ONGELDIG_TOKEN = (
    "Ongeldig token. Controleer de sleutel in de header 'Authorization: Token <sleutel>'; een token dat is "
    "ingetrokken of vervangen werkt niet meer: vraag functioneel beheer dan om een nieuw token."
)


class RegisterBackend(ModelBackend):
    """Django's username/password backend, refusing the accounts that may not sign in, and the login limits in front
    of its hasher (register.blokkade: per client address, overall, and how many checks at once)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        with wachtwoordcontrole(request) as wachttijd:
            if wachttijd is not None:
                weigeren(request, wachttijd)
            return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and aanmelden_geweigerd(user) is None


class RegisterTokenAuthenticatie(TokenAuthentication):
    """DRF's header ``Authorization: Token <sleutel>``, with the key looked up by its digest (gebruikers.ApiToken:
    the database holds no keys), refusing the accounts that may not sign in (401 with the reason)."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = ApiToken.bij_sleutel(key)
        if token is None:
            raise AuthenticationFailed(ONGELDIG_TOKEN)
        reden = aanmelden_geweigerd(token.gebruiker)
        if reden:
            raise AuthenticationFailed(reden)
        return token.gebruiker, token
