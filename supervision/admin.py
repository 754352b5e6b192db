from django.contrib import admin

from register.admin_base import RegisterAdmin, RolRechten
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit


@admin.register(Toezichtbesluit)
class ToezichtbesluitAdmin(RegisterAdmin):
    list_display = ("instelling", "niveau", "door", "besluitdatum", "ingangsdatum", "voorziene_einddatum", "vervallen")
    list_filter = ("instelling", "niveau", "door", "vervallen")
    date_hierarchy = "ingangsdatum"
    list_select_related = ("instelling",)


@admin.register(Handhavingsmaatregel)
class HandhavingsmaatregelAdmin(RegisterAdmin):
    list_display = ("instelling", "soort", "door", "datum", "termijn", "vervallen")
    list_filter = ("instelling", "soort", "door", "vervallen")
    date_hierarchy = "datum"
    list_select_related = ("instelling",)


class OordeelInline(RolRechten, admin.TabularInline):
    model = Oordeel
    extra = 1
    fields = ("thema", "waarde", "toelichting")
    can_delete = False


@admin.register(Inspectieonderzoek)
class InspectieonderzoekAdmin(RegisterAdmin):
    inlines = [OordeelInline]
    list_display = ("titel", "instelling", "soort", "door", "rapportdatum", "vervallen")
    list_filter = ("instelling", "soort", "door", "vervallen")
    date_hierarchy = "rapportdatum"
    list_select_related = ("instelling",)
    search_fields = ("titel", "instelling__naam", "instelling__afkorting")


@admin.register(Thema)
class ThemaAdmin(RegisterAdmin):
    list_display = ("naam", "code", "volgorde", "actief")
