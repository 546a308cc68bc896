"""Page/limit pagination shared by every list endpoint."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet


@dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    page: int
    limit: int

    def pagination(self) -> dict[str, int]:
        return {"page": self.page, "limit": self.limit}


def paginate(queryset: QuerySet, *, page: int, limit: int) -> Page:
    limit = min(limit, settings.API_MAX_PAGE_SIZE)
    offset = (page - 1) * limit
    total = queryset.order_by().count()
    return Page(items=list(queryset[offset : offset + limit]), total=total, page=page, limit=limit)
