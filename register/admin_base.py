"""Shared admin behaviour: every save goes through the app's own services (``Diensten``, as the API and the import
do), with a reason; nothing is deleted;
confidential fields (register/vertrouwelijkheid.py) are hidden from roles that may not read them, in forms, lists,
filters, search, ordering, query-string lookups and the history; secrets (password hashes, tokens) from everyone.

Every admin page of the register builds on ``Vertrouwelijk`` (through RegisterAdmin, AlleenInzien or VoorBeheer);
the system check ``register.E101`` refuses an admin of a model from which a secret can be reached that does not."""

from dataclasses import dataclass
from types import ModuleType

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import FieldListFilter, widgets
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import DataError, models, transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.safestring import SafeData, mark_safe
from simple_history.admin import SimpleHistoryAdmin

from register import domein, roles, vertrouwelijkheid
from register.models import KORTE_TEKST
from register.teksten import feitdatum_tekst

FEIT_ALLEEN_LEZEN = ("vervallen", "vervalreden", "aangemaakt_op", "gewijzigd_op")
# Fields every fact carries (register.models.Feit); a form shows them after the record's own fields.
FEIT_ACHTERAAN = ("bron", "datumkwaliteit", "datum_toelichting")
# Nouns that take "het" (Django's Dutch admin messages always say "De {naam}").
HET_WOORDEN = frozenset({
    "certificaatbesluit", "toezichtbesluit", "inspectieonderzoek", "oordeel", "thema", "Kameroverzicht",
})
REDEN_VERBORGEN = "(reden alleen zichtbaar voor wie de vertrouwelijke velden mag lezen)"
ONGELDIG_FILTER = (
    "Een filter in het adres heeft een waarde die niet kan bestaan, zoals een jaartal of dag buiten de kalender. "
    "Kies het filter opnieuw in de lijst."
)


def feitdatum(veld: str, label: str):
    """A list column showing a fact's date as its datumkwaliteit allows (a ``maand`` date as its month, a
    ``geschat`` one with "(geschat)"), sorting by the date itself."""

    @admin.display(description=label, ordering=veld)
    def kolom(obj):
        return feitdatum_tekst(getattr(obj, veld), obj.datumkwaliteit)

    kolom.__name__ = f"{veld}_volgens_kwaliteit"
    return kolom


@dataclass(frozen=True)
class Diensten:
    """The app's own services a model's admin writes through, as the API and the import do, so a rule added to a
    service holds in the admin too: in module ``services`` the functions ``<woord>_registreren(actor=, reden=,
    **velden)``, ``<woord>_<corrigeren>(actor=, <naam>=record, reden=, **velden)`` and ``<woord>_laten_vervallen(actor=,
    <naam>=record, reden=)`` (not with ``vervallen`` False), ``naam`` being the keyword of the record (``besluit``).
    Looked up on every write, so the admin always calls what the module holds."""

    services: ModuleType
    woord: str
    naam: str
    corrigeren_als: str = "corrigeren"
    vervallen: bool = True

    def functie(self, handeling: str):
        return getattr(self.services, f"{self.woord}_{handeling}")


class RedenForm(forms.ModelForm):
    wijzigingsreden = forms.CharField(
        label="Reden van deze wijziging",
        required=False,
        max_length=KORTE_TEKST,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht bij een correctie of bij laten vervallen; wordt in de historie bewaard.",
    )
    laten_vervallen = forms.BooleanField(
        label="Deze registratie laten vervallen",
        required=False,
        help_text="Voor een onjuiste registratie. Ze blijft zichtbaar in de historie maar telt niet meer mee.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The select always posts a value; a form posted without one keeps the record's datumkwaliteit (a new
        # record: exact), as a form without the former approximate-date checkbox did.
        if "datumkwaliteit" in self.fields:
            self.fields["datumkwaliteit"].required = False

    def clean_datumkwaliteit(self):
        return self.cleaned_data.get("datumkwaliteit") or self.instance.datumkwaliteit or "exact"

    def clean(self):
        cleaned = super().clean()
        wijziging = self.instance.pk is not None
        if wijziging and not (cleaned.get("wijzigingsreden") or "").strip():
            self.add_error("wijzigingsreden", "Geef een reden op voor deze wijziging; die wordt in de historie bewaard.")
        return cleaned

    def _post_clean(self):
        """Validate the whole record as the services will (``full_clean`` without the form's exclusions), so that a
        rule on a field the form does not show (such as one ingangsdatum per GI among records that are not void)
        comes back with the form and everything typed, instead of after the save."""
        super()._post_clean()
        if self._errors:
            return
        try:
            self.instance.full_clean()
        except ValidationError as exc:
            for veld, fouten in exc.update_error_dict({}).items():
                self.add_error(veld if veld in self.fields else None, fouten)


def _velden_uit_formulier(form) -> tuple[dict, dict]:
    model = form._meta.model
    concrete = {f.name for f in model._meta.concrete_fields if not f.primary_key}
    m2m = {f.name for f in model._meta.many_to_many}
    nieuw = form.instance._state.adding
    velden = {k: v for k, v in form.cleaned_data.items() if k in concrete and (nieuw or k in form.changed_data)}
    relaties = {k: v for k, v in form.cleaned_data.items() if k in m2m and k in form.changed_data}
    return velden, relaties


def _naar_formulierfouten(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc)


class Vertrouwelijk:
    """The confidentiality policy (register/vertrouwelijkheid.py) in an admin page: no list column, list filter,
    search field, ordering, query-string lookup or ``_to_field`` touches a field the user may not read, nor a
    secret (a password hash, a token's key or digest), also not through a relation (``gebruiker__password``,
    ``auth_token__key``). A refused query-string lookup makes the changelist raise DisallowedModelAdminLookup:
    a 400, never a list that depends on the guess."""

    def _pad_verborgen(self, request, pad: str) -> bool:
        return vertrouwelijkheid.pad_verborgen(request.user, self.model, pad)

    def get_list_display(self, request):
        return vertrouwelijkheid.zonder_verborgen(request.user, self.model, super().get_list_display(request))

    def get_list_filter(self, request):
        return vertrouwelijkheid.zonder_verborgen(request.user, self.model, super().get_list_filter(request))

    def get_search_fields(self, request):
        return vertrouwelijkheid.zonder_verborgen(request.user, self.model, super().get_search_fields(request))

    def get_sortable_by(self, request):
        return vertrouwelijkheid.zonder_verborgen(request.user, self.model, super().get_sortable_by(request))

    def get_ordering(self, request):
        return vertrouwelijkheid.zonder_verborgen(request.user, self.model, super().get_ordering(request) or ())

    def lookup_allowed(self, lookup, value, request=None):
        if request is None or self._pad_verborgen(request, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def to_field_allowed(self, request, to_field):
        return not self._pad_verborgen(request, to_field) and super().to_field_allowed(request, to_field)


def _bereikt_geheim(model, diepte: int = 2) -> bool:
    """Can a secret field be reached from ``model`` in at most ``diepte`` relations (forward or reverse)?"""
    for veld in model._meta.get_fields():
        if vertrouwelijkheid.is_geheim(model, veld.name):
            return True
        if diepte and veld.is_relation and veld.related_model is not None and _bereikt_geheim(veld.related_model, diepte - 1):
            return True
    return False


@checks.register(checks.Tags.admin)
def geheimen_in_elke_admin(app_configs=None, **kwargs):
    """An admin page of a model from which a secret can be reached must ask the confidentiality policy."""
    return [
        checks.Error(
            f"De admin van {model._meta.label} ({type(modeladmin).__qualname__}) bouwt niet op "
            "register.admin_base.Vertrouwelijk, terwijl vanuit dit model een geheim veld (wachtwoord-hash, token) "
            "bereikbaar is.",
            hint="Laat de admin erven van RegisterAdmin, AlleenInzien of VoorBeheer (of van Vertrouwelijk).",
            obj=type(modeladmin),
            id="register.E101",
        )
        for model, modeladmin in admin.site._registry.items()
        if not isinstance(modeladmin, Vertrouwelijk) and _bereikt_geheim(model)
    ]


class RolRechten:
    """Admin rights of a domain model (and its inlines) from the role rules the services use (register/roles.py,
    register/domein.py), not from Django's model permissions: every role views, only the role that writes the
    model adds and changes, nobody deletes (a wrong record is corrected or declared void)."""

    def has_module_permission(self, request):
        return roles.mag_inzien(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.mag_inzien(request.user)

    def has_add_permission(self, request, obj=None):
        return domein.mag_schrijven(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if isinstance(obj, self.model):  # one record: for a model kept per organisation, only the organisation's own
            return domein.mag_wijzigen(request.user, obj)
        return domein.mag_schrijven(request.user, self.model)

    def has_delete_permission(self, request, obj=None):
        return False


class AlleenInzien(Vertrouwelijk):
    """Admin pages nobody writes (meldingen, the archive of overviews, the roles, the account history): who may
    read them is the one rule of ``mag_inzien`` (a role rule of register/roles.py or the app's selector); nobody
    adds, changes or deletes there."""

    def mag_inzien(self, user) -> bool:
        raise NotImplementedError

    def has_module_permission(self, request):
        return self.mag_inzien(request.user)

    def has_view_permission(self, request, obj=None):
        return self.mag_inzien(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VoorBeheer(Vertrouwelijk):
    """Admin pages that functional admin reads and writes (accounts, tokens, the notification preferences of
    others): who may is the one rule ``roles.mag_gebruikers_beheren``; nothing is deleted there (an account is
    deactivated). A page that differs says so in its own method and asks this one for the rest."""

    def has_module_permission(self, request):
        return roles.mag_gebruikers_beheren(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.mag_gebruikers_beheren(request.user)

    def has_add_permission(self, request, obj=None):
        return roles.mag_gebruikers_beheren(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.mag_gebruikers_beheren(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class _ZonderAccount:
    """A historical record as the history page shows it to a reader who may not see accounts: the organisation
    instead of the account, and no link to it."""

    def __init__(self, record, organisatie: str | None):
        self._record = record
        self.history_user = organisatie
        self.history_user_id = None

    def __getattr__(self, naam):
        return getattr(self._record, naam)


class RegisterAdmin(Vertrouwelijk, RolRechten, SimpleHistoryAdmin):
    """Base admin of every domain model."""

    form = RedenForm
    list_select_related = ()

    # --- Confidentiality: every list, filter, search, ordering, lookup, form and history page asks the
    # one policy (register/vertrouwelijkheid.py) what this user may read.

    def _verborgen(self, request) -> frozenset[str]:
        return vertrouwelijkheid.verborgen_velden(request.user, self.model)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude + sorted(self._verborgen(request) - set(exclude))

    def lookup_allowed(self, lookup, value, request=None):
        """Only the query-string lookups this admin offers itself (its list filters and date hierarchy),
        for everyone, and never one on a field the user may not read. Anything else makes the changelist
        raise DisallowedModelAdminLookup: a 400, never a list that depends on the guess."""
        if request is None or self._pad_verborgen(request, lookup):
            return False
        return lookup in self._aangeboden_lookups(request) or self._popup_lookup(lookup, value)

    def _aangeboden_lookups(self, request) -> frozenset[str]:
        cache = request.__dict__.setdefault("_aangeboden_lookups", {})
        if self.model not in cache:
            namen = set()
            for item in self.get_list_filter(request):
                namen.update(self._lijstfilter(request, item).expected_parameters())
            if self.date_hierarchy:
                namen.update(f"{self.date_hierarchy}__{deel}" for deel in ("year", "month", "day"))
            cache[self.model] = frozenset(namen)
        return cache[self.model]

    def _lijstfilter(self, request, item):
        """List filter ``item`` built as the changelist builds it, to ask which parameters it reads."""
        if callable(item) and not isinstance(item, (list, tuple)):
            return item(request, {}, self.model, self)
        veld, klasse = item if isinstance(item, (list, tuple)) else (item, FieldListFilter.create)
        pad = None
        if not isinstance(veld, models.Field):
            pad, veld = veld, get_fields_from_path(self.model, veld)[-1]
        return klasse(veld, request, {}, self.model, self, field_path=pad)

    def _popup_lookup(self, lookup, value) -> bool:
        """The lookups of a ForeignKey's limit_choices_to, which Django's raw-id popups put in the URL."""
        for fk_lookup in self.model._meta.related_fkey_lookups:
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            if (lookup, value) in widgets.url_params_from_lookup_dict(fk_lookup).items():
                return True
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The choices of a relation in a fixed order, ties broken by id: PostgreSQL otherwise returns equal
        keys in storage order, which changes when a row is edited, so an edit of confidential fields only
        would show as two audits trading places."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        queryset = getattr(formfield, "queryset", None)
        if queryset is not None:
            formfield.queryset = queryset.order_by(*(queryset.query.order_by or queryset.model._meta.ordering), "pk")
        return formfield

    def get_queryset(self, request):
        """The records this user may see: one under embargo (register/vertrouwelijkheid.py) is absent for whoever may
        not see it, in the list, its counts, filters and date hierarchy, the change form and the export; asked for
        by id it is answered as a record that does not exist."""
        return vertrouwelijkheid.zonder_embargo(request.user, self.model, super().get_queryset(request))

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        qs = super().get_history_queryset(request, history_manager, pk_name, object_id)
        qs = vertrouwelijkheid.historie_zonder_embargo(request.user, self.model, qs)
        return vertrouwelijkheid.zichtbare_historie(request.user, self.model, qs)

    def history_view(self, request, object_id, extra_context=None):
        """An address that names no record (/admin/…/1/change/history/, a typo) is a 404, not a server error."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("Deze registratie bestaat niet.") from None
        return super().history_view(request, object_id, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        """Who made a change: the account for readers who may see it, otherwise the organisation in whose name it
        was made, as in the change feed (register/vertrouwelijkheid.py ``mag_auteur_zien``)."""
        if "page_obj" in context and not vertrouwelijkheid.mag_auteur_zien(request.user):  # the list, not one version
            pagina = context["page_obj"]
            rollen = domein.rollen_per_gebruiker({r.history_user_id for r in pagina.object_list if r.history_user_id})
            pagina.object_list = [
                _ZonderAccount(r, domein.organisatie_naam(rollen.get(r.history_user_id, frozenset()), self.model))
                for r in pagina.object_list
            ]
        return super().render_history_view(request, template, context, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version that only changed fields the user may not read does not exist for them, nor any version of a
        record under embargo that they may not see."""
        if not self.get_queryset(request).filter(pk=unquote(object_id) if str(object_id).isdigit() else None).exists():
            raise Http404("Deze versie bestaat niet.")
        if self._verborgen(request):
            historie = self.model.history.model
            pk = self.model._meta.pk.attname
            versie = historie.objects.filter(**{pk: unquote(object_id)}, history_id=version_id) if version_id.isdigit() else None
            if versie is None or not vertrouwelijkheid.zichtbare_historie(request.user, self.model, versie).exists():
                raise Http404("Deze versie bestaat niet.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        verborgen = set(self.get_exclude(request, obj))
        if not self.has_change_permission(request, obj):
            verborgen |= {"wijzigingsreden", "laten_vervallen"}
        if obj is None or (self.diensten is not None and not self.diensten.vervallen):
            verborgen.add("laten_vervallen")
            verborgen |= set(FEIT_ALLEEN_LEZEN)  # nothing to show before the record exists
        zichtbaar = [f for f in fields if f not in verborgen]
        # The record's own fields first (Instelling, …), then its source, then bookkeeping and the reason.
        achteraan = [*FEIT_ACHTERAAN, *FEIT_ALLEEN_LEZEN, "wijzigingsreden", "laten_vervallen"]
        return [f for f in zichtbaar if f not in achteraan] + [f for f in achteraan if f in zichtbaar]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and issubclass(self.model, models.Model) and hasattr(self.model, "vervallen"):
            readonly += [f for f in FEIT_ALLEEN_LEZEN if f not in readonly]
        return [f for f in readonly if f not in self._verborgen(request)]

    def message_user(self, request, message, *args, **kwargs):
        """Django's Dutch messages say "De {naam} …" for every model; a het-word gets its own article."""
        naam = str(self.model._meta.verbose_name)
        if naam in HET_WOORDEN and str(message).startswith(f"De {naam} "):
            tekst = "Het" + str(message)[2:]
            message = mark_safe(tekst) if isinstance(message, SafeData) else tekst  # keeps Django's link to the record
        return super().message_user(request, message, *args, **kwargs)

    def save_form(self, request, form, change):
        return form.instance  # the service does the saving in save_model

    # The app's own services of the model (every admin of a domain model names them; tests/test_admin_diensten.py).
    diensten: Diensten | None = None

    def _diensten(self) -> Diensten:
        if self.diensten is None:
            raise ImproperlyConfigured(f"{type(self).__name__} noemt de services van zijn app niet (diensten).")
        return self.diensten

    def save_model(self, request, obj, form, change):
        diensten = self._diensten()
        velden, relaties = _velden_uit_formulier(form)
        reden = (form.cleaned_data.get("wijzigingsreden") or "").strip()
        if change and form.cleaned_data.get("laten_vervallen"):
            laten_vervallen = diensten.functie("laten_vervallen")
            form.instance = laten_vervallen(actor=request.user, reden=reden, **{diensten.naam: obj})
        elif change:
            corrigeren = diensten.functie(diensten.corrigeren_als)
            form.instance = corrigeren(actor=request.user, reden=reden, **{diensten.naam: obj}, **velden, **relaties)
        else:
            form.instance = diensten.functie("registreren")(actor=request.user, reden=reden, **velden, **relaties)

    def save_related(self, request, form, formsets, change):
        if formsets:  # an admin with inlines writes them through its app's services (supervision/admin.py)
            raise ImproperlyConfigured(f"{type(self).__name__} heeft regels eronder maar slaat ze niet op via een service.")

    def changelist_view(self, request, extra_context=None):
        """A filter value no calendar or database can hold (?startdatum__year=99999999999999999999) is a 400."""
        try:
            with transaction.atomic():
                response = super().changelist_view(request, extra_context)
                if hasattr(response, "render"):
                    response.render()  # the date hierarchy queries while rendering
                return response
        except (ValueError, OverflowError, DataError):
            return HttpResponseBadRequest(render_to_string("400.html", {"melding": ONGELDIG_FILTER}))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied as exc:
            messages.error(request, str(exc) or "U mag deze registratie niet wijzigen.")
            raise
        except ValidationError as exc:
            # Only reached when the database refuses what the form accepted (e.g. a concurrent entry).
            messages.error(request, "Niet opgeslagen: " + "; ".join(exc.messages))
            return HttpResponseRedirect(request.get_full_path())

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        verborgen = sorted(self._verborgen(request))
        if not vertrouwelijkheid.reden_zichtbaar(request.user, self.model):
            for record in historical_records:
                record.history_change_reason = REDEN_VERBORGEN
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, excluded_fields=verborgen, foreign_keys_are_objs=foreign_keys_are_objs)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current
