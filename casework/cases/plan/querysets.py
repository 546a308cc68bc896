"""Reads of a case's plan: its links to other cases, the services delivered for it and its milestones, and
milestone progress for many cases in one query (`progress_of_cases`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import models
from django.db.models import Count, Q

if TYPE_CHECKING:
    from casework.cases.plan.models import CaseMilestone


@dataclass(frozen=True)
class MilestoneProgress:
    """How far a case's plan is: `completed` of `total` milestones, and the share as a whole percent."""

    completed: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        # Rounded down, so that 100 means every milestone is done.
        return self.completed * 100 // self.total if self.total else 0

    @classmethod
    def of(cls, milestones: Iterable["CaseMilestone"]) -> "MilestoneProgress":
        """The progress of milestones already loaded (no query)."""
        states = [m.is_completed for m in milestones]
        return cls(completed=sum(states), total=len(states))


class CaseRelationshipQuerySet(models.QuerySet):
    def of_case(self, case_id: Any) -> "CaseRelationshipQuerySet":
        return self.filter(case_id=case_id)

    def for_list(self) -> "CaseRelationshipQuerySet":
        return self.select_related("related_case__status", "created_by")


class DeliveredServiceQuerySet(models.QuerySet):
    def of_case(self, case_id: Any) -> "DeliveredServiceQuerySet":
        return self.filter(case_id=case_id)

    def for_list(self) -> "DeliveredServiceQuerySet":
        return self.select_related("created_by")


class CaseMilestoneQuerySet(models.QuerySet):
    def of_case(self, case_id: Any) -> "CaseMilestoneQuerySet":
        return self.filter(case_id=case_id)

    def for_list(self) -> "CaseMilestoneQuerySet":
        return self.select_related("created_by")

    def progress_by_case(self) -> dict[UUID, MilestoneProgress]:
        """Progress per case over the milestones in this queryset, in one query."""
        rows = (
            self.order_by()
            .values("case_id")
            .annotate(total=Count("pk"), completed=Count("pk", filter=Q(is_completed=True)))
        )
        return {
            row["case_id"]: MilestoneProgress(completed=row["completed"], total=row["total"]) for row in rows
        }

    def progress_of_cases(self, case_ids: Iterable[UUID]) -> dict[UUID, MilestoneProgress]:
        """Milestone progress of each given case, in one query; a case without milestones gets 0 of 0 (0 %)."""
        ids = list(case_ids)
        found = self.filter(case_id__in=ids).progress_by_case() if ids else {}
        return {case_id: found.get(case_id, MilestoneProgress()) for case_id in ids}
