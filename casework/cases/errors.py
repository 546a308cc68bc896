"""The error codes of cases: finding a case or note, opening a case, assignment, notes and the status workflow.

The codes a case shares with every domain (a field that cannot be changed, a text that must not be empty,
the record changed by someone else) are declared once in `casework.core.errors`.
"""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import ErrorCode, NotFound, ValidationFailed

# --- finding things ---------------------------------------------------------------------------------------------

CASE_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Case not found."))
NOTE_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Note not found."), field="note_id")

# --- opening a case (casework.cases.services.cases) -------------------------------------------------------------

NO_SUCH_CONTACT = ErrorCode(
    ValidationFailed, "validation_error", _("No contact with this id."), field="contact_id"
)
NO_ACTIVE_CASE_TYPE = ErrorCode(
    ValidationFailed, "validation_error", _("No active case type with this id."), field="case_type_id"
)
NO_INTAKE_STATUS = ErrorCode(
    ValidationFailed, "validation_error", _("No active intake status is configured."), field="status_id"
)

# --- assignment (casework.cases.services.assignment) ------------------------------------------------------------

NO_ACTIVE_USER = ErrorCode(
    ValidationFailed, "validation_error", _("No active user with this id."), field="assigned_to"
)
NO_ACTIVE_TEAM = ErrorCode(
    ValidationFailed, "validation_error", _("No active team with this id."), field="assigned_team_id"
)
CANNOT_WORK_CASES = ErrorCode(
    ValidationFailed,
    "cannot_work_cases",
    _("%(user)s cannot be assigned cases: their role does not allow working on cases."),
    field="assigned_to",
)
NOT_TEAM_MEMBER = ErrorCode(
    ValidationFailed, "not_team_member", _("%(user)s is not a member of %(team)s."), field="assigned_to"
)

# --- notes (casework.cases.services.notes) ----------------------------------------------------------------------

STATUS_CHANGE_NOTE_REFUSED = ErrorCode(
    ValidationFailed,
    "validation_error",
    _("A status change note is written by changing the status."),
    field="note_type",
)
NOTE_CONTENT_REQUIRED = ErrorCode(ValidationFailed, "validation_error", _("Write the note."), field="content")

# --- the status workflow (casework.cases.services.status) -------------------------------------------------------

NO_ACTIVE_STATUS = ErrorCode(
    ValidationFailed, "validation_error", _("No active status with this id."), field="new_status_id"
)
# `current` and `target` are the statuses' seeded names, translated where they are rendered (core.labels);
# `allowed` (the statuses the case may move to) is part of the JSON body.
INVALID_TRANSITION = ErrorCode(
    ValidationFailed,
    "invalid_transition",
    _("A case cannot move from %(current)s to %(target)s."),
    field="new_status_id",
    data_fields=["allowed"],
)
REASON_REQUIRED = ErrorCode(
    ValidationFailed, "reason_required", _("Moving to %(target)s requires a reason."), field="reason"
)

# --- the case list (casework.cases.querysets) -------------------------------------------------------------------

DATE_RANGE_REVERSED = ErrorCode(
    ValidationFailed, "validation_error", _("from must not be after to."), field="from"
)
