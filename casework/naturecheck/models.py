"""Nature Check (Arla's Naturtjek): farms, their farmer owners, and the cases that send a field consultant out.

Consultants and employees are platform accounts (`accounts.User` with the `consultant` / `employee` role);
farmers do not sign in and are platform contacts marked as farmers here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from casework.core.models import TimestampedModel, VersionedModel
from casework.naturecheck.querysets import FarmQuerySet, NatureCheckCaseQuerySet

CONSULTANT_ROLE = "consultant"
EMPLOYEE_ROLE = "employee"
DEFAULT_COUNTRY = "Danmark"


class Status(models.TextChoices):
    ASSIGNED = "Assigned", pgettext_lazy("naturecheck status", "Assigned")
    IN_PROGRESS = "InProgress", pgettext_lazy("naturecheck status", "In progress")
    COMPLETED = "Completed", pgettext_lazy("naturecheck status", "Completed")
    CANCELLED = "Cancelled", pgettext_lazy("naturecheck status", "Cancelled")


ACTIVE_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS)

# The workflow: a case is started and completed, or cancelled while it is still active.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.ASSIGNED: (Status.IN_PROGRESS, Status.CANCELLED),
    Status.IN_PROGRESS: (Status.COMPLETED, Status.CANCELLED),
    Status.COMPLETED: (),
    Status.CANCELLED: (),
}


class Priority(models.TextChoices):
    """Stored in English; the Danish labels come from the translation catalogue."""

    LOW = "Low", pgettext_lazy("naturecheck priority", "Low")
    MEDIUM = "Medium", pgettext_lazy("naturecheck priority", "Medium")
    HIGH = "High", pgettext_lazy("naturecheck priority", "High")
    URGENT = "Urgent", pgettext_lazy("naturecheck priority", "Urgent")


# What clients may send: the English value or the Danish label the Nature Check screens show.
DANISH_PRIORITY_LABELS = {
    "Lav": Priority.LOW,
    "Normal": Priority.MEDIUM,
    "Høj": Priority.HIGH,
    "Haster": Priority.URGENT,
}


class Farmer(TimestampedModel):
    """A person with the Farmer role: owns one or more farms and never signs in.

    Name and address live on the platform contact; `email` is the farmer's identity here (unique, lower case),
    so a farmer entered twice with the same email is one farmer, decided by the database.
    """

    contact = models.OneToOneField(
        "contacts.Contact",
        on_delete=models.PROTECT,
        related_name="naturecheck_farmer",
        verbose_name=_("Contact"),
    )
    email = models.EmailField(unique=True, verbose_name=_("Email"))
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))

    class Meta:
        verbose_name = _("farmer")
        verbose_name_plural = _("farmers")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")), name="farmer_email_lower"
            )
        ]

    def __str__(self) -> str:
        return str(self.contact)


class Farm(VersionedModel):
    """A farm in the programme: CVR number (8 digits, unique), exactly one address, exactly one farmer owner."""

    name = models.CharField(max_length=200, verbose_name=_("Farm name"))
    cvr = models.CharField(verbose_name=_("CVR number"), max_length=8, unique=True)
    street = models.CharField(max_length=200, verbose_name=_("Street and number"))
    postal_code = models.CharField(max_length=20, verbose_name=_("Postal code"))
    city = models.CharField(max_length=100, verbose_name=_("City"))
    country = models.CharField(max_length=100, default=DEFAULT_COUNTRY, verbose_name=_("Country"))
    owner = models.ForeignKey(Farmer, on_delete=models.PROTECT, related_name="farms", verbose_name=_("Owner"))

    objects = FarmQuerySet.as_manager()

    class Meta:
        verbose_name = _("farm")
        verbose_name_plural = _("farms")
        ordering = ["name", "cvr"]
        indexes = [models.Index(fields=["name", "cvr"], name="farm_name_idx")]
        constraints = [
            models.CheckConstraint(condition=Exact(Length("cvr"), 8), name="farm_cvr_eight_digits")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cvr})"


class NatureCheckCase(VersionedModel):
    """One nature check of one farm by one consultant, assigned by an employee.

    A farm has at most one active case (Assigned or InProgress): a partial unique index decides when two
    employees assign the same farm at once. Priority is NULL or one of the English values (check constraint).
    """

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="cases", verbose_name=_("Farm"))
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="naturecheck_cases",
        verbose_name=_("Consultant"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Assigned by")
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ASSIGNED, verbose_name=_("Case status")
    )
    # NULL is "no priority"; the check constraint keeps out "", so there is only one empty value.
    priority = models.CharField(  # noqa: DJ001
        max_length=10, choices=Priority.choices, null=True, blank=True, verbose_name=_("Priority")
    )
    notes = models.TextField(blank=True, verbose_name=_("Notes"))
    # Not auto_now_add: a new case's created_at and assigned_at are the same instant.
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("Created"))
    assigned_at = models.DateTimeField(default=timezone.now, verbose_name=_("Assigned at"))

    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=True)
    objects = NatureCheckCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nature Check case")
        verbose_name_plural = _("Nature Check cases")
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["farm"],
                condition=Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="naturecheckcase_one_active_per_farm",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="naturecheckcase_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__isnull=True) | Q(priority__in=[p.value for p in Priority]),
                name="naturecheckcase_priority_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["consultant", "status"], name="ncase_consultant_status_idx"),
            models.Index(fields=["status", "-assigned_at"], name="ncase_status_assigned_idx"),
        ]

    def __str__(self) -> str:
        return f"Nature Check {self.farm_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
