"""The call center's error codes: the field rules of a citizen record, the queue and lock, the 106 case, the list
import. A row of an uploaded list that breaks a field rule is a `RowError`: the rule's own code and field, its
message told with the line and column."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from casework.core.errors import (
    Conflict,
    DomainError,
    ErrorCode,
    NotFound,
    ValidationFailed,
)

# --- field rules (casework.callcenter.validators) ---------------------------------------------------------------

TOO_LONG = ErrorCode(ValidationFailed, "too_long", _("At most %(max_length)s characters."))
INVALID_NAME = ErrorCode(
    ValidationFailed, "invalid_name", _("Use letters, spaces, apostrophes and hyphens only.")
)
INVALID_STREET = ErrorCode(
    ValidationFailed, "invalid_street", _("Use letters, digits, spaces and punctuation ('\"-.,/()) only.")
)
INVALID_BUILDING_NUMBER = ErrorCode(
    ValidationFailed, "invalid_building_number", _("Use digits with at most one letter (12, 12a).")
)
INVALID_FLAT_NUMBER = ErrorCode(ValidationFailed, "invalid_flat_number", _("Use digits only."))
INVALID_PHONE = ErrorCode(
    ValidationFailed, "invalid_phone", _("Use digits, spaces, hyphens and an optional leading +.")
)
INVALID_FID = ErrorCode(ValidationFailed, "invalid_fid", _("Use printable characters only."))
INVALID_FAMILY_NUMBER = ErrorCode(
    ValidationFailed, "invalid_family_number", _("A whole number greater than 0 is required.")
)
INVALID_BOOLEAN = ErrorCode(ValidationFailed, "invalid_boolean", _("Use True or False."))

# --- the request (casework.callcenter.schemas, api) --------------------------------------------------------------

CITIZEN_IDS_DIFFER = ErrorCode(
    ValidationFailed, "validation_error", _("`id` and `citizenRecordId` name different citizens."), field="id"
)
CITIZEN_ID_REQUIRED = ErrorCode(
    ValidationFailed, "required", _("The citizen's `id` is required."), field="id"
)
CONFIRMATION_REQUIRED = ErrorCode(
    ValidationFailed,
    "confirmation_required",
    _("Clearing deletes every citizen and 106 case; send confirm=true to proceed."),
    field="confirm",
)

# --- the queue, the call result, the 106 case (casework.callcenter.services, access) ----------------------------

CITIZEN_NOT_FOUND = ErrorCode(NotFound, "citizen_not_found", _("Citizen not found."), field="id")
CASE_NOT_FOUND = ErrorCode(NotFound, "case_not_found", _("Case not found."), field="id")
NOT_IN_PROGRESS = ErrorCode(
    Conflict,
    "not_in_progress",
    _("This record is no longer in progress; take the next one from the queue."),
    field="status",
)
# 409 with the holder's lock (`locked_by`: the operator's id, `locked_until`), so a client can say until when.
LOCKED_BY_ANOTHER_OPERATOR = ErrorCode(
    Conflict,
    "locked_by_another_operator",
    _("This record is locked to another operator."),
    field="locked_by",
    data_fields=("locked_by", "locked_until"),
)
LOCK_EXPIRED = ErrorCode(
    Conflict,
    "lock_expired",
    _("Your lock on this record has expired; take the next one from the queue."),
    field="locked_until",
)
INVALID_CASE_NUMBER = ErrorCode(
    ValidationFailed,
    "invalid_case_number",
    _("The case number must be exactly six digits."),
    field="caseNumber",
)
CASE_EXISTS = ErrorCode(Conflict, "case_exists", _("A case already exists for this citizen."), field="id")

# --- the list import (casework.callcenter.services, csvfiles) ----------------------------------------------------

CITIZENS_EXIST = ErrorCode(
    Conflict,
    "citizens_exist",
    _("Citizens already exist; export and clear the current list before uploading a new one."),
    field="file",
)
EMPTY_FILE = ErrorCode(ValidationFailed, "empty_file", _("The file holds no citizens."), field="file")
INVALID_ENCODING = ErrorCode(
    ValidationFailed,
    "invalid_encoding",
    _("Line %(line)s: the file is not UTF-8 text."),
    field="file",
    data_fields=["line"],
)
MISSING_COLUMN = ErrorCode(
    ValidationFailed,
    "missing_column",
    _("Line %(line)s: the header lacks the column(s) %(columns)s."),
    data_fields=["line"],
)
TOO_MANY_FIELDS = ErrorCode(
    ValidationFailed,
    "too_many_fields",
    _("Line %(line)s: the row has more fields than the header."),
    field="file",
    data_fields=["line"],
)
# `reason` is the csv module's own (English) description of what is wrong.
MALFORMED_CSV = ErrorCode(
    ValidationFailed, "malformed_csv", _("Line %(line)s: %(reason)s"), field="file", data_fields=["line"]
)

AT_LINE_AND_COLUMN = _("Line %(line)s, %(column)s: %(message)s")


class RowError(ValidationFailed):
    """A field rule broken by one row of an uploaded list: the rule's error (same `code` and `field`), with the
    physical `line` where the row starts in the JSON body, and a message that names line and column:
    "Line 3, FirstName: Use letters, spaces, apostrophes and hyphens only." (in the active language)."""

    def __init__(self, error: DomainError, *, line: int):
        super().__init__(error.error_code, field=error.field, **error.params)
        self.extra = {**self.extra, "line": line}
        self.error = error
        self.line = line

    @property
    def message(self) -> str:
        params: dict[str, Any] = {"line": self.line, "column": self.field, "message": self.error.message}
        return str(AT_LINE_AND_COLUMN) % params
