"""Signing in and out, the second factor, and the site's icon."""

from django.urls import path

from casework.web.shell import views

urlpatterns = [
    path("signin/", views.sign_in, name="login"),
    path("signin/code/", views.sign_in_code, name="sign_in_code"),
    path("signout/", views.sign_out, name="logout"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("account/second-factor/", views.second_factor, name="second_factor"),
]
