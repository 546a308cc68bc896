"""Named reads of Nature Check data: `Farm.objects.search(q).with_assignment("unassigned", viewer=user).for_list(viewer=user)`."""

from typing import Any

from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from casework.core.permissions import can

ACTIVE = ("Assigned", "InProgress")


def _cases_through(model: type[models.Model], related_name: str) -> Any:
    """The manager of Nature Check cases, reached from `model` by its reverse relation `related_name` (so these
    reads need not import the models that import them)."""
    return model._meta.get_field(related_name).related_model.objects  # type: ignore[union-attr]


def _visible_cases(farm_model: type[models.Model], viewer: Any) -> "NatureCheckCaseQuerySet":
    """The Nature Check cases `viewer` may see, reached from the farm model (every read of a farm's cases goes
    through here, so none can leave the visibility rule out)."""
    return _cases_through(farm_model, "cases").visible_to(viewer)


class NatureCheckCaseQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "NatureCheckCaseQuerySet":
        """Everyone who assigns cases (employees, admins) sees every case; anyone else, such as a consultant,
        sees only the cases assigned to them."""
        if can(user, "naturecheck.assign"):
            return self
        return self.filter(consultant_id=getattr(user, "pk", None))

    def active(self) -> "NatureCheckCaseQuerySet":
        return self.filter(status__in=ACTIVE)

    def filtered(
        self,
        *,
        status: str | None = None,
        consultant_id: Any = None,
        farm_id: Any = None,
        priority: str | None = None,
        active: bool | None = None,
    ) -> "NatureCheckCaseQuerySet":
        filters = {"status": status, "consultant_id": consultant_id, "farm_id": farm_id, "priority": priority}
        qs = self.filter(**{k: v for k, v in filters.items() if v is not None})
        if active is True:
            qs = qs.filter(status__in=ACTIVE)
        elif active is False:
            qs = qs.exclude(status__in=ACTIVE)
        return qs

    def for_list(self) -> "NatureCheckCaseQuerySet":
        return self.select_related("farm", "consultant", "assigned_by")


class FarmQuerySet(models.QuerySet):
    def search(self, text: str | None) -> "FarmQuerySet":
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(cvr__contains=text))

    def with_assignment(self, which: str | None, *, viewer: Any) -> "FarmQuerySet":
        """`assigned`: farms with an active case `viewer` may see; `unassigned`: farms without; anything else:
        all. Decided on the cases `viewer` may see, so the filter tells a consultant nothing about another's."""
        if which not in {"assigned", "unassigned"}:
            return self
        has_active = Exists(_visible_cases(self.model, viewer).active().filter(farm=OuterRef("pk")))
        return self.filter(has_active if which == "assigned" else ~has_active)

    def for_list(self, *, viewer: Any) -> "FarmQuerySet":
        """With the owner and `active_cases`: the farm's active cases `viewer` may see (the rule of
        `NatureCheckCaseQuerySet.visible_to`, the one every read of a case applies)."""
        active = _visible_cases(self.model, viewer).active().select_related("consultant")
        return self.select_related("owner__contact").prefetch_related(
            Prefetch("cases", queryset=active, to_attr="active_cases")
        )

    def for_detail(self, *, viewer: Any) -> "FarmQuerySet":
        """`for_list` plus `all_cases`: every case of the farm `viewer` may see, newest first."""
        every_case = (
            _visible_cases(self.model, viewer)
            .select_related("consultant", "assigned_by")
            .order_by("-created_at", "-id")
        )
        return self.for_list(viewer=viewer).prefetch_related(
            Prefetch("cases", queryset=every_case, to_attr="all_cases")
        )


def consultants(users: models.QuerySet, *, viewer: Any, search: str | None = None) -> models.QuerySet:
    """Active users with the Consultant role, by first then last name, each with `active_case_count`: their
    active cases that `viewer` may see (a consultant sees only their own counted); `search` matches part of the
    first name, last name or email."""
    active_counts = (
        _cases_through(users.model, "naturecheck_cases")
        .visible_to(viewer)
        .active()
        .filter(consultant=OuterRef("pk"))
        .order_by()
        .values("consultant")
        .annotate(n=Count("pk"))
        .values("n")
    )
    users = users.filter(role_id="consultant", is_active=True)
    for word in (search or "").split():
        users = users.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return users.annotate(
        active_case_count=Coalesce(Subquery(active_counts, output_field=IntegerField()), Value(0))
    ).order_by("first_name", "last_name", "email")
