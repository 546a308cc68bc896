"""A module's own language: Nature Check speaks Danish and the call center Hebrew until the user picks one.

The language switch in the top bar sets Django's language cookie; with that cookie the user's choice wins.
Without it (a first visit, or a browser that sends `Accept-Language: en`) these pages render, and their
services answer, in the module's language.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

View = Callable[..., HttpResponse]


def chosen_language(request: HttpRequest) -> str | None:
    """The language the user picked with the switch, or None when they have not picked one."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code and code in dict(settings.LANGUAGES) and translation.check_for_language(code):
        return code
    return None


def default_language(code: str) -> Callable[[View], View]:
    """Run the view (its services' messages included) in `code` unless the user picked a language."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            language = chosen_language(request) or code
            with translation.override(language):
                request.LANGUAGE_CODE = language
                response = view(request, *args, **kwargs)
            response.headers["Content-Language"] = language
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapper

    return decorator
