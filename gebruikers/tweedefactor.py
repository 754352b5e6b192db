"""The second factor at login (DESIGN.md §7, ASVS level 2): a TOTP code from an authenticator app (django-otp).

- Required for ``beheer`` and superusers: after the password, such an account without a confirmed app is sent to set
  one up, and with one is asked for its code, before it reaches anything else.
- Available to everyone else: whoever set one up (under 'Tweede factor' in the admin) is asked for its code too.
- The demo accounts (gebruikers/accounts.py, only with DEBUG on) need none, so a developer can log in as ``beheer``.
- Until the code is given, the session is anonymous everywhere but the second-factor pages and log-out: every
  admin page sends it there, every other door (the API's session login, the archive, the notification pages) sees
  the public. API tokens are a separate login and are not affected.

A wrong code counts as a failed login for the lock-out (django-axes, per account and address), and the app itself
makes every next try wait longer (django-otp's throttling: 1, 2, 4, ... seconds).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

from gebruikers import accounts
from register import roles


def tweede_factor_verplicht(user) -> bool:
    """``beheer`` and superusers must have a second factor; not the demo accounts, which work only with DEBUG on."""
    if accounts.is_demogebruiker(user) and settings.DEBUG:
        return False
    return roles.heeft_rol(user, roles.BEHEER) or roles.is_superuser(user)


def app_van(user) -> TOTPDevice | None:
    """The confirmed authenticator app of ``user``; an account has at most one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def tweede_factor_gevraagd(user) -> bool:
    """Whether a login of ``user`` is complete only with a code: required for its role, or set up by itself."""
    return tweede_factor_verplicht(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _naar(request, naam: str, volgende: str):
    return redirect(f"{reverse(naam)}?{urlencode({'next': volgende})}")


class TweedeFactorMiddleware:
    """Stands after django-otp's OTPMiddleware (which tells whether this session gave a code): a session that still
    owes its code reaches only the second-factor pages, the login (to log in as someone else) and the log-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.session_key is None:  # no login; the session is not read (no "Vary: Cookie")
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_verified() and tweede_factor_gevraagd(user):
            pad = request.path_info
            login, admin = reverse("admin:login"), reverse("admin:index")
            if pad.startswith(reverse("tweede_factor:controleren")) or pad == reverse("admin:logout"):
                pass
            elif pad == login and request.method == "POST":
                pass
            elif pad.startswith(admin):
                volgende = request.GET.get("next", admin) if pad == login else request.get_full_path()
                naam = "tweede_factor:controleren" if app_van(user) else "tweede_factor:instellen"
                return _naar(request, naam, volgende)
            else:
                request.user = AnonymousUser()
        return self.get_response(request)
