"""Consultants see their Nature Check tasks through the shared notification endpoints."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_consultants_inbox_lists_assignments_newest_first_with_farm_priority_notes_and_time(
    nc_api, employee, consultant, farm
):
    from tests.naturecheck.factories import FarmFactory

    second_farm = FarmFactory(name="Højgården")
    api = nc_api(employee)
    for target, priority, notes in ((farm, "Lav", "Første"), (second_farm, "Haster", "Anden")):
        body = {
            "farm_id": str(target.pk),
            "consultant_id": str(consultant.pk),
            "priority": priority,
            "notes": notes,
        }
        assert api.post("/naturecheck/cases", body).status_code == 201
    inbox = nc_api(consultant).get("/notifications").json()
    assert inbox["unread"] == 2
    assert [n["data"]["farm_name"] for n in inbox["notifications"]] == ["Højgården", "Enggården"]
    newest = inbox["notifications"][0]["data"]
    assert (newest["priority"], newest["notes"]) == ("Urgent", "Anden")
    assert newest["assigned_at"]
    assert inbox["message"] is None


def test_the_notification_title_is_in_the_assigning_employees_language(nc_api, employee, consultant, farm):
    body = {"farm_id": str(farm.pk), "consultant_id": str(consultant.pk)}
    nc_api(employee, language="da").post("/naturecheck/cases", body)
    inbox = nc_api(consultant).get("/notifications").json()
    assert inbox["notifications"][0]["title"] == "Natur Check opgave for Enggården"


def test_an_empty_inbox_says_no_tasks_assigned_in_danish(nc_api, consultant):
    inbox = nc_api(consultant, language="da").get("/notifications").json()
    assert inbox["total"] == 0
    assert inbox["message"] == "Ingen opgaver tildelt."


def test_a_reassigned_case_leaves_the_old_consultants_inbox_with_nothing_unread(
    nc_api, employee, consultant, other_consultant, farm
):
    created = nc_api(employee).post(
        "/naturecheck/cases", {"farm_id": str(farm.pk), "consultant_id": str(consultant.pk)}
    )
    nc_api(employee).put(
        f"/naturecheck/cases/{created.json()['id']}",
        {"row_version": 1, "consultant_id": str(other_consultant.pk)},
    )
    assert nc_api(consultant).get("/notifications").json()["unread"] == 0
    assert nc_api(other_consultant).get("/notifications").json()["unread"] == 1
