"""A Nature Check case's change log, read from its django-simple-history rows as field-level differences."""

from typing import Any

from casework.accounts.models import User
from casework.naturecheck.models import NatureCheckCase

SHOWN_FIELDS = ("status", "consultant", "assigned_by", "priority", "notes", "assigned_at")
CHANGE_TYPES = {"+": "created", "~": "updated", "-": "deleted"}


def case_history(case: NatureCheckCase) -> list[dict[str, Any]]:
    """Every change to the case, newest first: who, when, and each field's old and new value.

    A reassignment shows as a `consultant` change naming both consultants. Two queries.
    """
    records = list(case.history.select_related("history_user").order_by("history_date", "history_id"))
    fields = [f for f in NatureCheckCase._meta.concrete_fields if f.name in SHOWN_FIELDS]
    entries: list[dict[str, Any]] = []
    previous = None
    for record in records:
        changes = []
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if (previous is None and new in (None, "")) or (previous is not None and old == new):
                continue
            changes.append({"field": field.name, "old": old, "new": new})
        entries.append(
            {
                "change_type": CHANGE_TYPES[record.history_type],
                "changed_at": record.history_date,
                "changed_by": record.history_user,
                "changes": changes,
            }
        )
        previous = record
    _name_people(entries)
    entries.reverse()
    return entries


def _name_people(entries: list[dict[str, Any]]) -> None:
    people = {"consultant", "assigned_by"}
    ids = {
        value
        for entry in entries
        for change in entry["changes"]
        if change["field"] in people
        for value in (change["old"], change["new"])
        if value is not None
    }
    if not ids:
        return
    names = {u.pk: u.full_name or u.email for u in User.objects.filter(pk__in=ids)}
    for entry in entries:
        for change in entry["changes"]:
            if change["field"] in people:
                for side in ("old", "new"):
                    value = change[side]
                    if value is not None:
                        change[side] = {"id": str(value), "name": names.get(value, "(deleted)")}
