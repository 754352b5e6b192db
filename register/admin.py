from django.contrib import admin

from register import selectors
from register import services
from register.admin_base import Diensten, RegisterAdmin, feitdatum
from register.models import Instelling, Monitordefinitie, Monitormeting, Omvang

admin.site.site_header = "GI-register — beheer en invoer"
admin.site.site_title = "GI-register"
admin.site.index_title = "Certificering en toezicht van de gecertificeerde instellingen"


@admin.register(Instelling)
class InstellingAdmin(RegisterAdmin):
    diensten = Diensten(services, "instelling", "instelling", corrigeren_als="wijzigen")
    list_display = ("naam", "afkorting", "soort", "werkgebied", "actief_vanaf", "actief_tot", "certificering_vanaf", "toezicht_vanaf", "nog_niets_vastgelegd")
    list_filter = ("soort",)
    search_fields = ("naam", "afkorting")
    change_form_template = "admin/register/instelling/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        instelling = self.get_object(request, object_id)
        if instelling is not None:
            extra_context["tijdlijn"] = selectors.tijdlijn(instelling, lezer=request.user)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Monitormeting)
class MonitormetingAdmin(RegisterAdmin):
    diensten = Diensten(services, "monitormeting", "meting")
    list_display = (feitdatum("peildatum", "peildatum"), "instelling", "aantal_kinderen_met_maatregel", "workload_per_fte", "wachtlijst_totaal", "herziet")
    list_filter = ("instelling",)
    list_select_related = ("instelling", "herziet__instelling")
    date_hierarchy = "peildatum"


@admin.register(Monitordefinitie)
class MonitordefinitieAdmin(RegisterAdmin):
    diensten = Diensten(services, "monitordefinitie", "definitie")
    list_display = ("indicator", "naam", "geldig_vanaf", "bron", "vervallen")
    list_filter = ("indicator", "vervallen")
    search_fields = ("naam", "omschrijving")


@admin.register(Omvang)
class OmvangAdmin(RegisterAdmin):
    diensten = Diensten(services, "omvang", "omvang")
    list_display = ("datum", "aantal", "bron")
    date_hierarchy = "datum"
