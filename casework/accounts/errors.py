"""The error codes of staff accounts, sign-in and teams."""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    RateLimited,
    ValidationFailed,
)

INVALID_EMAIL = ErrorCode(
    ValidationFailed, "validation_error", _("A valid email address is required"), field="email"
)
UNKNOWN_ROLE = ErrorCode(
    ValidationFailed, "validation_error", _("Unknown role %(role)r; known roles: %(known)s"), field="role"
)
EMAIL_TAKEN = ErrorCode(
    Conflict, "email_taken", _("A user with email %(email)s already exists"), field="email"
)
TOO_MANY_SIGN_INS = ErrorCode(
    RateLimited, "rate_limited", _("Too many sign-in attempts; wait a few minutes and try again")
)
INVALID_CREDENTIALS = ErrorCode(NotAuthenticated, "invalid_credentials", _("Invalid email or password"))
NO_ACTIVE_USER = ErrorCode(
    ValidationFailed, "validation_error", _("No active user with id %(id)s"), field="member_ids"
)
TEAM_NAME_REQUIRED = ErrorCode(ValidationFailed, "validation_error", _("A team needs a name"), field="name")
TEAM_NAME_TAKEN = ErrorCode(
    Conflict, "team_name_taken", _("A team named %(name)s already exists"), field="name"
)
TEAM_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Team not found"))
