"""The day's overview: the summary figures with charts, the lists a caseworker starts from, the inbox of unread
notifications (mark one read, or all of them), and where a user lands who does not work the case list."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casework.cases import tallies
from casework.cases.models import Case
from casework.core import labels
from casework.core.permissions import can
from casework.notifications import services
from casework.web.dashboard import reads
from casework.web.shell.pages import is_htmx, staff_page


def bars(rows: list[tuple[Any, int]]) -> list[dict[str, Any]]:
    """Chart rows with each value's share of the largest, for CSS bar widths."""
    top = max((n for _, n in rows), default=0) or 1
    return [{"label": name, "value": n, "percent": round(100 * n / top)} for name, n in rows]


@staff_page("cases.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    summary = tallies.summary(today=today)
    weeks = reads.opened_closed_by_week(Case.objects.all(), today=today)
    top = max((max(w["opened"], w["closed"]) for w in weeks), default=0) or 1
    for week in weeks:
        week["opened_percent"] = round(100 * week["opened"] / top)
        week["closed_percent"] = round(100 * week["closed"] / top)
    size = reads.DASHBOARD_LIST_SIZE
    context = {
        "summary": summary,
        "by_status_type": bars(
            [(labels.label("status_type", k), n) for k, n in summary["by_status_type"].items()]
        ),
        "by_priority": bars([(labels.label("priority", k), n) for k, n in summary["by_priority"].items()]),
        "by_case_type": bars(
            [(labels.label("case_type", r["name"]), r["count"]) for r in summary["by_case_type"]]
        ),
        "weeks": weeks,
        "my_cases": list(reads.my_open_cases(user)[:size]),  # type: ignore[arg-type]
        "due_this_week": list(reads.due_this_week(today)[:size]),
        "overdue": list(reads.overdue(today)[:size]),
        "unassigned": list(reads.unassigned_queue()[:size]),
        "notifications": list(reads.unread_notifications(user)[:size]),  # type: ignore[arg-type]
        "today": today,
    }
    return render(request, "web/dashboard.html", context)


# Where a signed-in user lands when their role does not work the case list (first match wins).
LANDING_PAGES = [
    ("naturecheck.assign", "web:naturecheck_farms"),
    ("naturecheck.work", "web:naturecheck_inbox"),
    ("callcenter.manage", "web:callcenter_admin"),
    ("callcenter.work", "web:callcenter_queue"),
]


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard for case staff; employees, consultants and operators go to their own module."""
    if request.user.is_authenticated and not can(request.user, "cases.view"):
        for permission, page in LANDING_PAGES:
            if can(request.user, permission):
                return redirect(page)
    return dashboard(request)


# --- the inbox of notifications ------------------------------------------------------------------------------


def _inbox(request: HttpRequest) -> HttpResponse:
    if not is_htmx(request):
        return redirect("web:dashboard")
    notifications = list(reads.unread_notifications(request.user)[: reads.DASHBOARD_LIST_SIZE])  # type: ignore[arg-type]
    return render(
        request, "web/partials/notifications.html", {"notifications": notifications, "marked": True}
    )


@require_POST
@staff_page("cases.view")
def mark_read(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    """Someone else's notification is 404, as if it did not exist (the service decides)."""
    services.mark_read(notification_id, user=request.user)
    return _inbox(request)


@require_POST
@staff_page("cases.view")
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(user=request.user)
    return _inbox(request)
