from django.contrib import admin

from register import roles
from reports.models import Kameroverzicht
from reports.selectors import kameroverzichten_voor


@admin.register(Kameroverzicht)
class KameroverzichtAdmin(admin.ModelAdmin):
    """Read-only: overviews are generated through the service and never changed or deleted."""

    list_display = ("jaar", "peildatum", "variant", "aangemaakt_door", "aangemaakt_op", "pdf_sha256")
    list_filter = ("jaar", "variant")
    fields = ("jaar", "peildatum", "variant", "aangemaakt_door", "aangemaakt_op", "pdf_sha256", "data_sha256")
    readonly_fields = fields

    def get_queryset(self, request):
        return kameroverzichten_voor(request.user)

    def has_view_permission(self, request, obj=None):
        # Which overviews: kameroverzichten_voor (the variants the user may read).
        return roles.mag_kameroverzicht_inzien(request.user, vertrouwelijk=False)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
