"""Shared admin behaviour: every save goes through the services, with a reason; nothing is deleted;
confidential fields are hidden from roles that may not read them, in forms and in the history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, models, transaction
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from simple_history.admin import SimpleHistoryAdmin

from register import roles
from register.services import corrigeren, laten_vervallen, registreren

FEIT_ALLEEN_LEZEN = ("vervallen", "vervalreden", "aangemaakt_op", "gewijzigd_op")
ONGELDIG_FILTER = (
    "Een filter in het adres heeft een waarde die niet kan bestaan, zoals een jaartal of dag buiten de kalender. "
    "Kies het filter opnieuw in de lijst."
)


class RedenForm(forms.ModelForm):
    wijzigingsreden = forms.CharField(
        label="Reden van deze wijziging",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Verplicht bij een correctie of bij laten vervallen; wordt in de historie bewaard.",
    )
    laten_vervallen = forms.BooleanField(
        label="Deze registratie laten vervallen",
        required=False,
        help_text="Voor een onjuiste registratie. Ze blijft zichtbaar in de historie maar telt niet meer mee.",
    )

    def clean(self):
        cleaned = super().clean()
        wijziging = self.instance.pk is not None
        if wijziging and not (cleaned.get("wijzigingsreden") or "").strip():
            self.add_error("wijzigingsreden", "Geef een reden op voor deze wijziging; die wordt in de historie bewaard.")
        return cleaned


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


class RegisterAdmin(SimpleHistoryAdmin):
    """Base admin of every domain model."""

    form = RedenForm
    vertrouwelijke_velden: tuple[str, ...] = ()
    list_select_related = ()

    def _mag_vertrouwelijk(self, request) -> bool:
        return roles.mag_vertrouwelijk_lezen(request.user)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not self._mag_vertrouwelijk(request):
            exclude += list(self.vertrouwelijke_velden)
        return exclude

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        verborgen = set(self.get_exclude(request, obj))
        if not self.has_change_permission(request, obj):
            verborgen |= {"wijzigingsreden", "laten_vervallen"}
        if obj is None:
            verborgen.add("laten_vervallen")
        return [f for f in fields if f not in verborgen]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, models.Model) and hasattr(self.model, "vervallen"):
            readonly += [f for f in FEIT_ALLEEN_LEZEN if f not in readonly]
        return readonly

    def has_delete_permission(self, request, obj=None):
        return False  # nobody hard-deletes a record; it is corrected or declared void

    def save_form(self, request, form, change):
        return form.instance  # the service does the saving in save_model

    def save_model(self, request, obj, form, change):
        velden, relaties = _velden_uit_formulier(form)
        reden = (form.cleaned_data.get("wijzigingsreden") or "").strip()
        if change and form.cleaned_data.get("laten_vervallen"):
            form.instance = laten_vervallen(obj, actor=request.user, reden=reden)
        elif change:
            form.instance = corrigeren(obj, actor=request.user, velden=velden, reden=reden, m2m=relaties)
        else:
            form.instance = registreren(type(obj), actor=request.user, velden=velden, reden=reden, m2m=relaties)

    def save_related(self, request, form, formsets, change):
        reden = (form.cleaned_data.get("wijzigingsreden") or "").strip()
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for inline_form in formset.forms:
                if not inline_form.has_changed() or not inline_form.cleaned_data:
                    continue
                velden, _ = _velden_uit_formulier(inline_form)
                velden.pop(formset.fk.name, None)
                if inline_form.instance.pk:
                    obj = corrigeren(inline_form.instance, actor=request.user, velden=velden, reden=reden or "Gecorrigeerd")
                    formset.changed_objects.append((obj, inline_form.changed_data))
                else:
                    velden[formset.fk.name] = form.instance
                    obj = registreren(type(inline_form.instance), actor=request.user, velden=velden, reden=reden)
                    formset.new_objects.append(obj)

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
        verborgen = [] if self._mag_vertrouwelijk(request) else list(self.vertrouwelijke_velden)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, excluded_fields=verborgen, foreign_keys_are_objs=foreign_keys_are_objs)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current
