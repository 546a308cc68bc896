"""What every page shares: sign-in required, a role permission, domain errors shown as 403/404 pages."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from casework.core.errors import NotAuthenticated, NotFound, PermissionDenied
from casework.core.permissions import can

View = Callable[..., HttpResponse]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def forbidden(request: HttpRequest, permission: str) -> HttpResponse:
    return render(request, "web/403.html", {"permission": permission}, status=403)


def staff_page(permission: str) -> Callable[[View], View]:
    """Require a signed-in user whose role grants `permission`; otherwise the sign-in page or a 403 page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                login_url = reverse("web:login")
                if is_htmx(request):
                    return HttpResponse(status=204, headers={"HX-Redirect": login_url})
                return redirect_to_login(request.get_full_path(), login_url)
            if not can(request.user, permission):
                return forbidden(request, permission)
            try:
                return view(request, *args, **kwargs)
            except NotFound as exc:
                raise Http404(exc.message) from exc
            except (PermissionDenied, NotAuthenticated) as exc:
                return forbidden(request, str(exc.extra.get("permission", permission)))

        return wrapper

    return decorator
