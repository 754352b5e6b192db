from django.contrib import admin

from certification.models import Audit, Certificaatbesluit
from register.admin_base import RegisterAdmin

# Confidential fields (register/vertrouwelijkheid.py) are dropped from every list, filter, search and
# form below for users who may not read them; readers also see and search the rapportkenmerk.


@admin.register(Audit)
class AuditAdmin(RegisterAdmin):
    list_display = (
        "instelling", "soort", "startdatum", "einddatum", "aantal_kritische_afwijkingen", "aantal_afwijkingen",
        "rapportkenmerk", "vervallen",
    )
    list_filter = ("instelling", "soort", "vervallen")
    date_hierarchy = "startdatum"
    list_select_related = ("instelling",)
    search_fields = ("instelling__naam", "instelling__afkorting", "rapportkenmerk")


@admin.register(Certificaatbesluit)
class CertificaatbesluitAdmin(RegisterAdmin):
    list_display = ("instelling", "status", "besluitdatum", "ingangsdatum", "geldig_tot", "datum_bij_benadering", "vervallen")
    list_filter = ("instelling", "status", "vervallen")
    date_hierarchy = "ingangsdatum"
    list_select_related = ("instelling",)
    filter_horizontal = ("audits",)
    search_fields = ("instelling__naam", "instelling__afkorting", "kenmerk")
