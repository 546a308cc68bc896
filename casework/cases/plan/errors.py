"""The error codes of a case's plan: links between cases, services delivered, milestones.

The codes the plan shares with other domains (a field that cannot be changed, a value that must not be
negative, a case not found) are declared in `casework.core.errors` and `casework.cases.errors`.
"""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import Conflict, ErrorCode, NotFound, ValidationFailed

# --- values every part of the plan cleans (casework.cases.plan.services.values) ----------------------------------

UNKNOWN_VALUE = ErrorCode(ValidationFailed, "validation_error", _("Unknown value %(value)s."))
MUST_NOT_BE_BLANK = ErrorCode(ValidationFailed, "blank", _("Must not be empty"))

# --- links between cases -----------------------------------------------------------------------------------------

RELATIONSHIP_NOT_FOUND = ErrorCode(
    NotFound, "not_found", _("Relationship not found."), field="relationship_id"
)
SELF_LINK = ErrorCode(
    ValidationFailed, "self_link", _("A case cannot be linked to itself."), field="related_case_id"
)
UNKNOWN_CASE = ErrorCode(
    ValidationFailed, "unknown_case", _("No case with this id."), field="related_case_id"
)
RELATIONSHIP_EXISTS = ErrorCode(
    Conflict, "relationship_exists", _("These cases are already linked this way."), field="relationship_type"
)
# `inverse` is the link type the other case already has (its label, translated where it is rendered).
RELATIONSHIP_CONTRADICTS = ErrorCode(
    Conflict,
    "relationship_contradicts",
    _("The cases are already linked the other way round (%(inverse)s)."),
    field="relationship_type",
)

# --- services delivered ------------------------------------------------------------------------------------------

DELIVERED_SERVICE_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Service not found."))
SERVICE_DATE_REQUIRED = ErrorCode(
    ValidationFailed, "required", _("A service has a date."), field="service_date"
)
TIME_WITH_OFFSET = ErrorCode(
    ValidationFailed, "validation_error", _("A time of day without a UTC offset is expected.")
)
END_BEFORE_START = ErrorCode(
    ValidationFailed, "end_before_start", _("The end time must be after the start time."), field="end_time"
)
DURATION_EXCEEDS_SPAN = ErrorCode(
    ValidationFailed,
    "duration_exceeds_span",
    _("The duration is longer than the time from start to end (%(span)s minutes)."),
    field="duration_minutes",
)
NEGATIVE_COST = ErrorCode(ValidationFailed, "negative_cost", _("A cost is zero or more."), field="cost")
COST_TOO_PRECISE = ErrorCode(
    ValidationFailed,
    "validation_error",
    _("A cost has at most 8 digits before and 2 after the decimal point."),
    field="cost",
)
INVALID_CURRENCY = ErrorCode(
    ValidationFailed, "validation_error", _("A currency is a three-letter ISO 4217 code."), field="currency"
)

# --- milestones --------------------------------------------------------------------------------------------------

MILESTONE_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Milestone not found."))
NOT_COMPLETED = ErrorCode(
    ValidationFailed,
    "not_completed",
    _("Only a completed milestone has a completion date."),
    field="completed_date",
)
DATE_IN_FUTURE = ErrorCode(
    ValidationFailed,
    "date_in_future",
    _("A milestone cannot be completed in the future."),
    field="completed_date",
)
# `ids` (the milestones at fault) is part of the JSON body.
DUPLICATE_ID = ErrorCode(
    ValidationFailed,
    "duplicate_id",
    _("Each milestone may appear only once."),
    field="orderedIds",
    data_fields=["ids"],
)
UNKNOWN_ID = ErrorCode(
    ValidationFailed,
    "unknown_id",
    _("Not a milestone of this case."),
    field="orderedIds",
    data_fields=["ids"],
)
INCOMPLETE_ORDER = ErrorCode(
    ValidationFailed,
    "incomplete_order",
    _("Every milestone of the case must be named."),
    field="orderedIds",
    data_fields=["ids"],
)
