"""Pagination shared by the list endpoints: page/limit everywhere, and keyset cursors where a list offers them.

A cursor is opaque to clients: the sort keys of the last row served, so that the next page starts right after
it (`WHERE (keys) > (last row's keys)`), as cheap at row 1,000,000 as at row 1, and stable while rows are
added or removed. Page numbers keep working; pages read their ids first (from an index, where one fits) and only
then the rows themselves (a deferred join), so skipped rows cost an index entry each and joins run for the page
alone.
"""

import base64
import binascii
import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F, OrderBy, Q, QuerySet

from casework.core.errors import INVALID_CURSOR


@dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    page: int
    limit: int
    next_cursor: str | None = None

    def pagination(self) -> dict[str, int]:
        return {"page": self.page, "limit": self.limit}


def paginate(queryset: QuerySet, *, page: int, limit: int, total: int | None = None) -> Page:
    """The `page`th `limit` rows (limit capped); `total` counts the queryset unless the caller knows it."""
    limit = min(limit, settings.API_MAX_PAGE_SIZE)
    offset = (page - 1) * limit
    if total is None:
        total = queryset.order_by().count()
    return Page(items=list(queryset[offset : offset + limit]), total=total, page=page, limit=limit)


@dataclass(frozen=True)
class _Key:
    name: str
    descending: bool
    nulls_last: bool  # only for keys that may be null; they must say where nulls go (the databases differ)


def _keys(queryset: QuerySet) -> list[_Key]:
    keys = []
    for item in queryset.query.order_by:
        if isinstance(item, str):
            keys.append(_Key(item.lstrip("-"), item.startswith("-"), nulls_last=False))
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            keys.append(_Key(item.expression.name, item.descending, nulls_last=bool(item.nulls_last)))
        else:
            raise TypeError(f"keyset pagination cannot order by {item!r}")
    # The order must be total: it ends with the primary key (or is one unique column, like the case number).
    if not keys or (len(keys) > 1 and keys[-1].name not in ("id", "pk")):
        raise TypeError("keyset pagination needs an ordering that ends with the primary key")
    return keys


def _value_of(row: Any, name: str) -> Any:
    for part in name.split("__"):
        row = getattr(row, part)
        if row is None:
            return None
    return row


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):  # and datetimes
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def _signature(keys: list[_Key]) -> str:
    return ",".join(f"{'-' if k.descending else ''}{k.name}" for k in keys)


def encode_cursor(keys: list[_Key], row: Any) -> str:
    payload = {"k": _signature(keys), "v": [_jsonable(_value_of(row, k.name)) for k in keys]}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_cursor(keys: list[_Key], cursor: str) -> list[Any]:
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        values = payload["v"]
        matches = payload["k"] == _signature(keys) and isinstance(values, list) and len(values) == len(keys)
    except (ValueError, TypeError, KeyError, binascii.Error):
        matches = False
    if not matches or not all(v is None or isinstance(v, str | int | float) for v in values):
        raise INVALID_CURSOR()
    return values


def _after(keys: list[_Key], values: list[Any]) -> Q:
    """Rows strictly after `values` in the order `keys`: (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or ..."""
    condition = Q(pk__in=[])
    ties = Q()
    for key, value in zip(keys, values, strict=True):
        if value is None:
            beyond = Q(pk__in=[])  # nulls come last: nothing is beyond a null but the ties after it
            equal = Q(**{f"{key.name}__isnull": True})
        else:
            beyond = Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": value})
            if key.nulls_last:
                beyond |= Q(**{f"{key.name}__isnull": True})
            equal = Q(**{key.name: value})
        condition |= ties & beyond
        ties &= equal
    first, value = keys[0], values[0]
    if value is not None and not first.nulls_last:
        # Redundant, but it is what lets the database start its index range scan at the cursor.
        condition &= Q(**{f"{first.name}__{'lte' if first.descending else 'gte'}": value})
    return condition


def paginate_by_keys(
    queryset: QuerySet,
    *,
    page: int,
    limit: int,
    cursor: str | None = None,
    total: int | None = None,
    rows: Callable[[QuerySet], QuerySet] | None = None,
) -> Page:
    """Like `paginate`, for a queryset whose ordering is total (it ends with the primary key); the page also
    carries `next_cursor`. With `cursor`, the rows come right after the cursor's row and `page` is ignored.

    The page's ids are chosen first, from `queryset` alone (filters and order: what an index can answer), then
    `rows(ids)` reads those rows with everything the list shows (default: the queryset itself), in the same
    order. Two queries whatever the limit: the count (unless the caller knows `total`) and the page.
    """
    keys = _keys(queryset)
    limit = min(limit, settings.API_MAX_PAGE_SIZE)
    if total is None:
        total = queryset.order_by().count()
    chosen = queryset.filter(_after(keys, _decode_cursor(keys, cursor))) if cursor else queryset
    offset = 0 if cursor else (page - 1) * limit
    ids = chosen.values("pk")[offset : offset + limit + 1]
    found = list(rows(ids) if rows is not None else queryset.filter(pk__in=ids))
    items = found[:limit]
    next_cursor = encode_cursor(keys, items[-1]) if len(found) > limit else None
    return Page(items=items, total=total, page=page, limit=limit, next_cursor=next_cursor)
