"""A Nature Check case's change log, read from its django-simple-history rows as field-level differences."""

from typing import Any

from casework.accounts.models import User
from casework.core.history import Reference, change_log
from casework.naturecheck.models import NatureCheckCase

SHOWN = {"status", "consultant", "assigned_by", "priority", "notes", "assigned_at"}
SHOWN_FIELDS = [f.name for f in NatureCheckCase._meta.concrete_fields if f.name in SHOWN]
# The people fields are shown by name, not by id.
PEOPLE: dict[str, Reference] = {"consultant": (User, str), "assigned_by": (User, str)}


def case_history(case: NatureCheckCase) -> list[dict[str, Any]]:
    """Every change to the case, newest first: who, when, and each field's old and new value.

    A reassignment shows as a `consultant` change naming both consultants. Two queries.
    """
    return change_log(case, fields=SHOWN_FIELDS, references=PEOPLE)
