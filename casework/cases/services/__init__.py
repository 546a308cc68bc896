"""Use cases of case management: every write to a case, its status, its assignment or its timeline.

One module per use case (`cases`: open, update, delete; `status`; `assignment`, with the auto-assignment rules;
`notes`), all writing a case row through the one private write path in `_write`, which keeps the version, the
change log and the case tally with every write. Callers use the functions named here:
`services.open_case(...)`.
"""

from casework.cases.services.assignment import assign_case
from casework.cases.services.cases import EDITABLE_FIELDS, delete_case, open_case, update_case
from casework.cases.services.notes import add_note, attach_to_note
from casework.cases.services.status import change_case_status, status_change_note

__all__ = [
    "EDITABLE_FIELDS",
    "add_note",
    "assign_case",
    "attach_to_note",
    "change_case_status",
    "delete_case",
    "open_case",
    "status_change_note",
    "update_case",
]
