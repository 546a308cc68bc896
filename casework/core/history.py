"""A record's change log, read from its django-simple-history rows: one entry per row, each change a field's old
and new value as `HistoricalRecord.diff_against` finds it.

Every app's history reads through `change_log`; the app chooses the fields shown and which of them name another
record (a foreign key shown as `{"id", "name"}` instead of its id).
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db.models import Model

CHANGE_TYPES = {"+": "created", "~": "updated", "-": "deleted"}
# A created entry lists the fields given a value; these are "no value".
BLANK_VALUES: tuple[Any, ...] = (None, "", [], {})
DELETED_NAME = "(deleted)"

# The model a field refers to, and how one of its objects is named in the log.
Reference = tuple[type[Model], Callable[[Any], str]]


def change_log(
    instance: Model, *, fields: Sequence[str], references: Mapping[str, Reference] | None = None
) -> list[dict[str, Any]]:
    """Every change to `instance`, newest first: `id`, `change_type`, `changed_at`, `changed_by`, `reason` and
    `changes` (`{"field", "old", "new"}` in the order of `fields`).

    The oldest row lists the fields it gives a value (old None); each later row the fields that differ from the
    row before it. A field simple-history cannot diff (not editable, such as `created_at`) shows in the oldest
    row only. Reads the rows with their users in one query, then one query per referenced model.
    """
    history = instance.history  # type: ignore[attr-defined]
    diffable = [name for name in fields if history.model._meta.get_field(name).editable]
    records = history.select_related("history_user").order_by("history_date", "history_id")
    entries: list[dict[str, Any]] = []
    previous = None
    for record in records:
        if previous is None:
            changes = _given_values(record, fields)
        else:
            delta = record.diff_against(previous, included_fields=diffable)
            changed = {change.field: change for change in delta.changes}
            changes = [
                {"field": name, "old": changed[name].old, "new": changed[name].new}
                for name in fields
                if name in changed
            ]
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
    _name_references(entries, references or {})
    entries.reverse()
    return entries


def _given_values(record: Any, fields: Sequence[str]) -> list[dict[str, Any]]:
    values = ((name, getattr(record, record._meta.get_field(name).attname)) for name in fields)
    return [{"field": name, "old": None, "new": value} for name, value in values if value not in BLANK_VALUES]


def _name_references(entries: list[dict[str, Any]], references: Mapping[str, Reference]) -> None:
    """Replace the ids of referencing fields by `{"id", "name"}`, reading each referenced model once."""
    wanted: dict[type[Model], set[Any]] = {}
    for entry in entries:
        for change in entry["changes"]:
            if change["field"] in references:
                ids = wanted.setdefault(references[change["field"]][0], set())
                ids.update(value for value in (change["old"], change["new"]) if value is not None)
    found = {
        model: {obj.pk: obj for obj in model._default_manager.filter(pk__in=ids)}
        for model, ids in wanted.items()
        if ids
    }
    for entry in entries:
        for change in entry["changes"]:
            if change["field"] not in references:
                continue
            model, name = references[change["field"]]
            for side in ("old", "new"):
                value = change[side]
                if value is not None:
                    obj = found.get(model, {}).get(value)
                    change[side] = {"id": str(value), "name": name(obj) if obj is not None else DELETED_NAME}
