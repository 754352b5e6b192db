from django.urls import path

from vroegsignalering import views

app_name = "vroegsignalering"
urlpatterns = [
    path("feed.atom", views.SignaalmeldingenFeed.as_view(), name="feed"),
]
