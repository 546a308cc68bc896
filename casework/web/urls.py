"""URLs of the caseworker web UI (server-rendered pages + HTMX fragments)."""

from django.urls import path

from casework.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
]
