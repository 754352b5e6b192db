from django.contrib import admin

from certification.models import VERTROUWELIJKE_VELDEN, Audit, Certificaatbesluit
from register.admin_base import RegisterAdmin


@admin.register(Audit)
class AuditAdmin(RegisterAdmin):
    vertrouwelijke_velden = VERTROUWELIJKE_VELDEN["Audit"]
    list_display = ("instelling", "soort", "startdatum", "einddatum", "aantal_kritische_afwijkingen", "aantal_afwijkingen", "vervallen")
    list_filter = ("instelling", "soort", "vervallen")
    date_hierarchy = "startdatum"
    list_select_related = ("instelling",)
    search_fields = ("instelling__naam", "instelling__afkorting")


@admin.register(Certificaatbesluit)
class CertificaatbesluitAdmin(RegisterAdmin):
    vertrouwelijke_velden = VERTROUWELIJKE_VELDEN["Certificaatbesluit"]
    list_display = ("instelling", "status", "besluitdatum", "ingangsdatum", "geldig_tot", "datum_bij_benadering", "vervallen")
    list_filter = ("instelling", "status", "vervallen")
    date_hierarchy = "ingangsdatum"
    list_select_related = ("instelling",)
    filter_horizontal = ("audits",)
    search_fields = ("instelling__naam", "instelling__afkorting", "kenmerk")
