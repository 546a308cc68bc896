"""Bearer-token authentication for the JSON API."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from casework.accounts.models import User
from casework.accounts.tokens import user_for_token


class JWTAuth(HttpBearer):
    """Accepts `Authorization: Bearer <JWT>`; the handler finds the user in `request.auth`."""

    openapi_bearerFormat = "JWT"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def current_user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
