from django.urls import path

from register import views

app_name = "register"
urlpatterns = [
    path("", views.index, name="index"),
    path("instellingen/<str:afkorting>", views.instelling, name="instelling"),
    path("over-de-gegevens", views.over_de_gegevens, name="over-de-gegevens"),
    path("toegankelijkheid", views.toegankelijkheid, name="toegankelijkheid"),
]
