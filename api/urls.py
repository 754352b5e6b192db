"""/api/v1/… — kebab-case paths, no trailing slashes; anything else is a problem+json 404."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from api import views
from api.problems import onbekende_url
from register import domein

router = SimpleRouter(trailing_slash=False)
# The register's resources, each under its name in the registry of domain models (register/domein.py), the name
# the change feed gives it too; an oordeel is read and written inside its inspectieonderzoek.
for viewset in (
    views.InstellingViewSet,
    views.AuditViewSet,
    views.CertificaatbesluitViewSet,
    views.BezwaarViewSet,
    views.AanvraagViewSet,
    views.ToezichtbesluitViewSet,
    views.HandhavingsmaatregelViewSet,
    views.InspectieonderzoekViewSet,
    views.ThemaViewSet,
    views.MonitormetingViewSet,
    views.MonitordefinitieViewSet,
    views.OmvangViewSet,
    views.ReactieViewSet,
    views.BeleidsreactieViewSet,
):
    resource = domein.van(viewset.queryset.model)
    router.register(resource.naam, viewset, basename=resource.model._meta.model_name)
router.register("wijzigingen", views.WijzigingenViewSet, basename="wijziging")
router.register("signalen", views.SignalenViewSet, basename="signaal")
router.register("kameroverzichten", views.KameroverzichtViewSet, basename="kameroverzicht")
router.register("aanleidingenoverzichten", views.AanleidingenoverzichtViewSet, basename="aanleidingenoverzicht")
router.register("tokens", views.TokenViewSet, basename="token")

app_name = "api"
urlpatterns = [
    path("openapi.json", views.OpenApiJsonView.as_view(), name="openapi-json"),
    path("openapi.yaml", views.OpenApiYamlView.as_view(), name="openapi-yaml"),
    path("docs", views.DocsView.as_view(url_name="api:openapi-json"), name="docs"),
    path(
        f"schemas/kameroverzicht-v{views.gegevensschema.SCHEMA_VERSIE}",
        views.KameroverzichtSchemaView.as_view(),
        name="kameroverzicht-schema",
    ),
    # The schemas of earlier versions stay at their own address: archived overviews carry their schema_versie.
    *(
        path(
            f"schemas/kameroverzicht-v{versie}",
            views.KameroverzichtSchemaView.as_view(versie=versie),
            name=f"kameroverzicht-schema-v{versie}",
        )
        for versie in views.gegevensschema.VERSIES
        if versie != views.gegevensschema.SCHEMA_VERSIE
    ),
    *router.urls,
    re_path(r"^[\s\S]*$", onbekende_url),
]
