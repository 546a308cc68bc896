from django.http import HttpRequest
from ninja import Router

from casework.accounts import services
from casework.accounts.auth import current_user
from casework.accounts.schemas import LoginIn, LoginOut, UserOut
from casework.core.api import ErrorOut

router = Router(tags=["auth"])


@router.post("/login", auth=None, response={200: LoginOut, 401: ErrorOut, 429: ErrorOut})
def login(request: HttpRequest, payload: LoginIn):
    """Exchange email and password for a bearer token."""
    user, issued = services.login(request, email=payload.email, password=payload.password)
    return {"token": issued.token, "token_type": "Bearer", "expires_at": issued.expires_at, "user": user}


@router.get("/me", response={200: UserOut, 401: ErrorOut})
def me(request: HttpRequest):
    """The signed-in user."""
    return current_user(request)
