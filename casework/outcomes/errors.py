"""The error codes of outcome tracking: outcome definitions, their order, tagging interactions, the report."""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import Conflict, ErrorCode, NotFound, PermissionDenied, ValidationFailed

OUTCOME_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Outcome not found"), field="outcome_id")
INTERACTION_NOT_FOUND = ErrorCode(
    NotFound, "not_found", _("No such interaction on this case"), field="interaction_id"
)

# --- definitions and their order -------------------------------------------------------------------------------

INVALID_KEY = ErrorCode(
    ValidationFailed,
    "invalid_key",
    _("A key is 1-150 lowercase letters, digits, '_', '.' or '-', starting with a letter or digit"),
    field="key",
)
DUPLICATE_KEY = ErrorCode(
    Conflict, "duplicate_key", _("An outcome with this key already exists"), field="key"
)
IMMUTABLE_KEY = ErrorCode(
    ValidationFailed, "immutable_key", _("The key of an outcome cannot be changed"), field="key"
)
MUST_BE_ZERO_OR_MORE = ErrorCode(ValidationFailed, "validation_error", _("Must be zero or more"))
DUPLICATE_ID = ErrorCode(ValidationFailed, "duplicate_id", _("Each outcome may appear only once"))
UNKNOWN_ID = ErrorCode(ValidationFailed, "unknown_id", _("No outcome with this id"))
INCOMPLETE_ORDER = ErrorCode(
    ValidationFailed,
    "incomplete_order",
    _("The order must name every outcome, inactive ones included"),
    field="orderedIds",
    data_fields=["missing_ids"],
)

# --- tagging an interaction ------------------------------------------------------------------------------------

INVALID_ATTRIBUTION = ErrorCode(
    ValidationFailed, "invalid_attribution", _("Attribution is DIRECT, LIKELY or POSSIBLE")
)
INVALID_INTENSITY = ErrorCode(
    ValidationFailed, "invalid_intensity", _("Intensity is a whole number from %(low)s to %(high)s, or null")
)
EVIDENCE_NOTE_TOO_LONG = ErrorCode(
    ValidationFailed, "evidence_note_too_long", _("The evidence note is at most %(limit)s characters")
)
INVALID_MODE = ErrorCode(ValidationFailed, "invalid_mode", _("Mode is replace or merge"), field="mode")
CONFLICTING_MODE = ErrorCode(
    ValidationFailed, "conflicting_mode", _("The body and the query name different modes"), field="mode"
)
OUTCOME_REQUIRED = ErrorCode(ValidationFailed, "required", _("Name the outcome"))
DUPLICATE_OUTCOME = ErrorCode(ValidationFailed, "duplicate_outcome", _("Each outcome may appear only once"))
UNKNOWN_OUTCOME = ErrorCode(ValidationFailed, "unknown_outcome", _("No outcome with this id"))
INACTIVE_OUTCOME = ErrorCode(
    ValidationFailed, "inactive_outcome", _("The outcome %(outcome)s is no longer in use.")
)

# --- the report ------------------------------------------------------------------------------------------------

INVALID_RANGE = ErrorCode(ValidationFailed, "invalid_range", _("`from` must not be after `to`"), field="from")
PROGRAM_FILTER_UNSUPPORTED = ErrorCode(
    ValidationFailed, "unsupported", _("Filtering by program is not supported"), field="programId"
)
NON_REPORTABLE_DENIED = ErrorCode(
    PermissionDenied,
    "permission_denied",
    _("Only administrators may include non-reportable outcomes"),
    field="includeNonReportable",
)
