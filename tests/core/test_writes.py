"""`casework.core.writes.Writes`: statements sent together, and the one order they may ask for."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.cases.models import CaseAssignment
from casework.core.writes import Writes
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def open_period(case, user):
    return CaseAssignment(case=case, assigned_to=user, assigned_at=timezone.now())


def close_open_periods(writes, case):
    return writes.update_all(
        CaseAssignment.objects.filter(case=case, unassigned_at__isnull=True), unassigned_at=timezone.now()
    )


def test_an_insert_sent_after_an_update_meets_none_of_the_rows_the_update_changed():
    case = CaseFactory()
    first, second = UserFactory(role_id="caseworker"), UserFactory(role_id="caseworker")
    CaseAssignment.objects.create(case=case, assigned_to=first, assigned_at=timezone.now())
    with Writes() as writes:
        closed = close_open_periods(writes, case)
        writes.insert(open_period(case, second), after=closed)
    periods = CaseAssignment.objects.filter(case=case)
    assert [p.assigned_to_id for p in periods.filter(unassigned_at__isnull=True)] == [second.pk]
    assert periods.count() == 2


def test_the_one_open_period_constraint_still_holds_for_writes_sent_together():
    case = CaseFactory()
    user = UserFactory(role_id="caseworker")
    CaseAssignment.objects.create(case=case, assigned_to=user, assigned_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic(), Writes() as writes:
        writes.insert(open_period(case, user))
    assert CaseAssignment.objects.filter(case=case, unassigned_at__isnull=True).count() == 1
