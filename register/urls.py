from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from register import views

urlpatterns = [
    # Browsers ask for /favicon.ico on pages that name no icon (a PDF, a JSON answer): the register's icon.
    path("favicon.ico", views.favicon),
    path("gezondheid/", include("register.gezondheid")),
    path("admin/historisch/", include("historisch.urls")),
    path("admin/tweede-factor/", include("gebruikers.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("kameroverzicht/", include("reports.urls")),
    path("open-data/", include("opendata.urls")),
    path("meldingen/", include("vroegsignalering.urls")),
    path("", include("certification.urls")),
    path("", include("register.public_urls")),
]
if settings.BENCH_VLOER:  # the benchmark's floor views (bench/api.py), never in production
    urlpatterns.insert(0, path("api/bench-vloer/", include("api.vloer")))

# The error pages in the register's own layout (templates/400.html, 403.html, 404.html, 500.html).
handler403 = "register.foutpaginas.geen_toegang"
handler404 = "register.foutpaginas.pagina_niet_gevonden"
