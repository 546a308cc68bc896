"""A record's change log, read from its django-simple-history rows: one entry per row, each change a field's old
and new value as `HistoricalRecord.diff_against` finds it.

Every app's history reads through `change_log`; the app chooses the fields shown and how the records they name
are called (a foreign key shown as `{"id", "name"}` instead of its id; one it does not name is called by `str`).
The bookkeeping fields (who saved the row last, its version, its id) are never shown: the entry says who changed
it, and a reader has no use for ids. Each change carries its value's `shape`, so a page can show a date in the
reader's format and time zone, a mapping (intake answers) or a list (tags) as a list, never as Python's repr.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db.models import ForeignKey, Model

CHANGE_TYPES = {"+": "created", "~": "updated", "-": "deleted"}
# A created entry lists the fields given a value; these are "no value".
BLANK_VALUES: tuple[Any, ...] = (None, "", [], {})
DELETED_NAME = "(deleted)"
# Bookkeeping: written on every save, meaningless to a reader (the entry names who saved and when).
INTERNAL_FIELDS = frozenset({"id", "row_version", "modified_by", "updated_at"})

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
    fields = [name for name in fields if name not in INTERNAL_FIELDS]
    references = {**_default_references(instance, fields), **(references or {})}
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
    _name_references(entries, references)
    for entry in entries:
        for change in entry["changes"]:
            change["shape"] = _shape(change["new"] if change["new"] is not None else change["old"])
    entries.reverse()
    return entries


def _default_references(instance: Model, fields: Sequence[str]) -> dict[str, Reference]:
    """Every foreign key among `fields`, named by `str` of the record it refers to."""
    found: dict[str, Reference] = {}
    for name in fields:
        model_field = instance._meta.get_field(name)
        if isinstance(model_field, ForeignKey):
            found[name] = (model_field.related_model, str)  # type: ignore[assignment]
    return found


def _shape(value: Any) -> str:
    """How a value is shown: `reference` ({"id", "name"}), `datetime`, `date`, `mapping` (as key and value
    pairs), `list`, `boolean`, or `text`."""
    if isinstance(value, dict) and set(value) == {"id", "name"}:
        return "reference"
    if isinstance(value, datetime.datetime):
        return "datetime"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    return "text"


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
