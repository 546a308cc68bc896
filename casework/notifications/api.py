from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from casework.accounts.auth import current_user
from casework.cases.access import get_case_for_user
from casework.core.api import ErrorOut
from casework.core.pagination import paginate
from casework.notifications import services
from casework.notifications.access import delivery_out, sees_destinations
from casework.notifications.models import Delivery, Notification
from casework.notifications.schemas import (
    DeliveryFilters,
    DeliveryOut,
    MarkedOut,
    NotificationFilters,
    NotificationListOut,
    NotificationOut,
)

router = Router(tags=["notifications"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/deliveries", response={200: list[DeliveryOut], 403: ErrorOut, **ERRORS})
def list_deliveries(request: HttpRequest, filters: Query[DeliveryFilters]):
    """The e-mails and webhook calls about one case, newest first, with their delivery status (for the case
    timeline). Needs the right to see the case; only administrators see where each went (`destination`)."""
    user = current_user(request)
    case = get_case_for_user(user, filters.case_id)
    deliveries = Delivery.objects.filter(target_type=case._meta.label_lower, target_id=str(case.pk)).order_by(
        "-created_at", "-id"
    )[:200]
    return [delivery_out(row, show_destination=sees_destinations(user)) for row in deliveries]


@router.get("", response={200: NotificationListOut, **ERRORS})
def list_notifications(request: HttpRequest, filters: Query[NotificationFilters]):
    """The caller's own notifications, newest first. Nobody can list anyone else's."""
    user = current_user(request)
    mine = Notification.objects.filter(recipient=user)
    listed = mine
    if filters.unread is not None:
        listed = listed.filter(is_read=not filters.unread)
    if filters.kind:
        listed = listed.filter(kind=filters.kind)
    page = paginate(listed.order_by("-created_at", "-id"), page=filters.page, limit=filters.limit)
    return {
        "notifications": page.items,
        "total": page.total,
        "unread": mine.filter(is_read=False).count(),
        "pagination": page.pagination(),
        "message": None if page.total else _("No notifications."),
    }


@router.post("/read-all", response={200: MarkedOut, **ERRORS})
def mark_all_read(request: HttpRequest):
    """Mark every one of the caller's notifications read."""
    return {"marked": services.mark_all_read(user=current_user(request))}


@router.post("/{notification_id}/read", response={200: NotificationOut, **ERRORS})
def mark_read(request: HttpRequest, notification_id: UUID):
    """Mark one of the caller's notifications read (someone else's: 404)."""
    return services.mark_read(notification_id, user=current_user(request))
