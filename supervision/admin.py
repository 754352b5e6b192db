from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from register.admin_base import Diensten, RegisterAdmin, RolRechten, _velden_uit_formulier, feitdatum
from supervision import services as inspecties
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit


@admin.register(Toezichtbesluit)
class ToezichtbesluitAdmin(RegisterAdmin):
    diensten = Diensten(inspecties, "toezichtbesluit", "besluit")
    list_display = (
        "instelling", "niveau", "door", feitdatum("besluitdatum", "besluitdatum"), feitdatum("ingangsdatum", "ingangsdatum"),
        "voorziene_einddatum", "datumkwaliteit", "vervallen",
    )
    list_filter = ("instelling", "niveau", "door", "datumkwaliteit", "vervallen")
    date_hierarchy = "ingangsdatum"
    list_select_related = ("instelling",)


@admin.register(Handhavingsmaatregel)
class HandhavingsmaatregelAdmin(RegisterAdmin):
    diensten = Diensten(inspecties, "handhavingsmaatregel", "maatregel")
    list_display = ("instelling", "soort", "door", feitdatum("datum", "datum"), "termijn", "datumkwaliteit", "vervallen")
    list_filter = ("instelling", "soort", "door", "datumkwaliteit", "vervallen")
    date_hierarchy = "datum"
    list_select_related = ("instelling",)


class OordeelForm(forms.ModelForm):
    """One row of the oordelen: the theme is fixed per row (shown as the row's heading), the inspecteur picks the
    waarde and writes a toelichting. A row left empty is skipped; every message names the theme."""

    class Meta:
        model = Oordeel
        fields = ("thema", "waarde", "toelichting")
        widgets = {"thema": forms.HiddenInput, "toelichting": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        naam = self.thema_naam
        if "waarde" in self.fields:  # absent for a role that may only view
            self.fields["waarde"].required = False  # an empty row is no oordeel; only a toelichting is an error
            self.fields["waarde"].choices = [("", "— geen oordeel —"), *Oordeel.Waarde.choices]
            self.fields["waarde"].label = f"Oordeel over {naam}"
        if "toelichting" in self.fields:
            self.fields["toelichting"].label = f"Toelichting bij {naam}"

    @property
    def thema_naam(self) -> str:
        thema_id = self.instance.thema_id if self.instance.pk else self.initial.get("thema")
        if self.is_bound:
            thema_id = self.data.get(self.add_prefix("thema"), thema_id)
        thema = Thema.objects.filter(pk=thema_id).first() if str(thema_id or "").isdigit() else None
        return thema.naam if thema else "thema"

    def clean(self):
        cleaned = super().clean()
        if "waarde" in self.fields and not cleaned.get("waarde") and "waarde" not in self.errors:
            self.add_error(
                "waarde", f"{self.thema_naam}: kies een oordeel, of maak de toelichting leeg om dit thema over te slaan."
            )
        return cleaned


class OordeelFormSet(BaseInlineFormSet):
    def clean(self):
        """A theme given twice is refused with its name (Django's own message does not say which theme)."""
        gezien = {}
        for form in self.forms:
            thema = (getattr(form, "cleaned_data", None) or {}).get("thema")
            if thema is None or not form.has_changed() and not form.instance.pk:
                continue
            if thema.pk in gezien:
                fout = f"Het thema '{thema.naam}' komt twee keer voor; geef per thema één oordeel."
                form.add_error(None, fout)
                raise ValidationError(fout)
            gezien[thema.pk] = form
        super().clean()


class OordeelInline(RolRechten, admin.TabularInline):
    """One row per active theme, thema pre-filled (DESIGN.md §3: one oordeel per onderzoek and thema)."""

    model = Oordeel
    form = OordeelForm
    formset = OordeelFormSet
    fields = ("thema", "waarde", "toelichting")
    can_delete = False
    template = "admin/supervision/inspectieonderzoek/oordelen.html"
    verbose_name_plural = "oordelen per thema"

    @staticmethod
    def ontbrekende_themas(obj) -> list[Thema]:
        """The active themes without an oordeel in ``obj`` (all of them for a new onderzoek), in their order."""
        themas = Thema.objects.filter(actief=True).order_by("volgorde", "naam")
        if obj is not None and obj.pk:
            themas = themas.exclude(pk__in=obj.oordelen.values("thema_id"))
        return list(themas)

    def get_extra(self, request, obj=None, **kwargs):
        return len(self.ontbrekende_themas(obj))

    def get_max_num(self, request, obj=None, **kwargs):
        return Thema.objects.count()


@admin.register(Inspectieonderzoek)
class InspectieonderzoekAdmin(RegisterAdmin):
    inlines = [OordeelInline]
    diensten = Diensten(inspecties, "inspectieonderzoek", "onderzoek")

    def save_related(self, request, form, formsets, change):
        """The rows of oordelen that changed, through the inspecties' service (supervision/services.py)."""
        reden = (form.cleaned_data.get("wijzigingsreden") or "").strip()
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            rijen = [f for f in formset.forms if f.has_changed() and f.cleaned_data]
            if not rijen:
                continue
            oordelen = []
            for rij in rijen:
                velden, _ = _velden_uit_formulier(rij)
                thema = rij.instance.thema if rij.instance.pk else velden["thema"]
                oordelen.append({
                    "thema": thema,
                    "waarde": velden.get("waarde", rij.instance.waarde),
                    "toelichting": velden.get("toelichting", rij.instance.toelichting),
                })
            opgeslagen = inspecties.oordelen_vastleggen(actor=request.user, onderzoek=form.instance, oordelen=oordelen, reden=reden)
            for rij, oordeel in zip(rijen, opgeslagen):
                if rij.instance.pk:
                    formset.changed_objects.append((oordeel, rij.changed_data))
                else:
                    formset.new_objects.append(oordeel)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, OordeelInline):
            kwargs["initial"] = [{"thema": thema.pk} for thema in inline.ontbrekende_themas(obj)]
        return kwargs
    list_display = ("titel", "gi_s", "soort", "door", feitdatum("rapportdatum", "rapportdatum"), "datumkwaliteit", "vervallen")
    list_filter = ("instellingen", "soort", "door", "datumkwaliteit", "vervallen")
    date_hierarchy = "rapportdatum"
    search_fields = ("titel", "instellingen__naam", "instellingen__afkorting")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("onderzochte_instellingen__instelling")

    @admin.display(description="instellingen")
    def gi_s(self, obj):
        return ", ".join(sorted(o.instelling.afkorting for o in obj.onderzochte_instellingen.all()))


@admin.register(Thema)
class ThemaAdmin(RegisterAdmin):
    diensten = Diensten(inspecties, "thema", "thema", vervallen=False)
    list_display = ("naam", "code", "volgorde", "actief")
