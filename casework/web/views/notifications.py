"""The dashboard's inbox of unread notifications: mark one read, or all of them."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casework.notifications import services
from casework.web import reads
from casework.web.views.base import is_htmx, staff_page


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
