"""The admin of vroegsignalering: the meldingen (read-only), the page "Open signalen" with the reacties given so far
and a button to record one (wederhoor's own add form, prefilled), "Mijn meldingen" where a user of the four roles
(kmi, inspectie, rva, ministerie) turns the e-mail off or on, and the preferences of everyone for functional admin.
Each reader sees the meldingen of their variant: the ministerie those from the public facts only."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from register import domein, klok, vertrouwelijkheid
from register.admin_base import AlleenInzien, VoorBeheer
from register.models import Instelling
from signalen import regels
from vroegsignalering import selectors, services
from vroegsignalering.models import OPENBAAR, Embargomelding, Meldingsvoorkeur, OpenSignaal, Signaalmelding
from wederhoor import selectors as wederhoor_selectors
from wederhoor.models import Reactie


class AlleenLezen(AlleenInzien):
    """Meldingen are read by the toezichthouders, the ministerie and functional admin, each those of their variant;
    nobody adds, changes or deletes one."""

    def mag_inzien(self, user) -> bool:
        return selectors.mag_meldingen_lezen(user)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(variant=selectors.variant_voor(request.user))


@admin.register(Signaalmelding)
class SignaalmeldingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("aangemaakt_op", "instelling", "jaar", "titel", "ernst", "soort")
    list_filter = ("jaar", "soort", "ernst", "signaalcode", "instelling")
    list_select_related = ("instelling",)
    fields = ("instelling", "jaar", "signaalcode", "ernst", "soort", "perioden", "uitleg", "aangemaakt_op")
    readonly_fields = fields

    @admin.display(description="signaal")
    def titel(self, obj):
        return obj.titel


@admin.register(Embargomelding)
class EmbargomeldingAdmin(AlleenInzien, admin.ModelAdmin):
    """The reports under embargo told in advance (DESIGN.md §3): read by those who may see such a report before its
    rapportdatum (register/vertrouwelijkheid.py ``ziet_embargo``) and by nobody else, not even after that day (the
    melding says who was told in advance, which is theirs)."""

    list_display = ("aangemaakt_op", "titel", "soort", "rapportdatum", "onderzoek")
    list_filter = ("soort",)
    list_select_related = ("onderzoek",)
    fields = ("onderzoek", "titel", "soort", "rapportdatum", "aangemaakt_op")
    readonly_fields = fields

    def mag_inzien(self, user) -> bool:
        return vertrouwelijkheid.ziet_embargo(user)


class VoorkeurForm(forms.Form):
    email_ontvangen = Meldingsvoorkeur._meta.get_field("email_ontvangen").formfield()


@admin.register(OpenSignaal)
class OpenSignaalAdmin(AlleenLezen, admin.ModelAdmin):
    """Not a list of records but the signals open now (vroegsignalering.selectors.open_signalen)."""

    def get_urls(self):
        return [
            path("mijn-meldingen/", self.admin_site.admin_view(self.mijn_meldingen), name="vroegsignalering_mijn_meldingen"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        variant = selectors.variant_voor(request.user)
        mag_reageren = domein.mag_schrijven(request.user, Reactie)
        organisatie = domein.organisatie_van(request.user, Reactie)
        rijen = []
        for signaal in selectors.open_signalen(variant):
            m = signaal.melding
            eigen = next((r for r in signaal.reacties if r.organisatie == organisatie), None)
            actie = None
            if mag_reageren and eigen is not None:
                actie = ("Reactie corrigeren", reverse("admin:wederhoor_reactie_change", args=[eigen.id]))
            elif mag_reageren:
                query = urlencode({"instelling": m.instelling_id, "jaar": m.jaar, "signaalcode": m.signaalcode})
                actie = ("Reactie vastleggen", f"{reverse('admin:wederhoor_reactie_add')}?{query}")
            rijen.append({"signaal": signaal, "melding": m, "actie": actie})
        # The reacties whose signal no longer stands (it disappeared after a correction): kept, and said so here.
        reacties = wederhoor_selectors.reacties_op(klok.vandaag())
        bestaat = wederhoor_selectors.signaal_bestaat_nog(reacties, openbaar=variant == OPENBAAR)
        vervallen_signalen = [r for r in reacties if not bestaat.get(r.id, True)]
        namen = dict(Instelling.objects.filter(pk__in={r.instelling_id for r in vervallen_signalen}).values_list("pk", "afkorting"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Open signalen",
            "opts": self.opts,
            "rijen": rijen,
            "zonder_signaal": [{"reactie": r, "afkorting": namen.get(r.instelling_id, ""),
                                "titel": regels.DEFINITIE[r.signaalcode].titel if r.signaalcode in regels.DEFINITIE else r.signaalcode}
                               for r in vervallen_signalen],
            "ontvanger": selectors.mag_meldingen_ontvangen(request.user),
            "openbaar": variant == OPENBAAR,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/vroegsignalering/open_signalen.html", context)

    def mijn_meldingen(self, request):
        """A user of the four roles turns the e-mail of signaalmeldingen (and the weekly overview) off or on for
        themself; the link in every melding e-mail leads here. Without a preference the e-mail is on."""
        if not selectors.mag_meldingen_ontvangen(request.user):
            raise PermissionDenied
        form = VoorkeurForm(request.POST if request.method == "POST" else None,
                            initial={"email_ontvangen": selectors.email_aan(request.user)})
        if request.method == "POST" and form.is_valid():
            aan = form.cleaned_data["email_ontvangen"]
            try:
                services.meldingsvoorkeur_instellen(actor=request.user, gebruiker=request.user, email_ontvangen=aan)
            except ValidationError as exc:
                for fout in exc.message_dict.get("email_ontvangen", exc.messages):
                    form.add_error("email_ontvangen", fout)
            else:
                messages.success(request, "U ontvangt signaalmeldingen per e-mail." if aan else
                                 "U ontvangt geen signaalmeldingen meer per e-mail.")
                return HttpResponseRedirect(reverse("admin:vroegsignalering_mijn_meldingen"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Mijn meldingen",
            "opts": self.opts,
            "form": form,
            "email": request.user.email,
        }
        return TemplateResponse(request, "admin/vroegsignalering/mijn_meldingen.html", context,
                                status=400 if form.errors else 200)


class MeldingsvoorkeurForm(forms.ModelForm):
    actor = None  # set per request by the admin

    class Meta:
        model = Meldingsvoorkeur
        fields = ("gebruiker", "email_ontvangen")

    def clean(self):
        cleaned = super().clean()
        gebruiker = cleaned.get("gebruiker") or getattr(self.instance, "gebruiker", None)
        if gebruiker is not None and not self.errors:
            try:
                services.meldingsvoorkeur_controleren(
                    actor=self.actor, gebruiker=gebruiker, email_ontvangen=cleaned.get("email_ontvangen", False)
                )
            except ValidationError as exc:
                for fout in exc.message_dict.get("email_ontvangen", exc.messages):
                    self.add_error("email_ontvangen", fout)
        return cleaned


@admin.register(Meldingsvoorkeur)
class MeldingsvoorkeurAdmin(VoorBeheer, admin.ModelAdmin):
    """Functional admin sets anyone's preference; a user of the four roles sets their own under "Mijn meldingen"."""

    form = MeldingsvoorkeurForm
    list_display = ("gebruiker", "email", "email_ontvangen")
    list_filter = ("email_ontvangen",)
    list_select_related = ("gebruiker",)

    @admin.display(description="e-mailadres")
    def email(self, obj):
        return obj.gebruiker.email or "—"

    def get_readonly_fields(self, request, obj=None):
        return ("gebruiker",) if obj is not None else ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulier = super().get_form(request, obj, change, **kwargs)
        return type("MeldingsvoorkeurForm", (formulier,), {"actor": request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gebruiker":
            kwargs["queryset"] = get_user_model().objects.filter(
                is_active=True, groups__name__in=selectors.ONTVANGERS
            ).distinct().order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        voorkeur = services.meldingsvoorkeur_instellen(
            actor=request.user, gebruiker=obj.gebruiker, email_ontvangen=form.cleaned_data["email_ontvangen"]
        )
        obj.pk = voorkeur.pk
