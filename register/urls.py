from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("kameroverzicht/", include("reports.urls")),
    path("open-data/", include("opendata.urls")),
    path("", include("register.public_urls")),
]
