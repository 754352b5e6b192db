"""/api/v1/… — kebab-case paths, no trailing slashes; anything else is a problem+json 404."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from api import views
from api.problems import onbekende_url

router = SimpleRouter(trailing_slash=False)
router.register("instellingen", views.InstellingViewSet, basename="instelling")
router.register("audits", views.AuditViewSet, basename="audit")
router.register("certificaatbesluiten", views.CertificaatbesluitViewSet, basename="certificaatbesluit")
router.register("toezichtbesluiten", views.ToezichtbesluitViewSet, basename="toezichtbesluit")
router.register("handhavingsmaatregelen", views.HandhavingsmaatregelViewSet, basename="handhavingsmaatregel")
router.register("inspectieonderzoeken", views.InspectieonderzoekViewSet, basename="inspectieonderzoek")
router.register("themas", views.ThemaViewSet, basename="thema")
router.register("monitormetingen", views.MonitormetingViewSet, basename="monitormeting")
router.register("wijzigingen", views.WijzigingenViewSet, basename="wijziging")
router.register("signalen", views.SignalenViewSet, basename="signaal")
router.register("kameroverzichten", views.KameroverzichtViewSet, basename="kameroverzicht")
router.register("tokens", views.TokenViewSet, basename="token")

app_name = "api"
urlpatterns = [
    path("openapi.json", views.OpenApiJsonView.as_view(), name="openapi-json"),
    path("openapi.yaml", views.OpenApiYamlView.as_view(), name="openapi-yaml"),
    path("docs", views.DocsView.as_view(url_name="api:openapi-json"), name="docs"),
    *router.urls,
    re_path(r"^[\s\S]*$", onbekende_url),
]
