"""The second factor's endpoints: the second step of signing in, setting up an authenticator (`router`, /auth),
and an administrator's reset (`admin_router`, /users/{id}/mfa)."""

from base64 import b32encode
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import NinjaAPI, Router, Status

from casework.accounts.auth import JWTAuth, current_user
from casework.accounts.mfa import errors, services
from casework.accounts.mfa.schemas import (
    MfaCodeIn,
    MfaEnrolledOut,
    MfaStatusOut,
    TotpConfirmIn,
    TotpEnrolmentOut,
)
from casework.accounts.models import User
from casework.accounts.schemas import LoginOut
from casework.accounts.tokens import WITH_SECOND_FACTOR, issue_token
from casework.core.api import ErrorOut
from casework.core.permissions import require

router = Router(tags=["auth"])
admin_router = Router(tags=["staff"])
# Reachable with a token signed with a password alone, so a user whose role requires a second factor can set it up.
BEFORE_SECOND_FACTOR = JWTAuth(second_factor_optional=True)


@router.post("/login/mfa", auth=None, response={200: LoginOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut})
def login_mfa(request: HttpRequest, payload: MfaCodeIn):
    """The second step of signing in: exchange the challenge of POST /api/auth/login (202) and a code of the
    user's authenticator app, or one of their recovery codes, for a token. Each code works once; every code tried
    counts in the sign-in throttle (429)."""
    user, issued = services.complete_sign_in(request, challenge=payload.challenge, code=payload.code)
    return {
        "token": issued.token,
        "expires_at": issued.expires_at,
        "user": user,
        "amr": list(issued.amr),
        "mfa_enrolment_required": False,
    }


@router.get("/mfa", auth=BEFORE_SECOND_FACTOR, response={200: MfaStatusOut, 401: ErrorOut})
def mfa_status(request: HttpRequest):
    """Whether the signed-in user has a second factor, whether their role requires one, recovery codes left."""
    return services.status(current_user(request))


@router.post(
    "/mfa/totp", auth=BEFORE_SECOND_FACTOR, response={200: TotpEnrolmentOut, 401: ErrorOut, 409: ErrorOut}
)
def start_totp_enrolment(request: HttpRequest):
    """Start setting up an authenticator app: its secret, to confirm with POST /api/auth/mfa/totp/confirm.
    Asking again before confirming gives the same secret; 409 when a second factor is already set up."""
    device = services.start_totp_enrolment(current_user(request))
    return {
        "secret": b32encode(device.bin_key).decode(),
        "otpauth_url": device.config_url,
        "digits": device.digits,
        "period": device.step,
    }


@router.post(
    "/mfa/totp/confirm",
    auth=BEFORE_SECOND_FACTOR,
    response={200: MfaEnrolledOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
)
def confirm_totp_enrolment(request: HttpRequest, payload: TotpConfirmIn):
    """Confirm the authenticator app with a code it shows: answers ten recovery codes (shown only now) and a
    token that records the second factor."""
    user = current_user(request)
    enrolment = services.confirm_totp_enrolment(request, user, code=payload.code)
    issued = issue_token(user, amr=WITH_SECOND_FACTOR)
    return {
        "token": issued.token,
        "expires_at": issued.expires_at,
        "user": user,
        "amr": list(issued.amr),
        "mfa_enrolment_required": False,
        "recovery_codes": enrolment.recovery_codes,
    }


@admin_router.delete(
    "/users/{user_id}/mfa", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def reset_second_factor(request: HttpRequest, user_id: UUID):
    """Remove a user's second factor and revoke their tokens (admins): for a lost phone. A role that requires
    one sets it up again at the next sign-in."""
    actor = current_user(request)
    require(actor, "config.manage")
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise errors.USER_NOT_FOUND()
    services.reset_second_factor(user, actor=actor)
    return Status(204, None)


def document_second_factor_refusals(api: NinjaAPI) -> None:
    """Declare in the OpenAPI schema the 403 (`mfa_enrolment_required`, `mfa_required`) that every operation
    behind the bearer token can answer to a user whose role requires a second factor, except the few reachable
    before it (`second_factor_optional`)."""
    original = api.get_openapi_schema

    def open_before_second_factor() -> set[str]:
        names = set()
        for _prefix, router in api._routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    callbacks = operation.auth_callbacks
                    if callbacks and all(getattr(c, "second_factor_optional", False) for c in callbacks):
                        names.add(operation.view_func.__name__)
        return names

    def get_openapi_schema(*args: Any, **kwargs: Any) -> Any:
        schema = original(*args, **kwargs)
        error_ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        exempt = open_before_second_factor()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if not operation.get("security") or operation.get("operationId") in exempt:
                    continue
                operation.setdefault("responses", {}).setdefault(
                    403, {"description": "Forbidden (or a second factor is required)", "content": error_ref}
                )
        return schema

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]
