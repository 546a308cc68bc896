"""Links between cases: every link with its inverse on the other case, refused links, unlinking, audit."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from casework.audit.models import AuditEvent
from casework.cases.plan.models import CaseRelationship
from tests.cases.factories import CaseFactory
from tests.cases.plan.factories import link

pytestmark = pytest.mark.django_db


def links_of(case):
    return sorted(
        CaseRelationship.objects.filter(case=case).values_list("related_case_id", "relationship_type")
    )


def test_linking_a_parent_shows_the_child_link_on_the_other_case(api_as, caseworker, case, other_case):
    api = api_as(caseworker)
    response = api.post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "parent", "description": "Split out"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["relationship_type"] == "parent"
    assert body["related_case"]["case_number"] == "CASE-260101-00002"
    assert body["created_by"]["email"] == caseworker.email

    seen_from_the_child = api.get(f"/cases/{other_case.pk}/relationships").json()
    assert [(r["relationship_type"], r["related_case"]["id"]) for r in seen_from_the_child] == [
        ("child", str(case.pk))
    ]
    assert seen_from_the_child[0]["description"] == "Split out"


@pytest.mark.parametrize(
    ("kind", "inverse"),
    [
        ("parent", "child"),
        ("child", "parent"),
        ("blocks", "blocked_by"),
        ("blocked_by", "blocks"),
        ("related", "related"),
        ("duplicate", "duplicate"),
    ],
)
def test_every_link_type_is_stored_with_its_inverse(api_as, manager, case, other_case, kind, inverse):
    response = api_as(manager).post(
        f"/cases/{case.pk}/relationships", {"related_case_id": str(other_case.pk), "relationship_type": kind}
    )
    assert response.status_code == 201
    assert links_of(case) == [(other_case.pk, kind)]
    assert links_of(other_case) == [(case.pk, inverse)]


def test_the_listing_shows_the_related_cases_number_title_and_status(api_as, viewer, case, other_case):
    link(case, other_case, "blocked_by")
    rows = api_as(viewer).get(f"/cases/{case.pk}/relationships").json()
    assert rows[0]["related_case"] == {
        "id": str(other_case.pk),
        "case_number": "CASE-260101-00002",
        "title": "Rent arrears",
        "status_name": "Active",
        "status_type": "active",
    }
    assert rows[0]["relationship_type"] == "blocked_by"


def test_a_case_cannot_be_linked_to_itself(api_as, caseworker, case):
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships", {"related_case_id": str(case.pk), "relationship_type": "related"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "self_link"
    assert response.json()["field"] == "related_case_id"
    assert not CaseRelationship.objects.exists()


def test_linking_to_a_case_that_does_not_exist_is_refused(api_as, caseworker, case):
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(uuid.uuid4()), "relationship_type": "related"},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_case"
    assert not CaseRelationship.objects.exists()


def test_an_unknown_link_type_is_refused(api_as, caseworker, case, other_case):
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "sibling"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "relationship_type"


def test_the_same_link_twice_is_a_conflict(api_as, caseworker, case, other_case):
    link(case, other_case, "parent")
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "parent"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "relationship_exists"
    assert CaseRelationship.objects.count() == 2


def test_the_same_link_made_from_the_other_side_is_a_conflict(api_as, caseworker, case, other_case):
    link(case, other_case, "parent")
    response = api_as(caseworker).post(
        f"/cases/{other_case.pk}/relationships",
        {"related_case_id": str(case.pk), "relationship_type": "child"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "relationship_exists"


def test_making_a_parent_the_child_of_its_own_child_is_a_conflict(api_as, caseworker, case, other_case):
    link(case, other_case, "parent")
    response = api_as(caseworker).post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "child"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "relationship_contradicts"
    assert CaseRelationship.objects.count() == 2


def test_two_cases_may_be_related_and_one_block_the_other(case, other_case):
    link(case, other_case, "related")
    link(case, other_case, "blocks")
    assert links_of(case) == sorted([(other_case.pk, "related"), (other_case.pk, "blocks")])
    assert links_of(other_case) == sorted([(case.pk, "related"), (case.pk, "blocked_by")])


def test_removing_a_link_removes_its_inverse_too(api_as, caseworker, case, other_case):
    forward = link(case, other_case, "blocks")
    link(case, CaseFactory(), "related")
    response = api_as(caseworker).delete(f"/cases/{case.pk}/relationships/{forward.pk}")
    assert response.status_code == 204
    assert [kind for _, kind in links_of(case)] == ["related"]
    assert links_of(other_case) == []


def test_removing_a_link_through_a_case_it_does_not_belong_to_is_not_found(
    api_as, caseworker, case, other_case
):
    forward = link(case, other_case, "related")
    response = api_as(caseworker).delete(f"/cases/{CaseFactory().pk}/relationships/{forward.pk}")
    assert response.status_code == 404
    assert CaseRelationship.objects.count() == 2


def test_removing_a_link_that_does_not_exist_is_not_found(api_as, caseworker, case):
    response = api_as(caseworker).delete(f"/cases/{case.pk}/relationships/{uuid.uuid4()}")
    assert response.status_code == 404


def test_linking_and_unlinking_are_audited_on_both_cases(api_as, caseworker, case, other_case):
    api = api_as(caseworker)
    created = api.post(
        f"/cases/{case.pk}/relationships",
        {"related_case_id": str(other_case.pk), "relationship_type": "parent"},
    ).json()
    api.delete(f"/cases/{case.pk}/relationships/{created['id']}")
    for target, kind in ((case, "parent"), (other_case, "child")):
        events = AuditEvent.objects.filter(target_id=str(target.pk)).order_by("created_at")
        assert [(e.verb, e.data["relationship_type"], e.actor) for e in events] == [
            ("case.relationship_added", kind, caseworker),
            ("case.relationship_removed", kind, caseworker),
        ]


def test_the_database_refuses_a_self_link(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseRelationship.objects.create(case=case, related_case=case, relationship_type="related")


def test_the_database_refuses_the_same_link_twice(case, other_case):
    CaseRelationship.objects.create(case=case, related_case=other_case, relationship_type="related")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseRelationship.objects.create(case=case, related_case=other_case, relationship_type="related")


def test_deleting_a_case_removes_its_links_on_the_other_case(case, other_case):
    link(case, other_case, "duplicate")
    case.delete()
    assert not CaseRelationship.objects.exists()


def test_listing_links_costs_a_fixed_number_of_queries(api_as, viewer, case, django_assert_max_num_queries):
    for _ in range(5):
        link(case, CaseFactory(), "related")
    api = api_as(viewer)
    with django_assert_max_num_queries(3):  # user, case, links with their cases, statuses and creators
        response = api.get(f"/cases/{case.pk}/relationships")
    assert len(response.json()) == 5
