"""The models of a case's plan: links between cases, services delivered for a case, milestones.

They belong to the `cases` app label (`Meta.app_label`), so their tables and migrations stay the cases app's;
this package is an app of its own only so that Django imports these models without `casework.cases` importing
its plan (the plan builds on cases, never the reverse).
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Upper
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.cases.models import Case
from casework.cases.plan.querysets import (
    CaseMilestoneQuerySet,
    CaseRelationshipQuerySet,
    DeliveredServiceQuerySet,
)
from casework.core import labels
from casework.core.models import TimestampedModel, VersionedModel, staff_member


class RelationshipType(models.TextChoices):
    DUPLICATE = "duplicate", labels.RELATIONSHIP_TYPE["duplicate"]
    RELATED = "related", labels.RELATIONSHIP_TYPE["related"]
    PARENT = "parent", labels.RELATIONSHIP_TYPE["parent"]
    CHILD = "child", labels.RELATIONSHIP_TYPE["child"]
    BLOCKED_BY = "blocked_by", labels.RELATIONSHIP_TYPE["blocked_by"]
    BLOCKS = "blocks", labels.RELATIONSHIP_TYPE["blocks"]


# How a link reads from the other case: "A parent of B" is "B child of A".
INVERSE_RELATIONSHIP = {
    RelationshipType.DUPLICATE: RelationshipType.DUPLICATE,
    RelationshipType.RELATED: RelationshipType.RELATED,
    RelationshipType.PARENT: RelationshipType.CHILD,
    RelationshipType.CHILD: RelationshipType.PARENT,
    RelationshipType.BLOCKED_BY: RelationshipType.BLOCKS,
    RelationshipType.BLOCKS: RelationshipType.BLOCKED_BY,
}


class CaseRelationship(TimestampedModel):
    """A link from `case` to another case, read as "case <type> related_case".

    Every link is stored twice, as this row and its inverse on the other case (parent↔child, blocks↔blocked_by,
    related and duplicate with themselves); `services.relationships` writes and deletes the pair together. A case is never
    linked to itself, and the same link exists at most once (both enforced by the database).
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="relationships", verbose_name=_("Case")
    )
    related_case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="+", verbose_name=_("Related case")
    )
    relationship_type = models.CharField(
        max_length=20, choices=RelationshipType.choices, verbose_name=_("Relationship")
    )
    description = models.TextField(blank=True, verbose_name=_("Description"))
    created_by = staff_member(_("Created by"))

    objects = CaseRelationshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("case relationship")
        verbose_name_plural = _("case relationships")
        app_label = "cases"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "related_case", "relationship_type"], name="caserelationship_unique_link"
            ),
            models.CheckConstraint(
                condition=~Q(case=models.F("related_case")), name="caserelationship_not_self"
            ),
            models.CheckConstraint(
                condition=Q(relationship_type__in=[c.value for c in RelationshipType]),
                name="caserelationship_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.relationship_type} {self.related_case_id}"

    @property
    def inverse_type(self) -> str:
        return INVERSE_RELATIONSHIP[RelationshipType(self.relationship_type)].value


class DeliveredServiceType(models.TextChoices):
    COUNSELING = "counseling", labels.SERVICE_TYPE["counseling"]
    LEGAL = "legal", labels.SERVICE_TYPE["legal"]
    FINANCIAL = "financial", labels.SERVICE_TYPE["financial"]
    HOUSING = "housing", labels.SERVICE_TYPE["housing"]
    HEALTHCARE = "healthcare", labels.SERVICE_TYPE["healthcare"]
    EDUCATION = "education", labels.SERVICE_TYPE["education"]
    EMPLOYMENT = "employment", labels.SERVICE_TYPE["employment"]
    OTHER = "other", labels.SERVICE_TYPE["other"]


class DeliveredServiceStatus(models.TextChoices):
    SCHEDULED = "scheduled", labels.SERVICE_STATUS["scheduled"]
    COMPLETED = "completed", labels.SERVICE_STATUS["completed"]
    CANCELLED = "cancelled", labels.SERVICE_STATUS["cancelled"]
    NO_SHOW = "no_show", labels.SERVICE_STATUS["no_show"]


class DeliveredService(VersionedModel):
    """A service delivered (or scheduled) for a case: a counseling session, legal advice, a payment.

    The API and the UI call it a "service" (/api/services/{id}); the code says "delivered service" so that it
    is never taken for the service layer. Its table keeps the name it was created with (cases_caseservice).

    Times are within `service_date`, the end after the start; `duration_minutes` is derived from them when not
    given; `cost` is money (Decimal, two places, never negative) in a three-letter `currency`.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="delivered_services", verbose_name=_("Case")
    )
    service_name = models.CharField(max_length=255, verbose_name=_("Service"))
    service_type = models.CharField(
        max_length=20,
        choices=DeliveredServiceType.choices,
        default=DeliveredServiceType.OTHER,
        verbose_name=_("Kind of service"),
    )
    service_provider = models.CharField(max_length=255, blank=True, verbose_name=_("Provider"))
    service_date = models.DateField(verbose_name=_("Date"))
    start_time = models.TimeField(null=True, blank=True, verbose_name=_("Start time"))
    end_time = models.TimeField(null=True, blank=True, verbose_name=_("End time"))
    duration_minutes = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("Duration (minutes)")
    )
    status = models.CharField(
        max_length=20,
        choices=DeliveredServiceStatus.choices,
        default=DeliveredServiceStatus.SCHEDULED,
        verbose_name=_("Status"),
    )
    outcome = models.TextField(blank=True, verbose_name=_("Outcome"))
    cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, verbose_name=_("Cost"))
    currency = models.CharField(max_length=3, default="USD", verbose_name=_("Currency"))
    notes = models.TextField(blank=True, verbose_name=_("Notes"))
    created_by = staff_member(_("Created by"))

    objects = DeliveredServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("case service")
        verbose_name_plural = _("case services")
        app_label = "cases"
        db_table = "cases_caseservice"
        # Newest first; an untimed service after the timed ones of its day, on every database.
        ordering = [
            models.F("service_date").desc(),
            models.F("start_time").desc(nulls_last=True),
            models.F("created_at").desc(),
            "id",
        ]
        indexes = [models.Index(fields=["case", "-service_date"], name="caseservice_case_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(service_type__in=[c.value for c in DeliveredServiceType]),
                name="caseservice_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in DeliveredServiceStatus]),
                name="caseservice_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="caseservice_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="caseservice_cost_not_negative"
            ),
            models.CheckConstraint(
                # Length and case rather than a regex: SQLite has no REGEXP outside Django's connections.
                condition=Q(Exact(Length("currency"), 3)) & Q(Exact(Upper("currency"), models.F("currency"))),
                name="caseservice_currency_three_capitals",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} ({self.service_date})"


class CaseMilestone(VersionedModel):
    """A goal on a case's plan. `completed_date` is set exactly when `is_completed` is (a check constraint);
    `sort_order` is the position in the plan, changed for all milestones of a case at once by reordering."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("Case")
    )
    milestone_name = models.CharField(max_length=255, verbose_name=_("Milestone"))
    description = models.TextField(blank=True, verbose_name=_("Description"))
    due_date = models.DateField(null=True, blank=True, verbose_name=_("Due date"))
    completed_date = models.DateField(null=True, blank=True, verbose_name=_("Completed on"))
    is_completed = models.BooleanField(default=False, verbose_name=_("Completed"))
    sort_order = models.PositiveIntegerField(default=0, verbose_name=_("Sort order"))
    created_by = staff_member(_("Created by"))

    objects = CaseMilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("case milestone")
        verbose_name_plural = _("case milestones")
        app_label = "cases"
        ordering = ["sort_order", "created_at", "id"]
        indexes = [models.Index(fields=["case", "sort_order"], name="casemilestone_case_order_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_completed=True, completed_date__isnull=False)
                | Q(is_completed=False, completed_date__isnull=True),
                name="casemilestone_completed_date_iff_completed",
            )
        ]

    def __str__(self) -> str:
        return self.milestone_name

    @property
    def is_overdue(self) -> bool:
        return not self.is_completed and self.due_date is not None and self.due_date < timezone.localdate()
