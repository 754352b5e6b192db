from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from register import domein
from register.admin_base import Diensten, RegisterAdmin
from register.models import Instelling
from signalen import regels
from wederhoor import selectors, services
from wederhoor.models import Beleidsreactie, Reactie


# The date-quality fields a domain record carries (datum bij benadering, a datumkwaliteit): a reactie has no date of
# its own, so its forms offer none of them.
def _datumkwaliteit_velden(model) -> list[str]:
    return [
        f.name for f in model._meta.concrete_fields
        if "datum" in f.name and f.get_internal_type() not in {"DateField", "DateTimeField"}
    ]


def _geheel(waarde):
    try:
        return int(waarde)
    except (TypeError, ValueError):
        return None


@admin.register(Reactie)
class ReactieAdmin(RegisterAdmin):
    """The KMI, the inspecties and the ministerie each add and correct only their own organisation's reacties
    (register/domein.py); everyone with a role reads them. The organisation follows from the writer's role and is
    shown, never typed. The form shows the signal it answers; a reactie on a signal that does not exist is refused
    (wederhoor/services.py); after saving, the writer returns to Open signalen."""

    diensten = Diensten(services, "reactie", "reactie")

    list_display = ("instelling", "jaar", "signaalcode", "organisatie", "vervallen")
    list_filter = ("instelling", "jaar", "signaalcode", "organisatie", "vervallen")
    list_select_related = ("instelling",)
    search_fields = ("instelling__naam", "instelling__afkorting", "tekst")

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude + [naam for naam in _datumkwaliteit_velden(self.model) if naam not in exclude]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + ["organisatie"] if obj is not None else readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        """A new reactie is judged with the organisation the service will give it (the writer's role), so a second
        reactie of the same organisation comes back with the form and everything typed; and on the signal it
        answers (wederhoor/services.py), so a reactie on a signal that does not exist comes back with the reason."""
        formulier = super().get_form(request, obj, change, **kwargs)
        organisatie = domein.organisatie_van(request.user, Reactie)
        actor = request.user

        class ReactieForm(formulier):
            def clean(self):
                cleaned = super().clean()
                sleutel = (cleaned.get("instelling"), cleaned.get("jaar"), cleaned.get("signaalcode"))
                if None in sleutel:
                    return cleaned
                oud = None if self.instance._state.adding else (
                    self.instance.instelling_id, self.instance.jaar, self.instance.signaalcode)
                if oud != (sleutel[0].pk, sleutel[1], sleutel[2]):
                    try:
                        services.signaal_controleren(
                            actor=actor, instelling=sleutel[0], jaar=sleutel[1], signaalcode=sleutel[2])
                    except ValidationError as exc:
                        for fout in exc.message_dict.get("signaalcode", exc.messages):
                            self.add_error("signaalcode", fout)
                return cleaned

            def _post_clean(self):
                if self.instance._state.adding and organisatie:
                    self.instance.organisatie = organisatie
                super()._post_clean()

        return ReactieForm

    def _signaal_tekst(self, request, obj) -> dict | None:
        """The signal the reactie answers, as it stands now in the writer's variant: from the record, the form's
        data or the query string Open signalen links with."""
        bron = request.POST if request.method == "POST" else request.GET
        gi_id = obj.instelling_id if obj else _geheel(bron.get("instelling"))
        jaar = obj.jaar if obj else _geheel(bron.get("jaar"))
        code = obj.signaalcode if obj else bron.get("signaalcode")
        if gi_id is None or jaar is None or code not in regels.DEFINITIE:
            return None
        gi = Instelling.objects.filter(pk=gi_id).first()
        lijst = selectors.signalen_nu({gi_id}, jaar, openbaar=selectors.openbaar_voor(request.user)).get((gi_id, jaar), {}).get(code, [])
        definitie = regels.DEFINITIE[code]
        return {
            "code": code, "titel": definitie.titel, "ernst": definitie.ernst, "jaar": jaar, "nieuw": obj is None,
            "instelling": f"{gi.naam} ({gi.afkorting})" if gi else None, "bestaat": bool(lijst),
            "perioden": "; ".join(regels.perioden_tekst(s) for s in lijst),
            "uitleg": " ".join(s.uitleg for s in lijst),
        }

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        extra_context = {**(extra_context or {}), "signaal_tekst": self._signaal_tekst(request, obj)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _terug(self, request, response):
        """After saving (not "save and continue" or "save and add another"): back to Open signalen."""
        if any(knop in request.POST for knop in ("_continue", "_addanother", "_saveasnew", "_popup")):
            return response
        if domein.mag_schrijven(request.user, Reactie):  # every organisation that gives a reactie reads that page
            return HttpResponseRedirect(reverse("admin:vroegsignalering_opensignaal_changelist"))
        return response

    def response_add(self, request, obj, post_url_continue=None):
        return self._terug(request, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._terug(request, super().response_change(request, obj))


@admin.register(Beleidsreactie)
class BeleidsreactieAdmin(RegisterAdmin):
    """The ministerie's beleidsreactie per overview year: written by the ministerie only (register/domein.py), read
    by every role; with history."""

    diensten = Diensten(services, "beleidsreactie", "beleidsreactie")

    list_display = ("jaar", "bron", "vervallen")
    list_filter = ("jaar", "vervallen")
    search_fields = ("tekst",)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude + [naam for naam in _datumkwaliteit_velden(self.model) if naam not in exclude]
