"""A Nature Check case's change log, read from its django-simple-history rows as field-level differences; what
happened to a farm after a version, read from its audit events."""

from typing import Any

from casework.accounts.models import User
from casework.audit.models import AuditEvent
from casework.core.history import Reference, change_log
from casework.naturecheck.models import Farm, NatureCheckCase

# The audit verb of a farm's update; its data names the fields changed and the version written.
FARM_UPDATED = "naturecheck.farm_updated"

SHOWN = {"status", "consultant", "assigned_by", "priority", "notes", "assigned_at"}
SHOWN_FIELDS = [f.name for f in NatureCheckCase._meta.concrete_fields if f.name in SHOWN]
# The people fields are shown by name, not by id.
PEOPLE: dict[str, Reference] = {"consultant": (User, str), "assigned_by": (User, str)}


def case_history(case: NatureCheckCase) -> list[dict[str, Any]]:
    """Every change to the case, newest first: who, when, and each field's old and new value.

    A reassignment shows as a `consultant` change naming both consultants. Two queries.
    """
    return change_log(case, fields=SHOWN_FIELDS, references=PEOPLE)


def changed_since(case: NatureCheckCase, version: int) -> tuple[list[str], list[User | None]]:
    """What happened to `case` after the `version` someone edited: the fields (of consultant, priority, notes)
    whose value now differs from that version's, and who wrote each later version (oldest first). One query.

    A conflict banner uses it to say what changed and whether it was the reader in another tab.
    """
    records = list(
        case.history.filter(row_version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    seen = next((r for r in records if r.row_version == version), None)
    later = [r for r in records if r.row_version > version]
    editable = ("consultant_id", "priority", "notes")
    if seen is None:
        fields = list(editable)
    else:
        fields = [name for name in editable if getattr(seen, name) != getattr(case, name)]
    return [name.removesuffix("_id") for name in fields], [r.history_user for r in later]


def farm_changed_since(farm: Farm, version: int) -> tuple[list[str], list[User | None]]:
    """What happened to `farm` after the `version` someone edited: the fields its later updates changed
    (`owner` for the owner) and who wrote each later version (oldest first). One query.

    Farms keep no history rows; every update writes one audit event naming its fields and the version it
    wrote, and that is read here. An update recorded before versions were written is not counted.
    """
    events = list(
        AuditEvent.objects.filter(
            verb=FARM_UPDATED,
            target_type=Farm._meta.label_lower,
            target_id=str(farm.pk),
            data__row_version__gt=version,
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    fields = sorted({name.removesuffix("_id") for event in events for name in event.data.get("fields", [])})
    return fields, [event.actor for event in events]
