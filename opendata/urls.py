from django.urls import path, re_path

from opendata import feeds, views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^stand\.(?P<formaat>csv|json)$", views.stand, name="stand"),
    re_path(r"^registraties\.(?P<formaat>csv|json)$", views.registraties, name="registraties"),
    path("wijzigingen.atom", feeds.PubliekeWijzigingen(), name="atom"),
]
