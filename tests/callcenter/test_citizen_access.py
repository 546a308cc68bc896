"""Operators read only the citizens they hold or have handled (and those nobody reached, whose 106 case any
operator opens); a citizen another operator holds cannot be changed until that lock expires."""

from collections import Counter

import pytest

from casework.accounts.models import Role
from casework.callcenter import services
from casework.callcenter.errors import LOCKED_BY_ANOTHER_OPERATOR
from casework.callcenter.models import CallcenterCase, CitizenHandler, CitizenRecord
from casework.core.errors import Conflict
from tests.accounts.factories import UserFactory
from tests.callcenter.factories import (
    CallcenterCaseFactory,
    CitizenFactory,
    awaiting_106_case,
    handled_by,
    locked_citizen,
)
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db

ANSWERED = {"is_answered_the_call": True}


# --- reading ----------------------------------------------------------------------------------------------------


def test_an_operator_cannot_read_a_citizen_they_never_handled(as_operator):
    citizen = CitizenFactory(phone1="0509998877")

    response = as_operator.get(f"/citizens/{citizen.pk}")

    assert (response.status_code, response.json()["code"]) == (404, "citizen_not_found")
    assert "0509998877" not in response.content.decode()


def test_a_citizen_another_operator_holds_is_404_to_an_operator_who_never_handled_it(
    as_operator, other_operator
):
    citizen = locked_citizen(other_operator)

    assert as_operator.get(f"/citizens/{citizen.pk}").status_code == 404
    assert as_operator.put(f"/citizens/{citizen.pk}", ANSWERED).status_code == 404


def test_an_operator_reads_the_citizen_the_queue_handed_them_and_keeps_reading_it(as_operator):
    citizen = CitizenFactory()
    assert as_operator.get("/citizens/next").json()["id"] == citizen.pk

    assert as_operator.get(f"/citizens/{citizen.pk}").status_code == 200
    assert as_operator.put(f"/citizens/{citizen.pk}", ANSWERED).status_code == 200
    # Released and Updated: still theirs to read, because they handled it.
    assert as_operator.get(f"/citizens/{citizen.pk}").json()["status"] == "Updated"


def test_every_operator_reads_a_citizen_nobody_reached(as_operator):
    citizen = awaiting_106_case()

    assert as_operator.get(f"/citizens/{citizen.pk}").status_code == 200


def test_a_106_case_of_a_citizen_the_operator_may_not_read_is_404(as_operator, operator):
    hidden = CallcenterCaseFactory()
    own = CallcenterCaseFactory(citizen=handled_by(operator, CitizenFactory()))

    assert as_operator.get(f"/citizens/106-case/{hidden.pk}").status_code == 404
    assert as_operator.get(f"/citizens/106-case/{own.pk}").status_code == 200


def test_admins_and_a_role_granted_view_all_read_every_citizen(api_as, admin):
    citizen = CitizenFactory()
    Role.objects.create(
        code="supervisor", name="Supervisor", permissions=["callcenter.work", "callcenter.view_all"]
    )
    supervisor = UserFactory(role_id="supervisor")

    assert api_as(admin).get(f"/citizens/{citizen.pk}").status_code == 200
    assert api_as(supervisor).get(f"/citizens/{citizen.pk}").status_code == 200


# --- another operator's lock ------------------------------------------------------------------------------------


def test_a_106_case_on_a_citizen_another_operator_holds_is_409_naming_the_lock(
    api_as, operator, other_operator
):
    # The third attempt is Olive's; Otto handled an earlier one, so he may read the citizen.
    citizen = handled_by(other_operator, locked_citizen(operator, appearance_count=3))

    response = api_as(other_operator).post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"})

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "locked_by_another_operator"
    assert (body["locked_by"], body["locked_until"]) == (str(operator.pk), citizen.locked_until.isoformat())
    assert not CallcenterCase.objects.exists()
    citizen.refresh_from_db()
    assert (citizen.status, citizen.locked_by) == ("InProgress", operator)
    # Olive's call result still goes through.
    assert api_as(operator).put(f"/citizens/{citizen.pk}", ANSWERED).status_code == 200


def test_an_admin_cannot_break_an_operators_lock_either(as_admin, operator):
    citizen = locked_citizen(operator, appearance_count=3)

    response = as_admin.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"})

    assert (response.status_code, response.json()["code"]) == (409, "locked_by_another_operator")


def test_once_the_lock_expires_another_operator_may_open_the_106_case(api_as, operator, other_operator):
    citizen = handled_by(other_operator, locked_citizen(operator, minutes_left=-1, appearance_count=3))

    response = api_as(other_operator).post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"})

    assert response.status_code == 201
    citizen.refresh_from_db()
    assert (citizen.status, citizen.locked_by) == ("Pending", None)


def test_opening_a_106_case_makes_the_operator_a_handler(as_operator, operator):
    citizen = awaiting_106_case()

    assert (
        as_operator.post("/citizens/106-case", {"id": citizen.pk, "caseNumber": "123456"}).status_code == 201
    )

    assert CitizenHandler.objects.filter(citizen=citizen, operator=operator).exists()


# --- the race: the queue hands the citizen out while someone opens its 106 case ----------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_queue_and_a_106_case_never_both_take_the_same_citizen():
    """Each round, operator A asks the queue for the next citizen while operator B opens that citizen's 106
    case. Either A gets the citizen and B's case is refused (409), or B's case is stored and A does not get it:
    never a case on a citizen whose lock A still holds."""
    first, second = UserFactory(role_id="operator"), UserFactory(role_id="operator")
    outcomes = Counter()
    for _ in range(8):
        citizen = handled_by(second, CitizenFactory(appearance_count=1))

        def work(i, citizen=citizen):
            if i == 0:
                taken = services.take_next_citizen(operator=first)
                return "taken" if taken is not None and taken.pk == citizen.pk else "not taken"
            try:
                services.open_callcenter_case(citizen_id=citizen.pk, case_number="123456", actor=second)
            except Conflict as exc:
                assert exc.error_code is LOCKED_BY_ANOTHER_OPERATOR
                return "refused"
            return "opened"

        took, opened = run_at_once(2, work)
        citizen.refresh_from_db()
        has_case = CallcenterCase.objects.filter(citizen=citizen).exists()
        if took == "taken":
            assert (opened, has_case, citizen.locked_by_id) == ("refused", False, first.pk)
        else:
            assert (opened, has_case, citizen.locked_by_id) == ("opened", True, None)
        outcomes[took] += 1
        CitizenRecord.objects.filter(pk=citizen.pk).delete()
    assert sum(outcomes.values()) == 8
