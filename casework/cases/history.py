"""A case's change log, read from its django-simple-history rows as field-level differences."""

from typing import Any

from casework.accounts.models import User
from casework.cases.models import Case, CaseStatus, CaseType
from casework.contacts.models import Contact
from casework.core.history import Reference, change_log

HIDDEN_FIELDS = {"row_version", "modified_by", "id"}
# Every field but the bookkeeping ones, in the model's order. The comparison is by column name, so `modified_by`
# (column `modified_by_id`) is shown, as it always has been.
SHOWN_FIELDS = [
    f.name for f in Case._meta.concrete_fields if f.attname not in HIDDEN_FIELDS and f.name != "updated_at"
]


# Foreign keys are shown by name, not by id; a user by `str(user)`, the full name or else the email.
REFERENCES: dict[str, Reference] = {
    "status": (CaseStatus, lambda o: o.name),
    "case_type": (CaseType, lambda o: o.name),
    "contact": (Contact, str),
    "assigned_to": (User, str),
    "created_by": (User, str),
}


def case_history(case: Case) -> list[dict[str, Any]]:
    """Every change to the case, newest first: who, when, why, and each field's old and new value."""
    return change_log(case, fields=SHOWN_FIELDS, references=REFERENCES)
