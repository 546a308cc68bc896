"""Fetch-and-authorize helpers for documents. A document the caller may not see is a 404, never a 403."""

from typing import Any
from uuid import UUID

from django.db.models import Value

from casework.cases.access import get_case_for_user
from casework.cases.models import Case
from casework.core.permissions import can, require
from casework.documents import errors
from casework.documents.models import CaseDocument, DocumentAccessLevel
from casework.documents.querysets import visibility_rule


def get_document_for_user(user: Any, document_id: UUID, *, permission: str = "cases.view") -> CaseDocument:
    """The document version `document_id` if `user` holds `permission` and may see it; else 403 / 404.

    The permission is checked first: it says nothing about the document (viewers may not change any).
    """
    require(user, permission)
    document = CaseDocument.objects.visible_to(user).select_related("case").filter(pk=document_id).first()
    if document is None:
        raise errors.DOCUMENT_NOT_FOUND()
    return document


def get_case_for_filing(user: Any, case_id: UUID, *, access_level: str) -> Case:
    """The case `user` may add a document to at `access_level`.

    Uploading needs `cases.change`, and nobody may file a document they could not see afterwards (403
    access_level_not_allowed): the rule is the one `visible_to` applies, evaluated for the case at that level.
    """
    case = get_case_for_user(user, case_id, permission="cases.change")
    allowed = (
        Case.objects.filter(pk=case.pk)
        .annotate(filing_level=Value(access_level))
        .filter(visibility_rule(user, case="", level="filing_level"))
        .exists()
    )
    if not allowed:
        raise errors.ACCESS_LEVEL_NOT_ALLOWED()
    return case


def get_document_for_deletion(user: Any, document_id: UUID) -> CaseDocument:
    """The document `user` may delete with all its versions.

    Who may: holders of `cases.delete` (managers, admins), and a caseworker who uploaded every version of it
    (their own mistake, not someone else's work). Both must be able to see it; otherwise 404.
    """
    document = get_document_for_user(user, document_id)
    if can(user, "cases.delete"):
        return document
    if can(user, "cases.change"):
        uploaders = set(
            CaseDocument.objects.in_chain(document.root_id).values_list("uploaded_by_id", flat=True)
        )
        if uploaders == {user.pk}:
            return document
    raise errors.DELETE_DENIED()


def filing_levels(user: Any, case: Case) -> list[str]:
    """The access levels `user` may file a document at on `case` (what `get_case_for_filing` allows), in the
    order of `DocumentAccessLevel`; empty without `cases.change`."""
    if not can(user, "cases.change"):
        return []
    return [
        level
        for level in DocumentAccessLevel.values
        if Case.objects.filter(pk=case.pk)
        .annotate(filing_level=Value(level))
        .filter(visibility_rule(user, case="", level="filing_level"))
        .exists()
    ]
