from django.contrib import admin

from register import roles
from register.admin_base import AlleenInzien
from reports.models import Kameroverzicht
from reports.selectors import kameroverzichten_voor


@admin.register(Kameroverzicht)
class KameroverzichtAdmin(AlleenInzien, admin.ModelAdmin):
    """Read-only: overviews are generated through the service and never changed or deleted."""

    list_display = ("jaar", "peildatum", "variant", "aangemaakt_door", "aangemaakt_op", "pdf_sha256", "reportlab_versie")
    list_filter = ("jaar", "variant")
    fields = (
        "jaar", "peildatum", "variant", "aangemaakt_door", "aangemaakt_op", "pdf_sha256", "reportlab_versie", "data_sha256"
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return kameroverzichten_voor(request.user)

    def mag_inzien(self, user) -> bool:
        # Which overviews: kameroverzichten_voor (the variants the user may read).
        return roles.mag_kameroverzicht_inzien(user, vertrouwelijk=False)
