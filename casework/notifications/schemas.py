import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Schema
from pydantic import Field

from casework.core.schemas import PaginationOut


class NotificationOut(Schema):
    id: UUID
    kind: str
    title: str
    body: str
    target_type: str
    target_id: str
    data: dict[str, Any]
    is_read: bool
    read_at: dt.datetime | None
    created_at: dt.datetime


class NotificationListOut(Schema):
    notifications: list[NotificationOut]
    total: int
    unread: int
    pagination: PaginationOut
    message: str | None = Field(
        None, description="A readable line for an empty inbox, in the caller's language"
    )


class NotificationFilters(Schema):
    unread: bool | None = None
    kind: str | None = Field(None, max_length=60)
    page: int = Field(1, ge=1, le=1_000_000)
    limit: int = Field(20, ge=1, le=100)


class MarkedOut(Schema):
    marked: int


class DeliveryOut(Schema):
    """One e-mail or webhook call sent (or to be sent) about a case, for the case timeline."""

    id: UUID
    channel: str
    kind: str
    destination: str | None = Field(
        description="The e-mail address or webhook URL: shown to administrators only (null for everyone else), "
        "since an admin-configured URL can carry its receiver's token"
    )
    status: str = Field(description="pending, sending, sent or failed")
    attempts: int
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None
    last_error: str
    created_at: dt.datetime


class DeliveryFilters(Schema):
    case_id: UUID
