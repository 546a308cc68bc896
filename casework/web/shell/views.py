"""Sign in and sign out with the session (the API keeps its bearer tokens); the site's icon at /favicon.ico."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from casework.web.shell.forms import SignInForm

sign_in = auth_views.LoginView.as_view(
    template_name="web/login.html",
    authentication_form=SignInForm,
    redirect_authenticated_user=True,
    next_page=reverse_lazy("web:dashboard"),
)
sign_out = auth_views.LogoutView.as_view(next_page=reverse_lazy("web:login"))


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (the API's JSON, a file download): the icon
    every page names (`web/favicon.svg`), under its versioned static address, so no such request is a 404."""
    response = HttpResponseRedirect(static("web/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"  # not permanent: the static address changes with it
    return response
