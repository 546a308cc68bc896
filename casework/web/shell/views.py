"""Sign in and sign out with the session (the API keeps its bearer tokens)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from casework.web.shell.forms import SignInForm

sign_in = auth_views.LoginView.as_view(
    template_name="web/login.html",
    authentication_form=SignInForm,
    redirect_authenticated_user=True,
    next_page=reverse_lazy("web:dashboard"),
)
sign_out = auth_views.LogoutView.as_view(next_page=reverse_lazy("web:login"))
