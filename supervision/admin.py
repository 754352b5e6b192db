from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from register.admin_base import Diensten, RedenForm, RegisterAdmin, RolRechten, _velden_uit_formulier, feitdatum
from register.models import BegrensdeTekst, Instelling
from supervision import services as inspecties
from supervision.models import (
    Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Oorzaken, Thema, Toezichtbesluit,
)


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


class InspectieonderzoekForm(RedenForm):
    """The report with the GI's it concerns (one, or several for an overarching report)."""

    instellingen = forms.ModelMultipleChoiceField(
        queryset=Instelling.objects.order_by("afkorting"),
        label="Instellingen",
        help_text="De instelling(en) waarover het rapport gaat; bij een overkoepelend rapport alle instellingen die "
        "het noemt. Kiest u er meer, dan staat er per instelling een rij per thema voor de oordelen; bij een nieuw "
        "rapport verschijnen die rijen na Opslaan, voordat er iets wordt opgeslagen.",
        error_messages={"required": "Kies ten minste één instelling waarover het rapport gaat."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "instellingen" in self.fields:
            self.initial["instellingen"] = list(
                self.instance.onderzochte_instellingen.values_list("instelling_id", flat=True)
            )

    def clean_instellingen(self):
        gekozen = self.cleaned_data["instellingen"]
        if self.instance.pk:
            weg = set(self.instance.onderzochte_instellingen.values_list("instelling_id", flat=True)) - {i.pk for i in gekozen}
            met_oordeel = sorted(
                self.instance.oordelen.filter(instelling_id__in=weg).values_list("instelling__afkorting", flat=True).distinct()
            )
            if met_oordeel:
                raise ValidationError(
                    f"{', '.join(met_oordeel)} heeft oordelen in dit onderzoek en kan er niet uit worden gehaald; "
                    "corrigeer eerst die oordelen of laat het onderzoek vervallen."
                )
        return gekozen


class OordeelForm(forms.ModelForm):
    """One cell row of the grid of oordelen: the GI and the theme are fixed per row (shown as the row's heading), the
    inspecteur picks the waarde and the oorzaken and writes a toelichting. A row left empty is skipped; every message
    names the GI and the theme."""

    class Meta:
        model = Oordeel
        fields = ("instelling", "thema", "waarde", "toelichting", "oorzaken")
        widgets = {
            "instelling": forms.HiddenInput,
            "thema": forms.HiddenInput,
            "toelichting": forms.Textarea(attrs={"rows": 2, "cols": 50}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "instelling" in self.fields:
            self.fields["instelling"].required = False  # a new report on one GI: that GI
        naam, gi = self.thema_naam, self.gi_afkorting
        voor = f" voor {gi}" if gi else ""
        if "waarde" in self.fields:  # absent for a role that may only view
            self.fields["waarde"].required = False  # an empty row is no oordeel; only a toelichting is an error
            self.fields["waarde"].choices = [("", "— geen oordeel —"), *Oordeel.Waarde.choices]
            self.fields["waarde"].label = f"Oordeel over {naam}{voor}"
        if "toelichting" in self.fields:
            self.fields["toelichting"].label = f"Toelichting bij {naam}{voor}"
        if "oorzaken" in self.fields:
            self.fields["oorzaken"].required = False
            self.fields["oorzaken"].label = f"Oorzaken bij {naam}{voor}"

    def _waarde_van(self, veld: str):
        waarde = getattr(self.instance, f"{veld}_id") if self.instance.pk else self.initial.get(veld)
        if self.is_bound:
            waarde = self.data.get(self.add_prefix(veld), waarde)
        return getattr(waarde, "pk", waarde)

    @property
    def thema_naam(self) -> str:
        thema_id = self._waarde_van("thema")
        thema = _themas().get(int(thema_id)) if str(thema_id or "").isdigit() else None
        return thema.naam if thema else "thema"

    @property
    def gi_afkorting(self) -> str:
        instelling_id = self._waarde_van("instelling")
        gi = Instelling.objects.filter(pk=instelling_id).first() if str(instelling_id or "").isdigit() else None
        return gi.afkorting if gi else ""

    @property
    def kop(self) -> str:
        return f"{self.gi_afkorting}: {self.thema_naam}" if self.gi_afkorting else self.thema_naam

    def clean(self):
        cleaned = super().clean()
        if "waarde" in self.fields and not cleaned.get("waarde") and "waarde" not in self.errors:
            over = f"{self.gi_afkorting}, {self.thema_naam}" if self.gi_afkorting else self.thema_naam
            if (cleaned.get("oorzaken") or Oorzaken.ONBEKEND) != Oorzaken.ONBEKEND and not cleaned.get("toelichting"):
                self.add_error("waarde", f"{over}: kies een oordeel, of zet de oorzaken terug op onbekend om dit thema over te slaan.")
            else:
                self.add_error("waarde", f"{over}: kies een oordeel, of maak de toelichting leeg om dit thema over te slaan.")
        if "oorzaken" in self.fields and not cleaned.get("oorzaken"):
            cleaned["oorzaken"] = Oorzaken.ONBEKEND
        return cleaned

    def has_changed(self):
        """A row whose oorzaken only shows its default (onbekend) and nothing else is still an empty row."""
        gewijzigd = set(self.changed_data)
        if not self.instance.pk and self.data.get(self.add_prefix("oorzaken")) in (None, "", Oorzaken.ONBEKEND):
            gewijzigd.discard("oorzaken")
        return bool(gewijzigd - {"instelling", "thema"}) or bool(self.instance.pk and gewijzigd)


def _themas() -> dict[int, Thema]:
    return {t.pk: t for t in Thema.objects.all()}


AANGEVULD = (
    "U koos meer instellingen. Hieronder staat nu per instelling een rij per thema: vul de oordelen uit het rapport in "
    "(een thema waarover het rapport voor een instelling geen oordeel geeft, laat u leeg) en sla opnieuw op. Er is nog "
    "niets opgeslagen; wat u al invulde, staat er nog."
)


class OordeelFormSet(BaseInlineFormSet):
    def __init__(self, *args, aangevuld: bool = False, **kwargs):
        # True: the rows of the chosen GI's were added to what was posted (InspectieonderzoekAdmin.get_formset_kwargs);
        # the form is shown again with them, nothing is saved
        self.aangevuld = aangevuld
        super().__init__(*args, **kwargs)

    def clean(self):
        """A (GI, theme) given twice is refused with their names (Django's own message does not say which); on a new
        report an oordeel without a GI needs a report on exactly one GI, and an oordeel for a GI needs that GI among
        the chosen ones. Rows just added for the chosen GI's: shown first, with what to do (nothing is saved)."""
        if self.aangevuld:
            raise ValidationError(AANGEVULD)
        gezien = {}
        gekozen = [w for w in self.data.getlist("instellingen") if str(w).isdigit()] if hasattr(self.data, "getlist") else []
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None) or {}
            thema = cleaned.get("thema")
            if thema is None or not form.has_changed() and not form.instance.pk:
                continue
            instelling = cleaned.get("instelling")
            if instelling is None and len(gekozen) > 1 and cleaned.get("waarde"):
                fout = (f"{thema.naam}: dit rapport gaat over meer instellingen; bij welke hoort dit oordeel? Zet het in "
                        "de rij van die instelling en maak deze rij leeg.")
                form.add_error("waarde", fout)
                continue
            if instelling is not None and not form.instance.pk and gekozen and str(instelling.pk) not in gekozen:
                form.add_error("waarde", f"{instelling.afkorting}, {thema.naam}: {instelling.afkorting} staat niet bij "
                               "Instellingen. Kies haar daar erbij, of maak deze rij leeg.")
                continue
            sleutel = (getattr(instelling, "pk", None), thema.pk)
            if sleutel in gezien:
                over = f"'{thema.naam}'" + (f" voor {instelling.afkorting}" if instelling else "")
                fout = f"Het thema {over} komt twee keer voor; geef per instelling en thema één oordeel."
                form.add_error(None, fout)
                raise ValidationError(fout)
            gezien[sleutel] = form
        super().clean()


class OordeelInline(RolRechten, admin.TabularInline):
    """The grid of oordelen: one row per GI of the report and active theme (DESIGN.md §3: one oordeel per onderzoek,
    GI and thema); a new report: one row per theme, for its GI."""

    model = Oordeel
    form = OordeelForm
    formset = OordeelFormSet
    fields = ("instelling", "thema", "waarde", "toelichting", "oorzaken")
    can_delete = False
    template = "admin/supervision/inspectieonderzoek/oordelen.html"
    verbose_name_plural = "oordelen per instelling en thema"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("instelling", "thema").order_by(
            "instelling__afkorting", "thema__volgorde", "thema__naam"
        )

    @staticmethod
    def ontbrekende_rijen(obj) -> list[tuple[Instelling | None, Thema]]:
        """The (GI, active theme) pairs without an oordeel in ``obj``, GI by GI in theme order; a new report: the
        active themes, without a GI."""
        themas = list(Thema.objects.filter(actief=True).order_by("volgorde", "naam"))
        if obj is None or not obj.pk:
            return [(None, t) for t in themas]
        bestaand = set(obj.oordelen.values_list("instelling_id", "thema_id"))
        gi_s = [k.instelling for k in obj.onderzochte_instellingen.select_related("instelling").order_by("instelling__afkorting")]
        return [(gi, t) for gi in gi_s for t in themas if (gi.pk, t.pk) not in bestaand]

    def get_extra(self, request, obj=None, **kwargs):
        return len(self.ontbrekende_rijen(obj))

    def get_max_num(self, request, obj=None, **kwargs):
        if obj is not None and obj.pk:
            gi_s = obj.onderzochte_instellingen.count()
        else:  # a new report: the GI's chosen so far
            gi_s = len(gekozen_instellingen(request))
        return Thema.objects.count() * max(gi_s, 1)

    @staticmethod
    def aangevulde_rijen(request, prefix: str) -> dict | None:
        """The posted data of a new report whose grid has no rows yet for some of the chosen GI's (two or more): the
        same data with a row per chosen GI and active theme, each keeping what was typed in the row of that GI and
        theme, after the rows with input that belong to no chosen GI (kept, with their input, for the user to move).
        None when the grid already has a row for every chosen GI. Works without JavaScript: the form is shown again
        with these rows, and nothing is saved (``OordeelFormSet.aangevuld``)."""
        gekozen = gekozen_instellingen(request)
        if len(gekozen) < 2:
            return None
        data = request.POST
        try:
            totaal = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
        except ValueError:
            return None  # a damaged management form: Django's own message
        velden = ("waarde", "toelichting", "oorzaken")
        gepost = []
        for i in range(totaal):
            rij = {veld: data.get(f"{prefix}-{i}-{veld}", "") for veld in ("instelling", "thema", *velden)}
            gepost.append(rij)
        if {str(gi.pk) for gi in gekozen} <= {r["instelling"] for r in gepost}:
            return None
        themas = list(Thema.objects.filter(actief=True).order_by("volgorde", "naam"))
        per_sleutel = {(r["instelling"], r["thema"]): r for r in gepost}
        gekozen_ids = {str(gi.pk) for gi in gekozen}

        def ingevuld(rij) -> bool:
            return bool(rij["waarde"] or rij["toelichting"].strip() or rij["oorzaken"] not in ("", Oorzaken.ONBEKEND))

        rijen = [r for r in gepost if r["instelling"] not in gekozen_ids and ingevuld(r)]
        for gi in gekozen:
            for thema in themas:
                rijen.append(per_sleutel.get((str(gi.pk), str(thema.pk)))
                             or {"instelling": str(gi.pk), "thema": str(thema.pk), "waarde": "", "toelichting": "",
                                 "oorzaken": Oorzaken.ONBEKEND})
        nieuw = data.copy()
        for sleutel in [k for k in nieuw if k.startswith(f"{prefix}-") and k.split("-")[1].isdigit()]:
            del nieuw[sleutel]
        nieuw[f"{prefix}-TOTAL_FORMS"] = str(len(rijen))
        nieuw[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, rij in enumerate(rijen):
            for veld, waarde in rij.items():
                nieuw[f"{prefix}-{i}-{veld}"] = waarde
        return nieuw


def gekozen_instellingen(request) -> list[Instelling]:
    """The GI's chosen in the field Instellingen of a posted report form, by afkorting (none for a GET)."""
    if request is None or request.method != "POST":
        return []
    ids = [w for w in request.POST.getlist("instellingen") if str(w).isdigit()]
    return list(Instelling.objects.filter(pk__in=ids).order_by("afkorting")) if ids else []


class ZienswijzeInline(RolRechten, admin.TabularInline):
    """The zienswijze of each GI of the report, as published with it (the GI's themselves are chosen above)."""

    model = OnderzochteInstelling
    fields = ("instelling", "zienswijze", "zienswijze_bron")
    readonly_fields = ("instelling",)
    extra = 0
    can_delete = False
    verbose_name = "zienswijze van een instelling"
    verbose_name_plural = "zienswijze per instelling (zoals met het rapport gepubliceerd)"
    formfield_overrides = {BegrensdeTekst: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}

    def has_add_permission(self, request, obj=None):
        return False  # a GI is added to the report with the field Instellingen

    def get_formset(self, request, obj=None, **kwargs):
        """Each row's fields named with their GI ("Zienswijze van JBN"): a table cell has no label of its own."""
        formset = super().get_formset(request, obj, **kwargs)

        class MetLabels(formset.form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                gi = getattr(self.instance, "instelling", None) if self.instance.instelling_id else None
                naam = gi.afkorting if gi is not None else "de instelling"
                for veld, tekst in (("zienswijze", "Zienswijze van"), ("zienswijze_bron", "Bron van de zienswijze van")):
                    if veld in self.fields:
                        self.fields[veld].widget.attrs["aria-label"] = f"{tekst} {naam}"

        formset.form = MetLabels
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("instelling").order_by("instelling__afkorting")


@admin.register(Inspectieonderzoek)
class InspectieonderzoekAdmin(RegisterAdmin):
    form = InspectieonderzoekForm
    inlines = [ZienswijzeInline, OordeelInline]
    diensten = Diensten(inspecties, "inspectieonderzoek", "onderzoek")

    def get_inline_instances(self, request, obj=None):
        # A new report has no GI's yet to give a zienswijze for.
        return [i for i in super().get_inline_instances(request, obj) if obj is not None or not isinstance(i, ZienswijzeInline)]

    def get_fields(self, request, obj=None):
        velden = list(super().get_fields(request, obj))
        return ["instellingen", *(f for f in velden if f != "instellingen")] if "instellingen" in velden else velden

    def save_related(self, request, form, formsets, change):
        """The zienswijzen and the oordelen that changed, through the inspecties' service (supervision/services.py)."""
        reden = (form.cleaned_data.get("wijzigingsreden") or "").strip()
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            rijen = [f for f in formset.forms if f.has_changed() and f.cleaned_data]
            if not rijen:
                continue
            if formset.model is OnderzochteInstelling:
                gegevens = [
                    {"instelling": rij.instance.instelling, **{k: rij.cleaned_data[k] for k in ("zienswijze", "zienswijze_bron") if k in rij.cleaned_data}}
                    for rij in rijen
                ]
                opgeslagen = inspecties.onderzochte_instellingen_vastleggen(
                    actor=request.user, onderzoek=form.instance, instellingen=gegevens, reden=reden, alleen_toevoegen=True
                )
                formset.changed_objects = [(k, rij.changed_data) for rij, k in zip(rijen, opgeslagen)]
                continue
            oordelen = []
            for rij in rijen:
                velden, _ = _velden_uit_formulier(rij)
                thema = rij.instance.thema if rij.instance.pk else velden["thema"]
                instelling = rij.instance.instelling if rij.instance.pk else velden.get("instelling")
                oordelen.append({
                    "thema": thema,
                    **({"instelling": instelling} if instelling is not None else {}),
                    "waarde": velden.get("waarde", rij.instance.waarde),
                    "toelichting": velden.get("toelichting", rij.instance.toelichting),
                    "oorzaken": velden.get("oorzaken", rij.instance.oorzaken),
                })
            opgeslagen = inspecties.oordelen_vastleggen(actor=request.user, onderzoek=form.instance, oordelen=oordelen, reden=reden)
            for rij, oordeel in zip(rijen, opgeslagen):
                if rij.instance.pk:
                    formset.changed_objects.append((oordeel, rij.changed_data))
                else:
                    formset.new_objects.append(oordeel)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, OordeelInline) and request.method == "POST" and (obj is None or not obj.pk):
            aangevuld = inline.aangevulde_rijen(request, prefix)
            if aangevuld is not None:
                kwargs.update(data=aangevuld, aangevuld=True)
        if isinstance(inline, OordeelInline):
            kwargs["initial"] = [
                {"thema": thema.pk, **({"instelling": gi.pk} if gi is not None else {})}
                for gi, thema in inline.ontbrekende_rijen(obj)
            ]
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
