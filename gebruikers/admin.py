"""Accounts, roles and API tokens in the admin. Replaces Django's UserAdmin and GroupAdmin and DRF's
TokenAdmin: every write goes through gebruikers/services.py, rights come from register/roles.py.

- ``beheer`` (and a superuser) creates accounts, assigns roles and access to others and deactivates them;
  its own roles and access are read-only. Nobody deletes an account.
- A superuser account is read-only for anyone but a superuser; only a superuser sees 'superuser'.
- Roles (groups) are fixed by DESIGN.md §2: their page only lists them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget, SetPasswordMixin, UserChangeForm, UserCreationForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import TokenProxy

from gebruikers import accounts, services
from gebruikers.models import Accountwijziging, ApiToken
from gebruikers.tweedefactor import app_van, tweede_factor_verplicht
from register import roles
from register.admin_base import AlleenInzien, VoorBeheer
from register.teksten import datum_cijfers, moment_cijfers

User = get_user_model()
ROL_VELDEN = ("groups", "is_active", "is_staff", "is_superuser")
LABELS = {
    "groups": "Rollen",
    "is_active": "Actief",
    "is_staff": "Toegang tot de beheeromgeving",
    "is_superuser": "Superuser",
}
HELP = {
    "groups": "Wat dit account mag schrijven en lezen (zie de rollen). Een beheerder wijzigt nooit zijn eigen rollen.",
    "is_active": "Zet uit in plaats van te verwijderen: het account kan dan niet meer inloggen of een token gebruiken, "
    "maar blijft in de historie staan.",
    "is_superuser": "Alleen een superuser kan dit aan- of uitzetten.",
}


def _rolvelden(form) -> None:
    if "groups" in form.fields:
        form.fields["groups"].queryset = Group.objects.filter(name__in=roles.ROLLEN).order_by("name")
        form.fields["groups"].widget = forms.CheckboxSelectMultiple(choices=form.fields["groups"].choices)
    for naam, label in LABELS.items():
        if naam in form.fields:
            form.fields[naam].label = label
            form.fields[naam].help_text = HELP.get(naam, form.fields[naam].help_text)


def _reden_veld(required=False) -> forms.CharField:
    return forms.CharField(
        label="Reden van deze wijziging",
        required=required,
        max_length=services.REDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht bij een wijziging van rollen of toegang; wordt in de historie van het account bewaard.",
    )


class WachtwoordZonderHash(ReadOnlyPasswordHashWidget):
    """Whether an account has a password, without Django's summary of the hash (algorithm, first characters of salt
    and hash): a password hash is a secret (DESIGN.md §7) and no page shows any of it."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ingesteld = bool(value) and not value.startswith(UNUSABLE_PASSWORD_PREFIX)
        context["summary"] = [{"label": "Er is een wachtwoord ingesteld." if ingesteld else
                               "Geen wachtwoord: dit account kan niet inloggen."}]
        return context


class AccountForm(UserChangeForm):
    reden = _reden_veld()

    class Meta(UserChangeForm.Meta):
        fields = ("first_name", "last_name", "email", *ROL_VELDEN)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _rolvelden(self)
        if "password" in self.fields:
            self.fields["password"].widget = WachtwoordZonderHash()

    def clean(self):
        cleaned = super().clean()
        if set(self.changed_data) & set(ROL_VELDEN) and not (cleaned.get("reden") or "").strip():
            self.add_error("reden", services.REDEN_VERPLICHT)
        return cleaned


class NieuwAccountForm(UserCreationForm):
    reden = _reden_veld()

    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name", "last_name", "email", "is_staff", "groups")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _rolvelden(self)
        if "is_staff" in self.fields:
            self.fields["is_staff"].initial = True


class WachtwoordForm(SetPasswordMixin, forms.Form):
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="Nieuw wachtwoord", label2="Nieuw wachtwoord (nogmaals)"
    )
    reden = _reden_veld()

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()


class TweedeFactorWegForm(forms.Form):
    reden = forms.CharField(
        label="Reden",
        max_length=services.REDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bijvoorbeeld 'telefoon kwijt'; wordt in de historie van het account bewaard.",
        error_messages={"required": "Geef een reden op; die wordt in de historie van het account bewaard."},
    )


def _naar_formulier(form, exc: ValidationError, velden: dict[str, str]) -> None:
    for veld, fouten in getattr(exc, "message_dict", {None: exc.messages}).items():
        naam = velden.get(veld, veld)
        form.add_error(naam if naam in form.fields else None, fouten)


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.unregister(TokenProxy)  # DRF's plain-text tokens: emptied by gebruikers/0004, replaced by ApiToken
# django-otp's own page would show the apps' secret keys; an account sets up its own app (gebruikers/views.py).
admin.site.unregister(TOTPDevice)


@admin.register(User)
class AccountAdmin(VoorBeheer, UserAdmin):
    form = AccountForm
    add_form = NieuwAccountForm
    add_form_template = None  # the stock add template only knows username and password
    list_display = ("username", "first_name", "last_name", "rollen", "is_active", "is_staff", "is_superuser")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    filter_horizontal = ()
    actions = None

    # Rights: register/roles.py. Nobody deletes an account (DESIGN.md §7): it is deactivated.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not roles.is_superuser(request.user):
            return False
        return super().has_change_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="rollen")
    def rollen(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all())) or "—"

    @admin.display(description="tweede factor")
    def tweede_factor(self, obj):
        app = app_van(obj) if obj and obj.pk else None
        if app is None:
            verplicht = " (verplicht voor deze rol: het account stelt er een in bij de volgende login)"
            return "Geen" + (verplicht if tweede_factor_verplicht(obj) else "")
        return format_html(
            'Authenticator-app, ingesteld op {}. <a href="{}">Verwijderen</a> (bijvoorbeeld bij een kwijtgeraakte telefoon)',
            datum_cijfers(timezone.localtime(app.created_at)) if app.created_at else "onbekende datum",
            reverse("admin:auth_user_tweede_factor", args=[obj.pk]),
        )

    def get_urls(self):
        return [
            path(
                "<id>/tweede-factor/",
                self.admin_site.admin_view(self.tweede_factor_verwijderen),
                name="auth_user_tweede_factor",
            ),
            *super().get_urls(),
        ]

    def tweede_factor_verwijderen(self, request, id):
        gebruiker = self.get_object(request, unquote(id))
        if gebruiker is None:
            raise Http404("Dit account bestaat niet.")
        if not self.has_change_permission(request, gebruiker) or gebruiker.pk == request.user.pk:
            raise PermissionDenied
        form = TweedeFactorWegForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.tweede_factor_verwijderen(
                    actor=request.user, gebruiker=gebruiker, reden=form.cleaned_data["reden"]
                )
            except ValidationError as exc:
                _naar_formulier(form, exc, {})
            else:
                messages.success(
                    request,
                    f"De tweede factor van '{gebruiker.get_username()}' is verwijderd; het account is uitgelogd.",
                )
                return HttpResponseRedirect(reverse("admin:auth_user_change", args=[gebruiker.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Tweede factor verwijderen: {gebruiker.get_username()}",
            "form": form,
            "opts": self.opts,
            "original": gebruiker,
            "app": app_van(gebruiker),
        }
        sjabloon = "admin/auth/user/tweede_factor_verwijderen.html"
        return TemplateResponse(request, sjabloon, context, status=400 if form.errors else 200)

    @admin.display(description="historie van dit account")
    def accountgeschiedenis(self, obj):
        rijen = obj.accountwijzigingen.select_related("door")[:20] if obj and obj.pk else []
        if not rijen:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — {} door {}: {} (reden: {})</li>",
                (
                    (moment_cijfers(r.op), r.get_soort_display(), r.door or "de server", r.wijziging() or "—", r.reden)
                    for r in rijen
                ),
            ),
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return (
                (None, {"fields": ("username", "password1", "password2")}),
                ("Persoonsgegevens", {"fields": ("first_name", "last_name", "email")}),
                ("Rollen en toegang", {"fields": ("groups", "is_staff")}),
                (None, {"fields": ("reden",)}),
            )
        toegang = ("groups", "is_active", "is_staff") + (("is_superuser",) if roles.is_superuser(request.user) else ())
        sets = [
            (None, {"fields": ("username", "password")}),
            ("Persoonsgegevens", {"fields": ("first_name", "last_name", "email")}),
            ("Rollen en toegang", {"fields": toegang}),
        ]
        if self.has_change_permission(request, obj):
            sets.append((None, {"fields": ("reden",)}))
        sets.append(("Data en historie", {"fields": ("tweede_factor", "last_login", "date_joined", "accountgeschiedenis")}))
        return sets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # The username is fixed: the history names an account by it.
        readonly = ["username", "tweede_factor", "last_login", "date_joined", "accountgeschiedenis"]
        if obj.pk == request.user.pk:
            readonly += ROL_VELDEN  # nobody changes their own roles or access
        return readonly

    def save_form(self, request, form, change):
        return form.instance  # the service saves, in save_model

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            gebruiker = services.gebruiker_aanmaken(
                actor=request.user,
                gebruikersnaam=data["username"],
                wachtwoord=data["password1"],
                voornaam=data.get("first_name", ""),
                achternaam=data.get("last_name", ""),
                email=data.get("email", ""),
                rollen=[g.name for g in data.get("groups", [])],
                admintoegang=data.get("is_staff", False),
                reden=data.get("reden", ""),
            )
            obj.pk = gebruiker.pk
            obj.refresh_from_db()
            return
        velden = {"first_name": "voornaam", "last_name": "achternaam", "email": "email",
                  "is_active": "actief", "is_staff": "admintoegang", "is_superuser": "superuser"}
        wijziging = {sleutel: data[veld] for veld, sleutel in velden.items() if veld in form.fields}
        if "groups" in form.fields:
            wijziging["rollen"] = [g.name for g in data["groups"]]
        services.gebruiker_wijzigen(
            actor=request.user, gebruiker=User.objects.get(pk=obj.pk), reden=data.get("reden", ""), **wijziging
        )
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        pass  # the roles were set by the service

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied as exc:
            messages.error(request, str(exc) or "U mag dit account niet wijzigen.")
            raise
        except ValidationError as exc:
            messages.error(request, "Niet opgeslagen: " + "; ".join(exc.messages))
            return HttpResponseRedirect(request.get_full_path())

    @method_decorator(sensitive_post_parameters())
    def user_change_password(self, request, id, form_url=""):
        gebruiker = self.get_object(request, unquote(id))
        if gebruiker is None:
            raise Http404("Dit account bestaat niet.")
        if not self.has_change_permission(request, gebruiker):
            raise PermissionDenied
        form = WachtwoordForm(gebruiker, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.wachtwoord_instellen(
                    actor=request.user,
                    gebruiker=gebruiker,
                    wachtwoord=form.cleaned_data["password1"],
                    reden=form.cleaned_data["reden"],
                )
            except ValidationError as exc:
                _naar_formulier(form, exc, {"wachtwoord": "password1"})
            else:
                messages.success(request, f"Het wachtwoord van '{gebruiker.get_username()}' is ingesteld.")
                return HttpResponseRedirect(reverse("admin:auth_user_change", args=[gebruiker.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Wachtwoord instellen: {gebruiker.get_username()}",
            "adminForm": admin.helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
            "form": form,
            "opts": self.opts,
            "original": gebruiker,
            "systeemaccount": accounts.is_systeemaccount(gebruiker),
        }
        sjabloon = "admin/auth/user/wachtwoord_instellen.html"
        return TemplateResponse(request, sjabloon, context, status=400 if form.errors else 200)


class AlleenInzienVoorBeheer(AlleenInzien):
    """Admin pages that functional admin may only read (the roles, the account history); nobody writes them here."""

    def mag_inzien(self, user) -> bool:
        return roles.mag_gebruikers_beheren(user)


@admin.register(Group)
class RolAdmin(AlleenInzienVoorBeheer, admin.ModelAdmin):
    """The roles of DESIGN.md §2, read-only: who holds a role is set on the account."""

    list_display = ("name", "omschrijving", "leden")
    fields = ("name", "omschrijving", "leden")
    readonly_fields = fields
    ordering = ("name",)
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(name__in=roles.ROLLEN).prefetch_related("user_set")

    @admin.display(description="omschrijving")
    def omschrijving(self, obj):
        return roles.ROL_NAMEN.get(obj.name, "")

    @admin.display(description="accounts met deze rol")
    def leden(self, obj):
        return ", ".join(sorted(u.get_username() for u in obj.user_set.all())) or "—"


class TokenForm(forms.ModelForm):
    reden = _reden_veld()

    class Meta:
        model = ApiToken
        fields = ("gebruiker",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "gebruiker" in self.fields:  # absent on the read-only page of an issued token
            self.fields["gebruiker"].help_text = (
                "Het account van het systeem dat het token gebruikt. Systeemaccounts, inactieve accounts en uzelf "
                "krijgen geen token."
            )

    def validate_unique(self):
        pass  # issuing a token replaces the account's earlier one (token_uitgeven)


@admin.register(ApiToken)
class TokenAdmin(VoorBeheer, admin.ModelAdmin):
    """API tokens: issued and revoked through the token service (with history). The key is shown once, on the
    page that answers the issuing; the database holds only its digest, which no page shows, filters or orders."""

    form = TokenForm
    list_display = ("gebruiker", "aangemaakt_op")
    list_select_related = ("gebruiker",)
    fields = ("gebruiker", "reden")
    search_fields = ("gebruiker__username",)
    ordering = ("gebruiker__username",)
    actions = None

    def has_change_permission(self, request, obj=None):
        return False  # a token is replaced by issuing a new one

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.gebruiker.is_superuser and not roles.is_superuser(request.user):
            return False  # the superuser rule of the token service, also for the button
        return roles.mag_gebruikers_beheren(request.user)  # revoking

    def get_fields(self, request, obj=None):
        return ("gebruiker", "aangemaakt_op") if obj is not None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return ("gebruiker", "aangemaakt_op") if obj is not None else ()

    def save_form(self, request, form, change):
        return form.instance

    def save_model(self, request, obj, form, change):
        token = services.token_uitgeven(
            actor=request.user,
            gebruikersnaam=form.cleaned_data["gebruiker"].get_username(),
            reden=form.cleaned_data["reden"],
        )
        obj.gebruiker, obj.digest, obj.aangemaakt_op = token.gebruiker, token.digest, token.aangemaakt_op
        obj.sleutel = token.sleutel

    def save_related(self, request, form, formsets, change):
        pass

    def response_add(self, request, obj, post_url_continue=None):
        """The key, this once, in the answer itself: not in a message, which would be kept in the session or a
        cookie until it is shown. Like every admin page it is sent with ``Cache-Control: no-store`` (admin_view)."""
        context = {
            **self.admin_site.each_context(request),
            "title": f"Token uitgegeven aan '{obj.gebruiker.get_username()}'",
            "opts": self.opts,
            "token": obj,
            "sleutel": obj.sleutel,
        }
        return TemplateResponse(request, "admin/gebruikers/apitoken/uitgegeven.html", context)

    def delete_model(self, request, obj):
        services.token_intrekken(actor=request.user, gebruiker=obj.gebruiker, reden="Ingetrokken in de admin")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            messages.error(request, "Geen token uitgegeven: " + "; ".join(exc.messages))
            return HttpResponseRedirect(request.get_full_path())
        except PermissionDenied as exc:
            messages.error(request, str(exc) or "U mag dit token niet uitgeven.")
            raise


@admin.register(Accountwijziging)
class AccountwijzigingAdmin(AlleenInzienVoorBeheer, admin.ModelAdmin):
    """The history of accounts, read-only."""

    list_display = ("op", "gebruiker", "soort", "door", "wijziging", "reden")
    list_filter = ("soort",)
    list_select_related = ("gebruiker", "door")
    search_fields = ("gebruiker__username", "door__username")
    date_hierarchy = "op"
    actions = None
