"""Signing in: with a password (admin, archive pages) and with an API token. Both refuse what
gebruikers.accounts.aanmelden_geweigerd refuses: system accounts, deactivated accounts and demo accounts
while DEBUG is off. The refusal also ends a session that was opened before (``get_user``).

RegisterBackend stands in AUTHENTICATION_BACKENDS after django-axes' lock-out check; the API's token class
(api.throttling.TokenAuthenticatie, which adds the limit on failed attempts) builds on RegisterTokenAuthenticatie."""

from django.contrib.auth.backends import ModelBackend
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from gebruikers.accounts import aanmelden_geweigerd


class RegisterBackend(ModelBackend):
    """Django's username/password backend, refusing the accounts that may not sign in."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and aanmelden_geweigerd(user) is None


class RegisterTokenAuthenticatie(TokenAuthentication):
    """DRF token authentication, refusing the accounts that may not sign in (401 with the reason)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        reden = aanmelden_geweigerd(user)
        if reden:
            raise AuthenticationFailed(reden)
        return user, token
