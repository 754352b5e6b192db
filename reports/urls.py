from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.openbaar, name="openbaar"),
    path("<int:jaar>/<str:afkorting>", views.openbaar_instelling, name="openbaar-instelling"),
    path("openbaar/<int:pk>.<str:formaat>", views.openbaar_bestand, name="openbaar-bestand"),
    path("archief/", views.archief, name="archief"),
    path("archief/<int:pk>/", views.detail, name="detail"),
    path("archief/<int:pk>/<str:formaat>", views.download, name="download"),
    path("aanleidingen/", views.aanleidingen_archief, name="aanleidingen"),
    path("aanleidingen/<int:pk>/", views.aanleidingen_detail, name="aanleidingen-detail"),
    path("aanleidingen/<int:pk>/<str:formaat>", views.aanleidingen_download, name="aanleidingen-download"),
]
