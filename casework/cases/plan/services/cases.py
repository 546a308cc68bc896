"""The case a plan write concerns: locked when the write decides on the case's current links or milestones,
read otherwise (as the target of the audit event)."""

from uuid import UUID

from casework.cases.errors import CASE_NOT_FOUND
from casework.cases.models import Case


def lock_cases(*case_ids: UUID) -> dict[UUID, Case]:
    """Lock the given cases' rows until the transaction ends and return those that exist.

    Plan writes that decide on the current links or milestones of a case take this lock first, so they run one
    after the other per case. Rows are locked in primary-key order, so two writers on the same pair of cases
    never wait on each other crosswise. FOR NO KEY UPDATE does not block inserts that only reference the case.
    """
    cases = (
        Case.objects.select_related(None)
        .select_for_update(no_key=True)
        .filter(pk__in=set(case_ids))
        .order_by("pk")
    )
    return {case.pk: case for case in cases}


def locked_case(case_id: UUID) -> Case:
    case = lock_cases(case_id).get(case_id)
    if case is None:
        raise CASE_NOT_FOUND(field="case_id")
    return case


def audited_case(case_id: UUID) -> Case:
    """The case as the target of an audit event: only what the event shows of it is read."""
    case = Case.objects.filter(pk=case_id).only("pk", "case_number", "title").first()
    if case is None:
        raise CASE_NOT_FOUND(field="case_id")
    return case
