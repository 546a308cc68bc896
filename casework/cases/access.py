"""Fetch-and-authorize helpers for cases: one call that either returns the case or raises 403/404."""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from casework.audit.services import record_read
from casework.cases import errors
from casework.cases.models import Case
from casework.core.permissions import require


def get_case_for_user(
    user: Any, case_id: UUID, *, permission: str = "cases.view", detail: bool = False
) -> Case:
    require(user, permission)
    queryset = Case.objects.for_detail(viewer=user) if detail else Case.objects.all()
    case = queryset.filter(pk=case_id).first()
    if case is None:
        raise errors.CASE_NOT_FOUND()
    return case


def record_clients_read(
    user: Any, cases: Iterable[Case], *, path: str, query: dict[str, Any] | None = None
) -> None:
    """A case names its client: the read record of the clients `cases` show, once each (one INSERT; with
    `query`, a list page or search)."""
    contact_ids = dict.fromkeys(case.contact_id for case in cases if case.contact_id)
    record_read(actor=user, kind="contact", ids=contact_ids, query=query, path=path)
