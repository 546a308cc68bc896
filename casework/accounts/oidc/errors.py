"""The error codes of single sign-on: why an OpenID Connect sign-in was refused, shown on the sign-in page."""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import ErrorCode, NotAuthenticated, PermissionDenied, ServiceUnavailable

PROVIDER_UNAVAILABLE = ErrorCode(
    ServiceUnavailable,
    "oidc_provider_unavailable",
    _(
        "Single sign-on is not available right now (the identity provider did not answer); sign in with your password or try again later"
    ),
)
SIGN_IN_FAILED = ErrorCode(
    NotAuthenticated,
    "oidc_sign_in_failed",
    _("The sign-in with your organisation could not be completed or was already used; start it again"),
)
EMAIL_NOT_VERIFIED = ErrorCode(
    PermissionDenied,
    "oidc_email_not_verified",
    _(
        "Your organisation's sign-in did not confirm your email address, so it cannot be matched to an account"
    ),
)
UNKNOWN_USER = ErrorCode(
    PermissionDenied,
    "oidc_unknown_user",
    _("There is no Casework account for %(email)s; ask an administrator to create one"),
)
USER_DEACTIVATED = ErrorCode(
    PermissionDenied, "oidc_user_deactivated", _("This account is deactivated; ask an administrator")
)
