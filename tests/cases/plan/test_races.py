"""Linking cases at the same moment: the database decides, every caller gets a defined answer.

These tests open real concurrent connections (threads), on SQLite and on PostgreSQL.
"""

from collections import Counter

import pytest

from casework.cases.plan.models import CaseRelationship
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory
from tests.cases.test_races import run_at_once
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_identical_links_at_once_give_one_201_and_one_409():
    user = UserFactory(role_id="caseworker")
    case, other = CaseFactory(), CaseFactory()
    body = {"related_case_id": str(other.pk), "relationship_type": "parent"}

    def link(_):
        response = ApiClient(user).post(f"/cases/{case.pk}/relationships", body)
        return response.status_code, response.json()["code"] if response.status_code != 201 else None

    results = Counter(run_at_once(2, link))
    assert results == Counter({(201, None): 1, (409, "relationship_exists"): 1})
    assert sorted(CaseRelationship.objects.values_list("case_id", "relationship_type")) == sorted(
        [(case.pk, "parent"), (other.pk, "child")]
    )


def test_the_same_link_made_from_both_cases_at_once_is_stored_once():
    user = UserFactory(role_id="caseworker")
    parent, child = CaseFactory(), CaseFactory()
    attempts = [
        (parent, {"related_case_id": str(child.pk), "relationship_type": "parent"}),
        (child, {"related_case_id": str(parent.pk), "relationship_type": "child"}),
    ]

    def link(i):
        case, body = attempts[i]
        return ApiClient(user).post(f"/cases/{case.pk}/relationships", body).status_code

    assert Counter(run_at_once(2, link)) == Counter({201: 1, 409: 1})
    assert CaseRelationship.objects.count() == 2


def test_eight_identical_links_at_once_leave_exactly_one_pair():
    user = UserFactory(role_id="manager")
    case, other = CaseFactory(), CaseFactory()
    body = {"related_case_id": str(other.pk), "relationship_type": "blocks"}

    def link(_):
        return ApiClient(user).post(f"/cases/{case.pk}/relationships", body).status_code

    assert Counter(run_at_once(8, link)) == Counter({201: 1, 409: 7})
    assert CaseRelationship.objects.count() == 2
