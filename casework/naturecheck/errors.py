"""The error codes of Nature Check. Their Danish is the use cases' own wording (this app's catalogue)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.core.errors import (
    ConcurrentModification,
    Conflict,
    ErrorCode,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

FARM_NOT_FOUND = ErrorCode(NotFound, "farm_not_found", _("The farm does not exist."))
CASE_NOT_FOUND = ErrorCode(NotFound, "case_not_found", _("The Nature Check case does not exist."))

# --- the request (casework.naturecheck.api) ---------------------------------------------------------------------

INVALID_IF_MATCH = ErrorCode(
    ValidationFailed, "invalid_if_match", _("If-Match must be the case's ETag."), field="If-Match"
)
ROW_VERSION_REQUIRED = ErrorCode(
    ValidationFailed,
    "row_version_required",
    _("Send the row_version you read, or an If-Match header."),
    field="row_version",
)
ROW_VERSION_MISMATCH = ErrorCode(
    ValidationFailed, "row_version_mismatch", _("row_version and If-Match disagree."), field="row_version"
)

# --- farms and their owners -------------------------------------------------------------------------------------

# `choices` fills the message ("Low (Lav), ..."); `allowed` (every accepted value) is in the JSON body.
INVALID_PRIORITY = ErrorCode(
    ValidationFailed,
    "invalid_priority",
    _("Priority must be one of: %(choices)s."),
    field="priority",
    data_fields=["allowed"],
)
INVALID_CVR = ErrorCode(
    ValidationFailed, "invalid_cvr", _("The CVR number must be exactly 8 digits."), field="cvr"
)
CVR_TAKEN = ErrorCode(
    Conflict,
    "cvr_taken",
    _("A farm with CVR number '%(cvr)s' already exists. Choose another CVR number."),
    field="cvr",
)
INVALID_EMAIL = ErrorCode(
    ValidationFailed, "invalid_email", _("Enter a valid email address."), field="owner.email"
)
EMAIL_BELONGS_TO_OTHER_ROLE = ErrorCode(
    Conflict,
    "email_belongs_to_other_role",
    _("The email %(email)s belongs to a person with another role."),
    field="owner.email",
)
FARM_CHANGED = ErrorCode(
    ConcurrentModification,
    "concurrent_modification",
    _("The farm was changed by another user. Reload and try again."),
    field="row_version",
    data_fields=["current_row_version"],
)
FARM_HAS_ACTIVE_CASES = ErrorCode(
    Conflict, "farm_has_active_case", _("The farm has active Nature Check cases and cannot be deleted.")
)

# --- cases ---------------------------------------------------------------------------------------------------------

CONSULTANT_NOT_FOUND = ErrorCode(
    ValidationFailed,
    "consultant_not_found",
    _("The selected consultant no longer exists."),
    field="consultant_id",
)
CONSULTANT_INACTIVE = ErrorCode(
    ValidationFailed,
    "consultant_inactive",
    _("The selected consultant no longer exists."),
    field="consultant_id",
)
NOT_A_CONSULTANT = ErrorCode(
    ValidationFailed,
    "not_a_consultant",
    _("The selected person does not have the consultant role."),
    field="consultant_id",
)
FARM_HAS_ACTIVE_CASE = ErrorCode(
    Conflict, "farm_has_active_case", _("The farm already has an active Nature Check case."), field="farm_id"
)
CASE_CHANGED = ErrorCode(
    ConcurrentModification,
    "concurrent_modification",
    _("The case was changed by another user. Reload and try again."),
    field="row_version",
    data_fields=["current_row_version"],
)
CASE_NOT_ACTIVE = ErrorCode(
    Conflict, "case_not_active", _("There is no active Nature Check case for this farm."), field="status"
)
NOT_CASE_CONSULTANT = ErrorCode(
    PermissionDenied, "not_case_consultant", _("Only the consultant on the case may start or complete it.")
)
# `from` and `to` are the statuses' labels (translated too); `allowed` lists the statuses it may move to.
INVALID_TRANSITION = ErrorCode(
    ValidationFailed,
    "invalid_transition",
    pgettext_lazy("naturecheck", "A case cannot move from %(from)s to %(to)s."),
    field="status",
    data_fields=["allowed"],
)
