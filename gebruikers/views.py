"""The second-factor pages of the login (gebruikers/tweedefactor.py): giving the code, and setting up an
authenticator app. Both belong to the staff side and look like the admin's login page."""

from __future__ import annotations

from base64 import b32encode

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import verify_token

from gebruikers import services
from gebruikers.tweedefactor import app_van, tweede_factor_verplicht

CODE_FOUT = "Deze code klopt niet of is verlopen. Vul de code in die uw authenticator-app nu toont."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code uit uw authenticator-app",
        max_length=20,
        help_text="De zes cijfers die de app nu toont voor het GI-register; ze veranderen elke 30 seconden.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": "Vul de code van zes cijfers uit uw authenticator-app in."},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError("Een code bestaat uit zes cijfers, zoals 123456. Vul de code uit de app in.")
        return code


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, {request.get_host()}, require_https=request.is_secure()):
        return volgende
    return reverse("admin:index")


def _context(request, titel: str, **extra) -> dict:
    return {**admin.site.each_context(request), "title": titel, "next": _volgende(request), **extra}


def _aangemeld(request, app) -> None:
    """The code was right: a new session key (the session's rights grew) that remembers the app."""
    request.session.cycle_key()
    otp_login(request, app)


def _fout_geteld(request) -> bool:
    """A wrong code counts as a failed login for the lock-out; True when this one reached the limit."""
    user_login_failed.send(sender=__name__, credentials={"username": request.user.get_username()}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def _wachten(app) -> str | None:
    toegestaan, gegevens = app.verify_is_allowed()
    if toegestaan or not gegevens or "locked_until" not in gegevens:
        return None
    seconden = max(1, int((gegevens["locked_until"] - timezone.now()).total_seconds() + 0.999))
    return f"Na een foute code wacht het register even: probeer het over {seconden} seconden opnieuw."


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def controleren(request):
    """After the password: the code of the account's authenticator app."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('admin:login')}?next={reverse('admin:index')}")
    if user.is_verified():
        return redirect(_volgende(request))
    app = app_van(user)
    if app is None:
        return redirect(f"{reverse('tweede_factor:instellen')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wachten = _wachten(app)
        if wachten:
            form.add_error("code", wachten)
        elif (geverifieerd := verify_token(user, app.persistent_id, form.cleaned_data["code"])) is not None:
            _aangemeld(request, geverifieerd)
            return redirect(_volgende(request))
        else:
            if _fout_geteld(request):
                logout(request)  # the lock-out page follows (django-axes' middleware)
                return redirect("admin:login")
            form.add_error("code", CODE_FOUT)
    context = _context(request, "Inloggen: tweede factor", form=form)
    return render(request, "gebruikers/tweede_factor_controleren.html", context, status=400 if form.errors else 200)


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def instellen(request):
    """Setting up (or replacing) the authenticator app of one's own account, and, where the role allows, turning
    the second factor off. A session that owes its code gives it first."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('admin:login')}?next={reverse('tweede_factor:instellen')}")
    huidige = app_van(user)
    if huidige is not None and not user.is_verified():
        return redirect(f"{reverse('tweede_factor:controleren')}?{request.GET.urlencode()}")
    verplicht = tweede_factor_verplicht(user)
    if request.method == "POST" and request.POST.get("actie") == "uitzetten":
        try:
            services.tweede_factor_verwijderen(actor=user, gebruiker=user)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Uw tweede factor staat uit; bij het inloggen vraagt het register alleen uw wachtwoord.")
        return redirect("tweede_factor:instellen")
    nieuw = services.tweede_factor_nieuwe_app(gebruiker=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wachten = _wachten(nieuw)
        if wachten:
            form.add_error("code", wachten)
        elif services.tweede_factor_bevestigen(gebruiker=user, app=nieuw, code=form.cleaned_data["code"]):
            nieuw.refresh_from_db()
            _aangemeld(request, nieuw)
            messages.success(request, "Uw authenticator-app is ingesteld. Bij elke volgende login vraagt het register de code.")
            return redirect(_volgende(request))
        else:
            form.add_error("code", CODE_FOUT)
    geheim = b32encode(nieuw.bin_key).decode()
    context = _context(
        request,
        "Tweede factor instellen",
        form=form,
        huidige=huidige,
        verplicht=verplicht,
        geheim=" ".join(geheim[i:i + 4] for i in range(0, len(geheim), 4)),
        otpauth=nieuw.config_url,
    )
    return render(request, "gebruikers/tweede_factor_instellen.html", context, status=400 if form.errors else 200)
