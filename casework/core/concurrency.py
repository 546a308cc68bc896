"""Optimistic concurrency for rows that carry `row_version`."""

from typing import Any, TypeVar

from django.db import models

from casework.core.errors import OBJECT_NOT_FOUND, RECORD_CHANGED

M = TypeVar("M", bound=models.Model)


def lock_for_write(queryset: models.QuerySet[M], pk: Any, *, expected_version: int | None = None) -> M:
    """Fetch a row for writing, row-locked until the transaction ends, and check the client's version.

    Must run inside `transaction.atomic()`. On PostgreSQL the row lock makes a second writer wait and then
    see the new version; SQLite runs every transaction IMMEDIATE, so writers queue the same way.
    """
    # No joins in the locking query: after waiting for a lock, PostgreSQL re-checks a join against the
    # *old* joined row, so a case whose status just changed would vanish from the result (a false 404).
    obj = queryset.select_related(None).select_for_update().filter(pk=pk).first()
    if obj is None:
        raise OBJECT_NOT_FOUND(model=str(queryset.model._meta.verbose_name).capitalize())
    current = getattr(obj, "row_version", None)
    if expected_version is not None and current != expected_version:
        raise RECORD_CHANGED(field="row_version", current_row_version=current)
    return obj


def apply_changes(obj: models.Model, changes: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the given attributes and return {field: (old, new)} for those whose value really changed."""
    changed: dict[str, tuple[Any, Any]] = {}
    for name, value in changes.items():
        old = getattr(obj, name)
        if old != value:
            setattr(obj, name, value)
            changed[name] = (old, value)
    return changed
