"""Links between cases: every link is stored with its inverse on the other case, written and deleted as a pair,
and audited on both cases."""

from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Q

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.cases.errors import CASE_NOT_FOUND
from casework.cases.plan import errors
from casework.cases.plan.models import INVERSE_RELATIONSHIP, CaseRelationship, RelationshipType
from casework.cases.plan.services.cases import lock_cases
from casework.cases.plan.services.values import choice


@transaction.atomic
def add_relationship(
    *,
    actor: User,
    case_id: UUID,
    related_case_id: UUID,
    relationship_type: str,
    description: str = "",
) -> CaseRelationship:
    """Link `case` to `related_case`; the inverse link (child for parent, blocks for blocked_by ...) appears on
    the other case in the same transaction.

    Refused: a link to the case itself (422 self_link), an unknown related case (422 unknown_case), a link that
    exists already, from either side (409 relationship_exists), and one that reverses an existing directed link,
    such as making A the child of its own child B (409 relationship_contradicts).
    """
    kind = RelationshipType(choice(relationship_type, RelationshipType, "relationship_type"))
    inverse = INVERSE_RELATIONSHIP[kind]
    if related_case_id == case_id:
        raise errors.SELF_LINK()
    cases = lock_cases(case_id, related_case_id)
    if case_id not in cases:
        raise CASE_NOT_FOUND(field="case_id")
    if related_case_id not in cases:
        raise errors.UNKNOWN_CASE()

    existing = set(
        CaseRelationship.objects.filter(case_id=case_id, related_case_id=related_case_id).values_list(
            "relationship_type", flat=True
        )
    )
    if kind in existing:
        raise errors.RELATIONSHIP_EXISTS()
    if inverse != kind and inverse in existing:
        raise errors.RELATIONSHIP_CONTRADICTS(inverse=inverse.label)

    description = (description or "").strip()
    forward = CaseRelationship(
        case_id=case_id,
        related_case_id=related_case_id,
        relationship_type=kind,
        description=description,
        created_by=actor,
    )
    backward = CaseRelationship(
        case_id=related_case_id,
        related_case_id=case_id,
        relationship_type=inverse,
        description=description,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            forward.save(force_insert=True)
            backward.save(force_insert=True)
    except IntegrityError as exc:
        # The unique constraint decides when a writer got past the check without the lock (another front door).
        raise errors.RELATIONSHIP_EXISTS() from exc

    for link in (forward, backward):
        record_event(
            actor=actor,
            verb="case.relationship_added",
            target=cases[link.case_id],
            data={
                "relationship_id": str(link.pk),
                "relationship_type": link.relationship_type,
                "related_case_id": str(link.related_case_id),
                "related_case_number": cases[link.related_case_id].case_number,
            },
        )
    return forward


@transaction.atomic
def remove_relationship(*, actor: User, case_id: UUID, relationship_id: UUID) -> None:
    """Unlink two cases: the link and its inverse on the other case are deleted together."""
    link = CaseRelationship.objects.filter(pk=relationship_id, case_id=case_id).first()
    if link is None:
        raise errors.RELATIONSHIP_NOT_FOUND()
    cases = lock_cases(link.case_id, link.related_case_id)
    deleted, _ = CaseRelationship.objects.filter(
        Q(pk=link.pk)
        | Q(case_id=link.related_case_id, related_case_id=link.case_id, relationship_type=link.inverse_type)
    ).delete()
    if not deleted:  # removed by someone else while we waited for the lock
        raise errors.RELATIONSHIP_NOT_FOUND()
    for this, other, kind in (
        (link.case_id, link.related_case_id, link.relationship_type),
        (link.related_case_id, link.case_id, link.inverse_type),
    ):
        record_event(
            actor=actor,
            verb="case.relationship_removed",
            target=cases[this],
            data={
                "relationship_type": kind,
                "related_case_id": str(other),
                "related_case_number": cases[other].case_number,
            },
        )
