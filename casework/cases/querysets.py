"""Named reads of cases, chainable: `Case.objects.filtered(...).search(q).for_list().sorted_by(sort)`."""

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Case as When_, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

SORTS = {
    "created_at": ("created_at", "id"),
    "updated_at": ("updated_at", "id"),
    "due_date": ("due_date", "id"),
    "case_number": ("case_number",),
    "title": ("title", "id"),
    "priority": ("priority_rank", "-created_at", "id"),
    "status": ("status__sort_order", "-created_at", "id"),
}


def _count_of(model_label: str, related: str) -> Coalesce:
    from django.apps import apps

    model = apps.get_model(model_label)
    counts = (
        model.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


class CaseQuerySet(models.QuerySet):
    def open(self) -> "CaseQuerySet":
        return self.filter(status__status_type__in=["intake", "active", "review"])

    def with_counts(self) -> "CaseQuerySet":
        return self.annotate(
            notes_count=_count_of("cases.CaseNote", "notes"),
            documents_count=_count_of("cases.CaseDocument", "documents"),
        )

    def for_list(self) -> "CaseQuerySet":
        return self.select_related("status", "case_type", "contact", "assigned_to").with_counts()

    def for_detail(self) -> "CaseQuerySet":
        return self.for_list().prefetch_related("status__can_transition_to")

    def search(self, text: str | None) -> "CaseQuerySet":
        if not text:
            return self
        query = Q()
        for word in text.split():
            query &= (
                Q(case_number__icontains=word)
                | Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(contact__first_name__icontains=word)
                | Q(contact__last_name__icontains=word)
            )
        return self.filter(query)

    def filtered(
        self,
        *,
        contact_id: Any = None,
        case_type_id: Any = None,
        status_id: Any = None,
        status_type: str | None = None,
        priority: str | None = None,
        assigned_to: Any = None,
        due_before: dt.date | None = None,
        is_urgent: bool | None = None,
    ) -> "CaseQuerySet":
        filters: dict[str, Any] = {
            "contact_id": contact_id,
            "case_type_id": case_type_id,
            "status_id": status_id,
            "status__status_type": status_type,
            "priority": priority,
            "assigned_to_id": assigned_to,
            "due_date__lt": due_before,
            "is_urgent": is_urgent,
        }
        return self.filter(**{k: v for k, v in filters.items() if v is not None})

    def sorted_by(self, sort: str | None) -> "CaseQuerySet":
        sort = sort or "-created_at"
        descending = sort.startswith("-")
        keys = SORTS[sort.lstrip("-")]
        qs = self
        if "priority_rank" in keys:
            qs = qs.annotate(
                priority_rank=When_(
                    When(priority="low", then=1),
                    When(priority="medium", then=2),
                    When(priority="high", then=3),
                    When(priority="urgent", then=4),
                    output_field=IntegerField(),
                )
            )
        first, *rest = keys
        ordering = [f"-{first}" if descending else first]
        ordering += [f"-{k}" if descending and not k.startswith("-") else k for k in rest]
        return qs.order_by(*ordering)
