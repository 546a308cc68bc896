"""A case's change log, read from its django-simple-history rows as field-level differences."""

from typing import Any

from casework.accounts.models import User
from casework.cases.models import Case, CaseStatus, CaseType
from casework.contacts.models import Contact

HIDDEN_FIELDS = {"row_version", "modified_by", "id"}
CHANGE_TYPES = {"+": "created", "~": "updated", "-": "deleted"}
# Foreign keys are shown by name, not by id.
REFERENCES: dict[str, Any] = {
    "status": (CaseStatus, lambda o: o.name),
    "case_type": (CaseType, lambda o: o.name),
    "contact": (Contact, str),
    "assigned_to": (User, lambda o: o.full_name or o.email),
    "created_by": (User, lambda o: o.full_name or o.email),
}


def case_history(case: Case) -> list[dict[str, Any]]:
    """Every change to the case, newest first: who, when, why, and each field's old and new value."""
    records = list(case.history.select_related("history_user").order_by("history_date", "history_id"))
    fields = [
        f for f in Case._meta.concrete_fields if f.attname not in HIDDEN_FIELDS and f.name != "updated_at"
    ]
    entries = []
    previous = None
    for record in records:
        changes = []
        for field in fields:
            new = getattr(record, field.attname)
            old: Any = getattr(previous, field.attname) if previous is not None else None
            if previous is None and new in (None, "", [], {}):
                continue
            if previous is not None and old == new:
                continue
            changes.append({"field": field.name, "old": old, "new": new})
        entries.append(
            {
                "id": record.history_id,
                "change_type": CHANGE_TYPES[record.history_type],
                "changed_at": record.history_date,
                "changed_by": record.history_user,
                "reason": record.history_change_reason,
                "changes": changes,
            }
        )
        previous = record
    _name_references(entries)
    entries.reverse()
    return entries


def _name_references(entries: list[dict[str, Any]]) -> None:
    wanted: dict[str, set[Any]] = {name: set() for name in REFERENCES}
    for entry in entries:
        for change in entry["changes"]:
            if change["field"] in wanted:
                wanted[change["field"]].update(v for v in (change["old"], change["new"]) if v is not None)
    for name, ids in wanted.items():
        if not ids:
            continue
        model, label = REFERENCES[name]
        names = {obj.pk: label(obj) for obj in model.objects.filter(pk__in=ids)}
        for entry in entries:
            for change in entry["changes"]:
                if change["field"] == name:
                    change["old"] = _named(change["old"], names)
                    change["new"] = _named(change["new"], names)


def _named(value: Any, names: dict[Any, str]) -> Any:
    if value is None:
        return None
    return {"id": str(value), "name": names.get(value, "(deleted)")}
