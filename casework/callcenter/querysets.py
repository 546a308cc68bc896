"""Named reads of citizen records: `CitizenRecord.objects.filtered(...).search(q).for_list()`."""

import datetime as dt

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q


def _case_of_citizen() -> Exists:
    CallcenterCase = apps.get_model("callcenter", "CallcenterCase")
    return Exists(CallcenterCase.objects.filter(citizen=OuterRef("pk")))


class CitizenRecordQuerySet(models.QuerySet):
    def in_queue(self, *, appearance_threshold: int) -> "CitizenRecordQuerySet":
        """Records an operator may be handed next, fewest appearances first.

        The 106-case test is a NOT EXISTS rather than a LEFT JOIN: PostgreSQL refuses FOR UPDATE on the
        nullable side of an outer join.
        """
        return (
            self.filter(
                status="Pending",
                is_answered_the_call=False,
                is_dead=False,
                is_left_the_city=False,
                appearance_count__lt=appearance_threshold,
            )
            .exclude(_case_of_citizen())
            .order_by("appearance_count", "id")
        )

    def with_expired_lock(self, *, now: dt.datetime) -> "CitizenRecordQuerySet":
        return self.filter(status="InProgress", locked_until__lte=now)

    def filtered(
        self,
        *,
        status: str | None = None,
        has_case: bool | None = None,
        appearance_count: int | None = None,
        min_appearance_count: int | None = None,
    ) -> "CitizenRecordQuerySet":
        qs = self
        if status:
            qs = qs.filter(status=status)
        if has_case is not None:
            qs = qs.filter(_case_of_citizen()) if has_case else qs.exclude(_case_of_citizen())
        if appearance_count is not None:
            qs = qs.filter(appearance_count=appearance_count)
        if min_appearance_count is not None:
            qs = qs.filter(appearance_count__gte=min_appearance_count)
        return qs

    def search(self, text: str | None) -> "CitizenRecordQuerySet":
        """Every word must match a name, a phone or the family file id."""
        if not text:
            return self
        query = Q()
        for word in text.split():
            query &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(fid__iexact=word)
                | Q(phone1__contains=word)
                | Q(phone2__contains=word)
                | Q(phone3__contains=word)
            )
        return self.filter(query)

    def for_list(self) -> "CitizenRecordQuerySet":
        return self.select_related("callcenter_case")
