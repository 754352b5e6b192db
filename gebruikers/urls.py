"""The second-factor pages of the login (gebruikers/views.py), under /admin/tweede-factor/."""

from django.urls import path

from gebruikers import views

app_name = "tweede_factor"
urlpatterns = [
    path("", views.controleren, name="controleren"),
    path("instellen/", views.instellen, name="instellen"),
]
