from django.urls import path

from certification import views

app_name = "certification"
urlpatterns = [
    path("gecertificeerde-instellingen", views.gecertificeerde_instellingen, name="gecertificeerde-instellingen"),
    path("gecertificeerde-instellingen.csv", views.gecertificeerde_instellingen_csv, name="gecertificeerde-instellingen-csv"),
]
