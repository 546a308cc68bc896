"""Named reads of case documents, and the one rule that decides who may see which document.

Visibility (by access level):
- public, standard: everyone who may read cases (`cases.view`);
- restricted: also staff who work cases (`cases.change`) on a case assigned to them or to a team they are in;
- confidential: only the case's assignee (`cases.change` and `Case.assigned_to`), plus everyone holding
  `cases.view_all_documents` (managers through `cases.*`, admins through `*`), who see every level.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from casework.core.permissions import can

if TYPE_CHECKING:
    from casework.documents.models import CaseDocument

EVERY_READER_LEVELS = ("public", "standard")
SEE_ALL_DOCUMENTS = "cases.view_all_documents"


def visibility_rule(user: Any, *, case: str = "case__", level: str = "access_level") -> Q:
    """The condition a row must meet for `user` to see it.

    `case` is the path from the queried model to the case ("" when querying cases), `level` the field or
    annotation holding the access level; documents use the defaults.
    """
    if not can(user, "cases.view"):
        return Q(pk__in=[])
    if can(user, SEE_ALL_DOCUMENTS):
        return Q()
    rule = Q(**{f"{level}__in": EVERY_READER_LEVELS})
    if can(user, "cases.change"):
        from casework.accounts.models import Team

        assignee = Q(**{f"{case}assigned_to": user.pk})
        # A subquery, not a join through members: a join would repeat the row once per team member.
        team = Q(**{f"{case}assigned_team__in": Team.objects.filter(members=user.pk).values("pk")})
        rule |= Q(**{level: "restricted"}) & (assignee | team)
        rule |= Q(**{level: "confidential"}) & assignee
    return rule


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "DocumentQuerySet":
        return self.filter(visibility_rule(user))

    def latest_versions(self) -> "DocumentQuerySet":
        return self.filter(is_latest=True)

    def of_case(self, case_id: Any) -> "DocumentQuerySet":
        return self.filter(case_id=case_id)

    def in_chain(self, root_id: Any) -> "DocumentQuerySet":
        """Every version of the document whose first version is `root_id`."""
        return self.filter(Q(pk=root_id) | Q(parent_document_id=root_id))

    def for_list(self) -> "DocumentQuerySet":
        return self.select_related("uploaded_by").order_by("-created_at", "-id")


def with_versions(documents: Iterable["CaseDocument"]) -> list["CaseDocument"]:
    """The documents, each given `version_list` (all its versions, newest first), in one more query."""
    documents = list(documents)
    roots = {doc.root_id for doc in documents}
    chains: dict[Any, list[CaseDocument]] = defaultdict(list)
    if documents:
        # The model from its rows, so that these reads need not import the models that import them.
        rows = (
            type(documents[0])
            .objects.filter(Q(pk__in=roots) | Q(parent_document_id__in=roots))
            .select_related("uploaded_by")
            .order_by("-version")
        )
        for row in rows:
            chains[row.root_id].append(row)
    for doc in documents:
        doc.version_list = chains[doc.root_id]  # type: ignore[attr-defined]
    return documents
