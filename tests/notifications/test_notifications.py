"""The in-app inbox: each user sees and marks only their own notifications."""

import uuid

import pytest

from casework.notifications.models import Notification
from casework.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_only_my_notifications_newest_first(api_as, caseworker, manager):
    first = notify(recipient=caseworker, kind="test", title="first")
    second = notify(recipient=caseworker, kind="test", title="second")
    notify(recipient=manager, kind="test", title="not yours")
    body = api_as(caseworker).get("/notifications").json()
    assert [n["id"] for n in body["notifications"]] == [str(second.pk), str(first.pk)]
    assert body["total"] == 2
    assert body["unread"] == 2


def test_marking_one_read(api_as, caseworker):
    note = notify(recipient=caseworker, kind="test", title="hello")
    response = api_as(caseworker).post(f"/notifications/{note.pk}/read")
    assert response.status_code == 200
    assert response.json()["is_read"] is True
    assert response.json()["read_at"] is not None
    assert api_as(caseworker).get("/notifications", unread="true").json()["total"] == 0


def test_someone_elses_notification_is_404(api_as, caseworker, manager):
    note = notify(recipient=manager, kind="test", title="private")
    assert api_as(caseworker).post(f"/notifications/{note.pk}/read").status_code == 404
    assert api_as(caseworker).post(f"/notifications/{uuid.uuid4()}/read").status_code == 404
    assert Notification.objects.get(pk=note.pk).is_read is False


def test_read_all_marks_only_mine(api_as, caseworker, manager):
    notify(recipient=caseworker, kind="test", title="a")
    notify(recipient=caseworker, kind="test", title="b")
    theirs = notify(recipient=manager, kind="test", title="c")
    response = api_as(caseworker).post("/notifications/read-all")
    assert response.json() == {"marked": 2}
    assert Notification.objects.get(pk=theirs.pk).is_read is False


def test_an_empty_inbox_says_so(api_as, viewer):
    body = api_as(viewer).get("/notifications").json()
    assert body["total"] == 0
    assert body["message"]


def test_the_inbox_needs_a_token(anonymous_api):
    assert anonymous_api.get("/notifications").status_code == 401
    assert anonymous_api.post("/notifications/read-all").status_code == 401


def test_listing_the_inbox_costs_a_fixed_number_of_queries(api_as, caseworker, django_assert_max_num_queries):
    for n in range(30):
        notify(recipient=caseworker, kind="test", title=f"n{n}")
    api = api_as(caseworker)
    with django_assert_max_num_queries(4):
        assert len(api.get("/notifications", limit=30).json()["notifications"]) == 30


def test_an_inactive_user_gets_no_notifications(caseworker):
    caseworker.is_active = False
    caseworker.save()
    assert notify(recipient=caseworker, kind="test", title="x") is None
