"""Named reads of citizen records: `CitizenRecord.objects.filtered(...).search(q).for_list()`."""

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q

from casework.core.permissions import can

# Who reads every citizen: the list's admins (`callcenter.manage`), and a supervising role an admin grants
# `callcenter.view_all` to. Everyone else with `callcenter.work` reads only what `readable_by` lets through.
READ_EVERY_CITIZEN = ("callcenter.manage", "callcenter.view_all")


def _case_of_citizen() -> Exists:
    CallcenterCase = apps.get_model("callcenter", "CallcenterCase")
    return Exists(CallcenterCase.objects.filter(citizen=OuterRef("pk")))


def last_attempt_before(moment: dt.datetime) -> Q:
    """Never tried, or last handed out before `moment`: the stamp of the latest appearance (the first three
    are stamped; a later one, possible when the threshold is raised, counts from the last update)."""
    # A record without the stamp (data from before the stamps) has no known last attempt: it waits for nothing.
    return (
        Q(appearance_count=0)
        | Q(appearance_count=1) & (Q(first_appearance_at__isnull=True) | Q(first_appearance_at__lt=moment))
        | Q(appearance_count=2) & (Q(second_appearance_at__isnull=True) | Q(second_appearance_at__lt=moment))
        | Q(appearance_count=3) & (Q(third_appearance_at__isnull=True) | Q(third_appearance_at__lt=moment))
        | Q(appearance_count__gt=3) & (Q(last_updated_at__isnull=True) | Q(last_updated_at__lt=moment))
    )


def last_attempt_at(citizen: Any) -> dt.datetime | None:
    """When the record was last handed out, by the same stamps `last_attempt_before` reads."""
    stamps = {1: "first_appearance_at", 2: "second_appearance_at", 3: "third_appearance_at"}
    return getattr(citizen, stamps.get(citizen.appearance_count, "last_updated_at"), None)


def _unreached(appearance_threshold: int) -> Q:
    """Nobody answered in the threshold number of attempts: the citizen is handed to the 106 hotline."""
    return Q(
        status="Pending",
        appearance_count__gte=appearance_threshold,
        is_answered_the_call=False,
        is_dead=False,
        is_left_the_city=False,
    )


class CitizenRecordQuerySet(models.QuerySet):
    def in_queue(
        self, *, appearance_threshold: int, retried_before: dt.datetime | None = None
    ) -> "CitizenRecordQuerySet":
        """Records an operator may be handed next, fewest appearances first; with `retried_before`, only those
        never tried or last tried before it (the retry delay).

        The 106-case test is a NOT EXISTS rather than a LEFT JOIN: PostgreSQL refuses FOR UPDATE on the
        nullable side of an outer join.
        """
        queue = self.filter(
            status="Pending",
            is_answered_the_call=False,
            is_dead=False,
            is_left_the_city=False,
            appearance_count__lt=appearance_threshold,
        )
        if retried_before is not None:
            queue = queue.filter(last_attempt_before(retried_before))
        return queue.exclude(_case_of_citizen()).order_by("appearance_count", "id")

    def waiting_for_retry(
        self, *, appearance_threshold: int, retried_after: dt.datetime
    ) -> "CitizenRecordQuerySet":
        """Records the queue would offer but for the retry delay: last tried after `retried_after`."""
        return (
            self.in_queue(appearance_threshold=appearance_threshold)
            .exclude(last_attempt_before(retried_after))
            .order_by("last_updated_at", "id")
        )

    def awaiting_106_case(self, *, appearance_threshold: int) -> "CitizenRecordQuerySet":
        """Citizens the queue no longer hands out because nobody answered their calls, and who have no 106 case:
        unanswered after the threshold number of appearances, back to Pending, not dead, not moved away."""
        return self.filter(_unreached(appearance_threshold)).exclude(_case_of_citizen())

    def readable_by(self, user: Any, *, appearance_threshold: int) -> "CitizenRecordQuerySet":
        """The citizens `user` may read. Admins and holders of `callcenter.view_all`: all. An operator: the
        record they hold, the records they have handled (`CitizenHandler`), and the citizens nobody reached,
        whose 106 case any operator opens (the queue page lists those waiting for one to every operator; one
        whose case a colleague opened a moment ago stays readable, so a second attempt is 409, not 404)."""
        if any(can(user, permission) for permission in READ_EVERY_CITIZEN):
            return self
        handled = Exists(
            apps.get_model("callcenter", "CitizenHandler").objects.filter(
                citizen=OuterRef("pk"), operator_id=getattr(user, "pk", None)
            )
        )
        held = Q(status="InProgress", locked_by_id=getattr(user, "pk", None))
        return self.filter(held | handled | _unreached(appearance_threshold))

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
