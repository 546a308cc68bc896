"""Use cases of outcome tracking: maintaining the definitions, and tagging interactions with outcomes."""

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from casework.audit.services import record_event
from casework.cases.models import Case, CaseNote
from casework.core.concurrency import apply_changes, lock_for_write
from casework.core.errors import FIELD_NOT_CHANGEABLE, MUST_BE_BOOLEAN, MUST_NOT_BE_EMPTY
from casework.outcomes import errors
from casework.outcomes.models import (
    EVIDENCE_NOTE_MAX,
    INTENSITY_MAX,
    INTENSITY_MIN,
    KEY_PATTERN,
    Attribution,
    InteractionOutcomeImpact,
    OutcomeDefinition,
)

DEFINITION_FIELDS = {"name", "description", "category", "is_active", "is_reportable", "sort_order"}
MODES = ("replace", "merge")


def _clean_key(key: str) -> str:
    key = (key or "").strip()
    if not KEY_PATTERN.match(key):
        raise errors.INVALID_KEY()
    return key


def _clean_definition_changes(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - DEFINITION_FIELDS
    if unknown:
        raise FIELD_NOT_CHANGEABLE(field=sorted(unknown)[0])
    cleaned = dict(changes)
    for text_field in ("name", "description", "category"):
        if text_field in cleaned:
            cleaned[text_field] = (cleaned[text_field] or "").strip()
    if "name" in cleaned and not cleaned["name"]:
        raise MUST_NOT_BE_EMPTY(field="name")
    if "sort_order" in cleaned and (cleaned["sort_order"] is None or cleaned["sort_order"] < 0):
        raise errors.MUST_BE_ZERO_OR_MORE(field="sort_order")
    for flag in ("is_active", "is_reportable"):
        if flag in cleaned and cleaned[flag] is None:
            raise MUST_BE_BOOLEAN(field=flag)
    return cleaned


@transaction.atomic
def create_definition(
    *,
    actor: Any,
    key: str,
    name: str,
    description: str = "",
    category: str = "",
    is_active: bool = True,
    is_reportable: bool = True,
    sort_order: int | None = None,
) -> OutcomeDefinition:
    """Add an outcome definition. Its key is unique (a taken key is 409 duplicate_key) and never changes;
    without a sort order it goes after the last definition."""
    key = _clean_key(key)
    fields = _clean_definition_changes(
        {
            "name": name,
            "description": description,
            "category": category,
            "is_active": is_active,
            "is_reportable": is_reportable,
        }
    )
    if sort_order is None:
        last = OutcomeDefinition.objects.aggregate(last=Max("sort_order"))["last"]
        sort_order = 0 if last is None else last + 1
    fields.update(_clean_definition_changes({"sort_order": sort_order}))
    if OutcomeDefinition.objects.filter(key=key).exists():
        raise errors.DUPLICATE_KEY()
    try:
        # Two admins creating the same key at once: the unique constraint decides, the loser gets 409.
        with transaction.atomic():
            definition = OutcomeDefinition.objects.create(key=key, **fields)
    except IntegrityError as exc:
        raise errors.DUPLICATE_KEY() from exc
    record_event(actor=actor, verb="outcome_definition.created", target=definition, data={"key": key})
    return definition


@transaction.atomic
def update_definition(
    definition_id: UUID, *, actor: Any, changes: dict[str, Any], key: str | None = None
) -> OutcomeDefinition:
    """Change a definition's name, description, category, flags or sort order. The key is immutable:
    sending the current key is accepted, any other is 422 immutable_key."""
    definition = lock_for_write(OutcomeDefinition.objects.all(), definition_id)
    if key is not None and key != definition.key:
        raise errors.IMMUTABLE_KEY()
    changed = apply_changes(definition, _clean_definition_changes(changes))
    if changed:
        definition.save(update_fields=[*changed, "updated_at"])
        record_event(
            actor=actor,
            verb="outcome_definition.updated",
            target=definition,
            data={"fields": sorted(changed)},
        )
    return definition


@transaction.atomic
def set_definition_active(definition_id: UUID, *, actor: Any, active: bool) -> OutcomeDefinition:
    """Enable or disable a definition (idempotent). Disabling stops new tags; existing tags are kept."""
    definition = lock_for_write(OutcomeDefinition.objects.all(), definition_id)
    if definition.is_active != active:
        definition.is_active = active
        definition.save(update_fields=["is_active", "updated_at"])
        verb = "outcome_definition.enabled" if active else "outcome_definition.disabled"
        record_event(actor=actor, verb=verb, target=definition, data={"key": definition.key})
    return definition


@transaction.atomic
def reorder_definitions(*, actor: Any, ordered_ids: Sequence[UUID]) -> list[OutcomeDefinition]:
    """Give every definition its position in `ordered_ids` as sort order, all or nothing.

    The list must name every definition (active or not) exactly once. All definitions are locked in one
    fixed order (by id) before anything is checked, so concurrent reorders run one after the other, each
    complete, and cannot deadlock each other.
    """
    definitions = list(OutcomeDefinition.objects.select_for_update().order_by("id"))
    by_id = {d.pk: d for d in definitions}
    seen: set[UUID] = set()
    for index, definition_id in enumerate(ordered_ids):
        if definition_id in seen:
            raise errors.DUPLICATE_ID(field=f"orderedIds.{index}")
        if definition_id not in by_id:
            raise errors.UNKNOWN_ID(field=f"orderedIds.{index}")
        seen.add(definition_id)
    missing = [str(pk) for pk in by_id if pk not in seen]
    if missing:
        raise errors.INCOMPLETE_ORDER(missing_ids=missing)
    changed = []
    for position, definition_id in enumerate(ordered_ids):
        definition = by_id[definition_id]
        if definition.sort_order != position:
            definition.sort_order = position
            changed.append(definition)
    if changed:
        OutcomeDefinition.objects.bulk_update(changed, ["sort_order"])
        record_event(
            actor=actor,
            verb="outcome_definitions.reordered",
            target=changed[0],
            data={"ordered_keys": [by_id[pk].key for pk in ordered_ids]},
        )
    return sorted(definitions, key=lambda d: d.sort_order)


def _clean_impact(item: Mapping[str, Any], *, field: str) -> dict[str, Any]:
    attribution = item.get("attribution") or Attribution.DIRECT
    if attribution not in Attribution.values:
        raise errors.INVALID_ATTRIBUTION(field=f"{field}.attribution")
    intensity = item.get("intensity")
    if intensity is not None and not (
        isinstance(intensity, int) and INTENSITY_MIN <= intensity <= INTENSITY_MAX
    ):
        raise errors.INVALID_INTENSITY(field=f"{field}.intensity", low=INTENSITY_MIN, high=INTENSITY_MAX)
    evidence_note = (item.get("evidence_note") or "").strip()
    if len(evidence_note) > EVIDENCE_NOTE_MAX:
        raise errors.EVIDENCE_NOTE_TOO_LONG(field=f"{field}.evidenceNote", limit=EVIDENCE_NOTE_MAX)
    impact = item.get("impact")
    return {
        "impact": True if impact is None else bool(impact),
        "attribution": attribution,
        "intensity": intensity,
        "evidence_note": evidence_note,
    }


@transaction.atomic
def save_interaction_outcomes(
    *,
    actor: Any,
    case_id: UUID,
    interaction_id: UUID,
    impacts: Sequence[Mapping[str, Any]],
    mode: str = "replace",
    field: str = "impacts",
) -> list[InteractionOutcomeImpact]:
    """Set the outcome tags of one interaction (a note of that case; any other id is 404).

    Each item (`outcome_definition_id`, `impact`, `attribution`, `intensity`, `evidence_note`) fully
    describes its tag: an existing tag for that outcome is overwritten. `replace` then removes the
    interaction's other tags; `merge` keeps them. New tags need an active definition; a tag kept or
    rewritten on a since-disabled definition is allowed, so history survives disabling. All or nothing.
    `field` names the payload list in error messages.
    """
    if mode not in MODES:
        raise errors.INVALID_MODE()
    # The note row lock serializes writers of one interaction: two simultaneous replaces end with one
    # complete set of tags, never their union, and never collide on the unique constraint.
    note = CaseNote.objects.select_for_update().filter(pk=interaction_id, case_id=case_id).first()
    if note is None:
        raise errors.INTERACTION_NOT_FOUND()
    existing = {
        tag.outcome_definition_id: tag for tag in InteractionOutcomeImpact.objects.filter(interaction=note)
    }

    wanted: dict[UUID, dict[str, Any]] = {}
    for index, item in enumerate(impacts):
        item_field = f"{field}.{index}"
        definition_id = item.get("outcome_definition_id")
        if definition_id is None:
            raise errors.OUTCOME_REQUIRED(field=f"{item_field}.outcomeDefinitionId")
        if definition_id in wanted:
            raise errors.DUPLICATE_OUTCOME(field=f"{item_field}.outcomeDefinitionId")
        wanted[definition_id] = _clean_impact(item, field=item_field)
    # Definitions are not locked: a tag written while its definition is being disabled is the same as one
    # written just before, which disabling keeps anyway.
    definitions = OutcomeDefinition.objects.in_bulk(list(wanted))
    for index, definition_id in enumerate(wanted):
        definition = definitions.get(definition_id)
        item_field = f"{field}.{index}.outcomeDefinitionId"
        if definition is None:
            raise errors.UNKNOWN_OUTCOME(field=item_field)
        if not definition.is_active and definition_id not in existing:
            raise errors.INACTIVE_OUTCOME(field=item_field, outcome=definition.name)

    to_create, to_update = [], []
    copies = {
        "interaction_created_at": note.created_at,
        "interaction_created_by_id": note.created_by_id,
        "interaction_type": note.note_type,
        "client_id": Case.objects.filter(pk=note.case_id).values_list("contact_id", flat=True).first(),
    }
    for definition_id, values in wanted.items():
        tag = existing.get(definition_id)
        if tag is None:
            to_create.append(
                InteractionOutcomeImpact(
                    interaction=note,
                    outcome_definition_id=definition_id,
                    created_by=actor,
                    **values,
                    **copies,
                )
            )
        elif apply_changes(tag, values):
            to_update.append(tag)
    removed = (
        [tag.pk for def_id, tag in existing.items() if def_id not in wanted] if mode == "replace" else []
    )
    if removed:
        InteractionOutcomeImpact.objects.filter(pk__in=removed).delete()
    if to_update:
        now = timezone.now()
        for tag in to_update:
            tag.updated_at = now  # bulk_update does not apply auto_now
        InteractionOutcomeImpact.objects.bulk_update(
            to_update, ["impact", "attribution", "intensity", "evidence_note", "updated_at"]
        )
    if to_create:
        InteractionOutcomeImpact.objects.bulk_create(to_create)
    if removed or to_update or to_create:
        record_event(
            actor=actor,
            verb="case.outcomes_tagged",
            target=note,
            data={
                "case_id": str(case_id),
                "mode": mode,
                "outcomes": [definitions[d].key for d in wanted],
                "removed": len(removed),
            },
        )
    return list(InteractionOutcomeImpact.objects.of_interaction(note.pk))


# Fills the report's copies from the notes and cases: one statement (UPDATE ... FROM works on PostgreSQL and on
# SQLite 3.33+). Migration outcomes 0002 holds a frozen copy.
REPORT_COLUMNS_SQL = """
UPDATE outcomes_interactionoutcomeimpact
SET interaction_created_at = n.created_at,
    interaction_created_by_id = n.created_by_id,
    interaction_type = n.note_type,
    client_id = c.contact_id
FROM cases_casenote n JOIN cases_case c ON c.id = n.case_id
WHERE n.id = outcomes_interactionoutcomeimpact.interaction_id
"""


@transaction.atomic
def rebuild_report_columns(*, only_missing: bool = False) -> int:
    """Copy each impact's note time, author and type and its case's contact onto it (the columns the outcomes
    report reads), after a bulk load that wrote tags without them; `only_missing` skips the tags already
    filled. Returns the number of tags written."""
    sql = REPORT_COLUMNS_SQL
    if only_missing:
        sql += " AND outcomes_interactionoutcomeimpact.interaction_created_at IS NULL"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount
