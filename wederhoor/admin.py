from django.contrib import admin

from register import domein
from register.admin_base import Diensten, RegisterAdmin
from wederhoor import services
from wederhoor.models import Reactie


@admin.register(Reactie)
class ReactieAdmin(RegisterAdmin):
    """The KMI and the inspecties each add and correct only their own organisation's reacties (register/domein.py);
    everyone with a role reads them. The organisation follows from the writer's role and is shown, never typed."""

    diensten = Diensten(services, "reactie", "reactie")

    list_display = ("instelling", "jaar", "signaalcode", "organisatie", "vervallen")
    list_filter = ("instelling", "jaar", "signaalcode", "organisatie", "vervallen")
    list_select_related = ("instelling",)
    search_fields = ("instelling__naam", "instelling__afkorting", "tekst")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + ["organisatie"] if obj is not None else readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        """A new reactie is judged with the organisation the service will give it (the writer's role), so a second
        reactie of the same organisation comes back with the form and everything typed."""
        formulier = super().get_form(request, obj, change, **kwargs)
        organisatie = domein.organisatie_van(request.user, Reactie)

        class ReactieForm(formulier):
            def _post_clean(self):
                if self.instance._state.adding and organisatie:
                    self.instance.organisatie = organisatie
                super()._post_clean()

        return ReactieForm
