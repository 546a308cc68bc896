"""Reminders from due dates in the database, the weekly summary, retention clean-up, `casework run_scheduled`."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from casework.cases.models import Case
from casework.notifications.models import Delivery, Notification
from casework.notifications.scheduled import (
    clean_up_notifications,
    send_due_date_reminders,
    send_weekly_summaries,
)
from casework.ops.tasks import run_scheduled_jobs
from tests.cases.factories import CaseFactory, status

TODAY = dt.date(2026, 3, 10)  # a Tuesday


def test_assignees_are_reminded_of_overdue_and_due_soon_cases_once(caseworker, settings):
    settings.REMINDER_DUE_SOON_DAYS = 2
    overdue: Case = CaseFactory(assigned_to=caseworker, due_date=TODAY - dt.timedelta(days=1))
    due_soon: Case = CaseFactory(assigned_to=caseworker, due_date=TODAY + dt.timedelta(days=2))
    CaseFactory(assigned_to=caseworker, due_date=TODAY + dt.timedelta(days=3))  # not yet
    CaseFactory(assigned_to=None, due_date=TODAY - dt.timedelta(days=1))  # nobody to remind
    CaseFactory(
        assigned_to=caseworker, due_date=TODAY - dt.timedelta(days=9), status=status("Closed - Successful")
    )

    assert send_due_date_reminders(today=TODAY) == {"overdue": 1, "due_soon": 1}
    assert send_due_date_reminders(today=TODAY) == {"overdue": 0, "due_soon": 0}, "a rerun sends nothing"

    kinds = {n.target_id: n.kind for n in Notification.objects.filter(recipient=caseworker)}
    assert kinds == {str(overdue.pk): "case.overdue", str(due_soon.pk): "case.due_soon"}
    assert Delivery.objects.filter(channel="email", destination=caseworker.email).count() == 2


def test_an_overdue_case_is_reminded_again_the_next_day_but_due_soon_once_per_due_date(caseworker):
    CaseFactory(assigned_to=caseworker, due_date=TODAY - dt.timedelta(days=1))
    CaseFactory(assigned_to=caseworker, due_date=TODAY + dt.timedelta(days=2))
    send_due_date_reminders(today=TODAY)

    assert send_due_date_reminders(today=TODAY + dt.timedelta(days=1)) == {"overdue": 1, "due_soon": 0}


def test_the_weekly_summary_goes_to_managers_once_a_week(manager, caseworker, admin):
    CaseFactory(assigned_to=caseworker, due_date=TODAY - dt.timedelta(days=1))
    CaseFactory(assigned_to=None)

    assert send_weekly_summaries(today=TODAY) == 2  # the manager and the admin may assign cases
    assert send_weekly_summaries(today=TODAY + dt.timedelta(days=3)) == 0, "same ISO week"
    assert send_weekly_summaries(today=TODAY + dt.timedelta(days=7)) == 2

    summary = Notification.objects.filter(recipient=manager, kind="summary.weekly").first()
    assert summary is not None
    assert "Open cases: 2 (1 overdue, 1 unassigned)" in summary.body
    assert not Notification.objects.filter(recipient=caseworker, kind="summary.weekly").exists()


def test_clean_up_deletes_read_notifications_older_than_the_retention_but_keeps_unread_ones(caseworker):
    old = timezone.now() - dt.timedelta(days=100)
    for is_read in (True, False):
        Notification.objects.create(recipient=caseworker, kind="k", title="old", is_read=is_read)
    Notification.objects.update(created_at=old)
    Notification.objects.create(recipient=caseworker, kind="k", title="recent and read", is_read=True)

    assert clean_up_notifications(days=90) == 1

    assert sorted(Notification.objects.values_list("title", "is_read")) == [
        ("old", False),
        ("recent and read", True),
    ]


def test_run_scheduled_runs_every_job_for_the_given_day_and_prints_what_each_did(caseworker, manager):
    CaseFactory(assigned_to=caseworker, due_date=TODAY - dt.timedelta(days=1))
    out = io.StringIO()

    call_command("run_scheduled", "--today", TODAY.isoformat(), stdout=out)

    results = json.loads(out.getvalue())
    assert results["reminders"] == {"overdue": 1, "due_soon": 0}
    assert results["summary"] == 1
    assert results["cleanup"] == 0
    assert results["recover"] == {"tasks_requeued": 0, "deliveries_requeued": 0}


def test_run_scheduled_refuses_an_unknown_job_naming_the_known_ones(db):
    with pytest.raises(
        CommandError, match="known jobs: recover, purge_read_audit, reminders, summary, cleanup"
    ):
        call_command("run_scheduled", "--only", "reminders,backup")


def test_the_run_scheduled_jobs_task_runs_what_the_command_runs_also_under_its_former_path(
    caseworker, manager
):
    CaseFactory(assigned_to=caseworker, due_date=TODAY - dt.timedelta(days=1))

    results = run_scheduled_jobs.call(TODAY.isoformat())

    assert list(results) == ["recover", "purge_read_audit", "reminders", "summary", "cleanup"]
    assert results["reminders"] == {"overdue": 1, "due_soon": 0}
    assert import_string("casework.notifications.tasks.run_scheduled_jobs") is run_scheduled_jobs
