"""The error codes of the second factor."""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import Conflict, ErrorCode, NotAuthenticated, NotFound, PermissionDenied

INVALID_CHALLENGE = ErrorCode(
    NotAuthenticated,
    "invalid_mfa_challenge",
    _("This sign-in has expired or was already completed; sign in again with your password"),
    field="challenge",
)
INVALID_CODE = ErrorCode(
    NotAuthenticated,
    "invalid_mfa_code",
    _("The code is not right, or it was already used; try the next code of your authenticator app"),
    field="code",
)
ENROLMENT_REQUIRED = ErrorCode(
    PermissionDenied,
    "mfa_enrolment_required",
    _("Your role requires a second factor: set one up (POST /api/auth/mfa/totp) before anything else"),
)
SECOND_FACTOR_REQUIRED = ErrorCode(
    PermissionDenied,
    "mfa_required",
    _("Your role requires a second factor: sign in again with the code of your authenticator app"),
)
ALREADY_ENROLLED = ErrorCode(
    Conflict,
    "mfa_already_enrolled",
    _("A second factor is already set up for this account; an administrator can reset it"),
)
ENROLMENT_NOT_STARTED = ErrorCode(
    Conflict,
    "mfa_enrolment_not_started",
    _("No set-up of a second factor is under way; start one first (POST /api/auth/mfa/totp)"),
)
USER_NOT_FOUND = ErrorCode(NotFound, "not_found", _("User not found"))
