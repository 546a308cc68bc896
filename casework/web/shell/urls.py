"""Signing in and out; the site's icon."""

from django.urls import path

from casework.web.shell import views

urlpatterns = [
    path("signin/", views.sign_in, name="login"),
    path("signout/", views.sign_out, name="logout"),
    path("favicon.ico", views.favicon, name="favicon"),
]
