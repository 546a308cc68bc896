"""Bearer-token authentication for the JSON API."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from casework.accounts.mfa.services import check_api_access
from casework.accounts.models import User
from casework.accounts.tokens import verify_token


class JWTAuth(HttpBearer):
    """Accepts `Authorization: Bearer <JWT>`; the handler finds the user in `request.auth`.

    A token signed with a password alone is refused (403 `mfa_enrolment_required` / `mfa_required`) when the
    user's role requires a second factor, except by the few endpoints built with `second_factor_optional=True`
    (who am I, the second factor's own set-up)."""

    openapi_bearerFormat = "JWT"

    def __init__(self, *, second_factor_optional: bool = False):
        super().__init__()
        self.second_factor_optional = second_factor_optional

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        verified = verify_token(token)
        if verified is None:
            return None
        if not self.second_factor_optional:
            check_api_access(verified)
        request.user = verified.user
        request.auth_amr = verified.amr  # type: ignore[attr-defined]
        return verified.user


def current_user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
