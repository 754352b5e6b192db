from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from certification import services as kmi
from certification.models import Audit, Certificaatbesluit, audits_van_andere_instelling
from register.admin_base import Diensten, RedenForm, RegisterAdmin, feitdatum
from register.models import Instelling

# Confidential fields (register/vertrouwelijkheid.py) are dropped from every list, filter, search and
# form below for users who may not read them; readers also see and search the rapportkenmerk.


@admin.register(Audit)
class AuditAdmin(RegisterAdmin):
    diensten = Diensten(kmi, "audit", "audit")
    list_display = (
        "instelling", "soort", feitdatum("startdatum", "startdatum"), feitdatum("einddatum", "einddatum"), "aantal_kritische_afwijkingen", "aantal_afwijkingen",
        "rapportkenmerk", "vervallen",
    )
    list_filter = ("instelling", "soort", "datumkwaliteit", "vervallen")
    date_hierarchy = "startdatum"
    list_select_related = ("instelling",)
    search_fields = ("instelling__naam", "instelling__afkorting", "rapportkenmerk")


class CertificaatbesluitForm(RedenForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "afweging_herkomst" in self.fields:  # left out of a post, the herkomst is the model's default (KMI)
            self.fields["afweging_herkomst"].required = False

    def clean_afweging_herkomst(self):
        return self.cleaned_data.get("afweging_herkomst") or Certificaatbesluit.AfwegingHerkomst.KMI

    def clean(self):
        """The rules of the KMI's services (certification/services.py) asked while the form is still open, so their
        messages come back beside the field with everything typed: the audits belong to the besluit's GI, and a
        besluit under aanleiding has an afweging (the message names the aanleiding)."""
        cleaned = super().clean()
        besluit = self.instance
        if cleaned.get("laten_vervallen") or besluit.vervallen:
            return cleaned
        instelling = cleaned.get("instelling")
        if instelling is not None and "audits" in cleaned:
            melding = audits_van_andere_instelling(instelling.pk, cleaned["audits"])
            if melding:
                self.add_error("audits", melding)
        fout = kmi.afwegingsfout(
            instelling=instelling,
            status=cleaned.get("status", besluit.status),
            besluitdatum=cleaned.get("besluitdatum", besluit.besluitdatum),
            afweging=cleaned.get("afweging", besluit.afweging),
            afweging_herkomst=cleaned.get("afweging_herkomst", besluit.afweging_herkomst),
            afweging_vertrouwelijk=cleaned.get("afweging_vertrouwelijk", besluit.afweging_vertrouwelijk),
            ingangsdatum=cleaned.get("ingangsdatum", besluit.ingangsdatum),
            besluit_id=besluit.pk,
        )
        if fout is not None and "afweging" in self.fields:
            self.add_error("afweging", fout.error_dict["afweging"])
        return cleaned


@admin.register(Certificaatbesluit)
class CertificaatbesluitAdmin(RegisterAdmin):
    diensten = Diensten(kmi, "certificaatbesluit", "besluit")
    form = CertificaatbesluitForm
    list_display = (
        "instelling", "status", feitdatum("besluitdatum", "besluitdatum"), feitdatum("ingangsdatum", "ingangsdatum"),
        "geldig_tot", "geldig_tot_onbekend", "datumkwaliteit", "vervallen",
    )
    list_filter = ("instelling", "status", "datumkwaliteit", "geldig_tot_onbekend", "vervallen")
    date_hierarchy = "ingangsdatum"
    list_select_related = ("instelling",)
    search_fields = ("instelling__naam", "instelling__afkorting", "kenmerk")

    # --- The audit picker offers only the audits of the besluit's GI, so adding asks for the GI first.

    # The checkboxes offered are those of the GI the page was built for (the besluit's own GI, or the one chosen in
    # the first step, kept in the address). On adding, that choice is fixed: a GI changed in the form afterwards
    # would keep the other GI's audits on screen and answer with an internal id ("4 is geen beschikbare keuze").
    @staticmethod
    def _gekozen_instelling(request):
        waarde = request.GET.get("instelling")
        return int(waarde) if str(waarde or "").isdigit() else None

    @classmethod
    def _instelling_id(cls, request, obj):
        if obj is not None:
            return obj.instelling_id
        gekozen = cls._gekozen_instelling(request)
        if gekozen is not None:
            return gekozen
        waarde = request.POST.get("instelling")
        return int(waarde) if str(waarde or "").isdigit() else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._besluit_instelling_id = self._instelling_id(request, obj)
        request._besluit_id = getattr(obj, "pk", None)
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None and self._gekozen_instelling(request) is not None and "instelling" in form.base_fields:
            veld = form.base_fields["instelling"]
            veld.disabled = True  # a disabled field takes its value from its initial, never from the post
            veld.initial = self._gekozen_instelling(request)
            veld.help_text = format_html(
                'Gekozen in de eerste stap. Een andere instelling? <a href="{}">Kies de instelling opnieuw</a> '
                "(wat u hier typte gaat dan verloren).",
                reverse("admin:certification_certificaatbesluit_add"),
            )
        if "audits" in form.base_fields:
            form.base_fields["audits"].error_messages.update({
                "invalid_choice": "Een gekozen audit hoort niet bij de instelling van dit besluit. "
                                  "Kies de audits opnieuw uit de lijst.",
                "invalid_pk_value": "Een gekozen audit bestaat niet (meer). Kies de audits opnieuw uit de lijst.",
            })
        return form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "audits":
            instelling_id = getattr(request, "_besluit_instelling_id", None)
            gekoppeld = Q(certificaatbesluiten=request._besluit_id) if getattr(request, "_besluit_id", None) else Q()
            kwargs["queryset"] = (
                Audit.objects.filter(Q(vervallen=False) | gekoppeld, instelling_id=instelling_id).distinct()
                if instelling_id is not None else Audit.objects.none()
            ).select_related("instelling").order_by("startdatum", "pk")
            kwargs["widget"] = forms.CheckboxSelectMultiple  # no mouse-only "hold down Control" help
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def add_view(self, request, form_url="", extra_context=None):
        if request.method == "GET" and "instelling" not in request.GET:
            if not self.has_add_permission(request):
                raise PermissionDenied
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Certificaatbesluit toevoegen: kies de instelling",
                "instellingen": Instelling.objects.filter(vervallen=False).order_by("naam"),
            }
            return TemplateResponse(request, "admin/certification/certificaatbesluit/kies_instelling.html", context)
        return super().add_view(request, form_url, extra_context)
