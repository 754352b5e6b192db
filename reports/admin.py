from django.contrib import admin

from register import roles
from register.admin_base import AlleenInzien
from register.teksten import moment_cijfers
from reports.models import Aanleidingenoverzicht, Kameroverzicht
from reports.selectors import aanleidingenoverzichten_voor, kameroverzichten_voor


@admin.register(Kameroverzicht)
class KameroverzichtAdmin(AlleenInzien, admin.ModelAdmin):
    """Read-only: overviews are generated through the service and never changed or deleted."""

    list_display = (
        "jaar", "peildatum", "variant", "registerstand_kolom", "sha256_kolom", "aangemaakt_door", "aangemaakt_op",
        "reportlab_versie",
    )
    list_filter = ("jaar", "variant")
    fields = (
        "jaar", "peildatum", "variant", "aangemaakt_door", "aangemaakt_op", "pdf_sha256", "reportlab_versie", "data_sha256"
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return kameroverzichten_voor(request.user)

    @admin.display(description="registerstand")
    def registerstand_kolom(self, obj):
        stand = obj.registerstand
        return moment_cijfers(stand) if stand else "geen vastgelegde wijzigingen"

    @admin.display(description="sha256 gegevens (begin)")
    def sha256_kolom(self, obj):
        return obj.sha256_kort

    def mag_inzien(self, user) -> bool:
        # Which overviews: kameroverzichten_voor (the variants the user may read).
        return roles.mag_kameroverzicht_inzien(user, vertrouwelijk=False)


@admin.register(Aanleidingenoverzicht)
class AanleidingenoverzichtAdmin(AlleenInzien, admin.ModelAdmin):
    """Read-only, like the Kamer overviews; made from the archive page (reports:aanleidingen), the command or the API."""

    list_display = (
        "van", "tot", "peildatum", "variant", "registerstand_kolom", "sha256_kolom", "aangemaakt_door", "aangemaakt_op",
    )
    list_filter = ("variant",)
    fields = (
        "van", "tot", "peildatum", "variant", "aangemaakt_door", "aangemaakt_op", "pdf_sha256", "reportlab_versie",
        "data_sha256",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return aanleidingenoverzichten_voor(request.user)

    @admin.display(description="registerstand")
    def registerstand_kolom(self, obj):
        stand = obj.registerstand
        return moment_cijfers(stand) if stand else "geen vastgelegde wijzigingen"

    @admin.display(description="sha256 gegevens (begin)")
    def sha256_kolom(self, obj):
        return obj.sha256_kort

    def mag_inzien(self, user) -> bool:
        return roles.mag_kameroverzicht_inzien(user, vertrouwelijk=False)
