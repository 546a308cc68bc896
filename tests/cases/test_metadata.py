"""Case types and statuses as seeded, and the metadata endpoints that serve them."""

import pytest

from casework.cases.models import CaseStatus

pytestmark = pytest.mark.django_db

SEEDED_TYPES = [
    ("General Support", "blue", "support"),
    ("Crisis Intervention", "red", "alert"),
    ("Counseling", "purple", "psychology"),
    ("Legal Assistance", "green", "gavel"),
    ("Housing", "orange", "home"),
    ("Employment", "teal", "work"),
    ("Healthcare", "pink", "medical"),
    ("Financial Assistance", "yellow", "attach_money"),
]

SEEDED_STATUSES = [
    ("Intake", "intake", "gray"),
    ("Under Review", "active", "blue"),
    ("Active", "active", "green"),
    ("Pending Client", "active", "yellow"),
    ("Pending External", "active", "orange"),
    ("In Progress", "active", "cyan"),
    ("On Hold", "review", "purple"),
    ("Ready for Closure", "review", "lime"),
    ("Closed - Successful", "closed", "darkgreen"),
    ("Closed - Unsuccessful", "closed", "red"),
    ("Closed - Referred", "closed", "blue"),
    ("Cancelled", "cancelled", "gray"),
]


def test_the_eight_case_types_are_listed_in_seed_order(api_as, viewer):
    response = api_as(viewer).get("/cases/types")
    assert response.status_code == 200
    body = response.json()
    assert [(t["name"], t["color"], t["icon"]) for t in body] == SEEDED_TYPES
    housing = next(t for t in body if t["name"] == "Housing")
    assert {f["key"] for f in housing["custom_fields"]} >= {
        "household_size",
        "current_situation",
        "income_level",
    }
    assert all(t["is_active"] and t["requires_intake"] for t in body)


def test_the_twelve_statuses_are_listed_in_workflow_order(api_as, viewer):
    response = api_as(viewer).get("/cases/statuses")
    assert response.status_code == 200
    body = response.json()
    assert [(s["name"], s["status_type"], s["color"]) for s in body] == SEEDED_STATUSES
    assert [s["sort_order"] for s in body] == list(range(1, 13))


def test_every_status_can_be_left_and_every_status_can_be_reached(db):
    statuses = CaseStatus.objects.prefetch_related("can_transition_to", "reachable_from")
    for status in statuses:
        assert status.can_transition_to.exists(), status.name
        if status.name != "Intake":
            assert status.reachable_from.exists(), status.name


def test_an_inactive_status_is_not_listed(api_as, viewer):
    CaseStatus.objects.filter(name="Pending External").update(is_active=False)
    names = [s["name"] for s in api_as(viewer).get("/cases/statuses").json()]
    assert "Pending External" not in names
    assert len(names) == 11


def test_metadata_needs_a_token(anonymous_api):
    for path in ("/cases/types", "/cases/statuses", "/cases/summary"):
        response = anonymous_api.get(path)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
