"""Single sign-on with OpenID Connect: the start of the sign-in at the provider and its way back (404 when
CASEWORK_OIDC_ISSUER is not set)."""

from django.urls import path

from casework.web.oidc import views

urlpatterns = [
    path("oidc/authenticate/", views.start, name="oidc_authenticate"),
    path("oidc/callback/", views.callback, name="oidc_callback"),
]
