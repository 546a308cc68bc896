"""Cases and their configuration: types, workflow statuses, the notes timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from casework.cases.querysets import CaseManager
from casework.cases.timeline import NoteKind, render
from casework.core.models import TimestampedModel, VersionedModel, staff_member


class StatusType(models.TextChoices):
    INTAKE = "intake", "Intake"
    ACTIVE = "active", "Active"
    REVIEW = "review", "Review"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUS_TYPES = (StatusType.INTAKE, StatusType.ACTIVE, StatusType.REVIEW)
FINISHED_STATUS_TYPES = (StatusType.CLOSED, StatusType.CANCELLED)


class Priority(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


PRIORITY_RANK = {Priority.LOW: 1, Priority.MEDIUM: 2, Priority.HIGH: 3, Priority.URGENT: 4}


class Source(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    WALK_IN = "walk-in", "Walk-in"
    REFERRAL = "referral", "Referral"
    WEB = "web", "Web"
    OTHER = "other", "Other"


class NoteType(models.TextChoices):
    NOTE = "note", "Note"
    EMAIL = "email", "Email"
    CALL = "call", "Call"
    MEETING = "meeting", "Meeting"
    UPDATE = "update", "Update"
    STATUS_CHANGE = "status_change", "Status change"


class CaseType(TimestampedModel):
    """A category of case (Housing, Counseling ...) with its intake form as custom field definitions."""

    name = models.CharField(max_length=100, unique=True, verbose_name=_("Name"))
    description = models.TextField(blank=True, verbose_name=_("Description"))
    color = models.CharField(max_length=20, blank=True, verbose_name=_("Color"))
    icon = models.CharField(max_length=50, blank=True, verbose_name=_("Icon"))
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))
    requires_intake = models.BooleanField(default=True, verbose_name=_("Requires intake"))
    average_duration_days = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("Average duration (days)")
    )
    custom_fields = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Intake form fields; see casework.core.custom_fields for the format"),
        verbose_name=_("Intake questions"),
    )
    sort_order = models.PositiveIntegerField(default=0, verbose_name=_("Sort order"))

    class Meta:
        verbose_name = _("case type")
        verbose_name_plural = _("case types")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class CaseStatus(TimestampedModel):
    """A step of the case workflow. `can_transition_to` is the configurable graph of allowed moves;
    `requires_reason` makes a move *into* this status demand a reason."""

    name = models.CharField(max_length=100, unique=True, verbose_name=_("Name"))
    status_type = models.CharField(max_length=20, choices=StatusType.choices, verbose_name=_("Status type"))
    description = models.TextField(blank=True, verbose_name=_("Description"))
    color = models.CharField(max_length=20, blank=True, verbose_name=_("Color"))
    sort_order = models.PositiveIntegerField(default=0, verbose_name=_("Sort order"))
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))
    requires_reason = models.BooleanField(default=False, verbose_name=_("Requires reason"))
    can_transition_to = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="reachable_from", verbose_name=_("Can move to")
    )

    class Meta:
        verbose_name = _("case status")
        verbose_name_plural = _("case statuses")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_type__in=[c.value for c in StatusType]),
                name="casestatus_status_type_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status_type in OPEN_STATUS_TYPES


class CaseNumberCounter(models.Model):
    """The last case number handed out per day; one row per day, incremented atomically."""

    day = models.DateField(primary_key=True, verbose_name=_("Day"))
    last_number = models.PositiveIntegerField(default=0, verbose_name=_("Last number"))

    def __str__(self) -> str:
        return f"{self.day}: {self.last_number}"


class Case(VersionedModel):
    """A client's case: one contact may have any number of them, each with its own workflow.

    `case_number` (CASE-YYMMDD-NNNNN) is unique in the database; status changes go through
    `services.change_case_status`, which enforces the transition graph.
    """

    case_number = models.CharField(max_length=50, unique=True, verbose_name=_("Case number"))
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="cases", verbose_name=_("Contact")
    )
    case_type = models.ForeignKey(
        CaseType, on_delete=models.PROTECT, related_name="cases", verbose_name=_("Case type")
    )
    status = models.ForeignKey(
        CaseStatus, on_delete=models.PROTECT, related_name="cases", verbose_name=_("Status")
    )
    priority = models.CharField(
        max_length=20, choices=Priority.choices, default=Priority.MEDIUM, verbose_name=_("Priority")
    )
    title = models.CharField(max_length=255, verbose_name=_("Title"))
    description = models.TextField(blank=True, verbose_name=_("Description"))
    source = models.CharField(max_length=20, choices=Source.choices, blank=True, verbose_name=_("Source"))
    referral_source = models.CharField(max_length=255, blank=True, verbose_name=_("Referral source"))
    intake_date = models.DateTimeField(verbose_name=_("Intake date"))
    opened_date = models.DateTimeField(null=True, blank=True, verbose_name=_("Opened"))
    closed_date = models.DateTimeField(null=True, blank=True, verbose_name=_("Closed"))
    due_date = models.DateField(null=True, blank=True, verbose_name=_("Due date"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
        verbose_name=_("Assigned to"),
    )
    assigned_team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("Team"),
    )
    outcome = models.CharField(max_length=50, blank=True, verbose_name=_("Outcome"))
    outcome_notes = models.TextField(blank=True, verbose_name=_("Outcome notes"))
    closure_reason = models.CharField(max_length=255, blank=True, verbose_name=_("Closure reason"))
    intake_data = models.JSONField(default=dict, blank=True, verbose_name=_("Intake answers"))
    custom_data = models.JSONField(default=dict, blank=True, verbose_name=_("Custom data"))
    is_urgent = models.BooleanField(default=False, verbose_name=_("Urgent"))
    requires_followup = models.BooleanField(default=False, verbose_name=_("Needs follow-up"))
    followup_date = models.DateField(null=True, blank=True, verbose_name=_("Follow-up date"))
    tags = models.JSONField(default=list, blank=True, verbose_name=_("Tags"))
    created_by = staff_member(_("Created by"))
    modified_by = staff_member(_("Modified by"))

    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=True)
    objects = CaseManager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__in=[c.value for c in Priority]), name="case_priority_valid"
            ),
            models.CheckConstraint(
                condition=Q(closed_date__isnull=True) | Q(closed_date__gte=models.F("intake_date")),
                name="case_closed_after_intake",
            ),
        ]
        indexes = [
            # The list's default order (newest first, id as the tie-break) read straight from an index.
            models.Index(fields=["-created_at", "-id"], name="case_created_id_idx"),
            models.Index(fields=["status", "-created_at"], name="case_status_created_idx"),
            models.Index(fields=["assigned_to", "status"], name="case_assignee_status_idx"),
            models.Index(fields=["contact", "-created_at"], name="case_contact_created_idx"),
            models.Index(fields=["case_type", "-created_at"], name="case_type_created_idx"),
            models.Index(fields=["priority"], name="case_priority_idx"),
            models.Index(fields=["due_date"], name="case_due_idx"),
            # The dashboard's overdue / due-this-week counts: open statuses, then a due-date range.
            models.Index(fields=["status", "due_date"], name="case_status_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"


class CaseNote(TimestampedModel):
    """An entry of a case's timeline: a note, a logged call/email/meeting, or a status change.

    Internal notes are for staff only and never appear in anything client-facing.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("Case"))
    note_type = models.CharField(
        max_length=20,
        choices=NoteType.choices,
        default=NoteType.NOTE,
        verbose_name=pgettext_lazy("note form", "Kind"),
    )
    subject = models.CharField(max_length=255, blank=True, verbose_name=_("Subject"))
    content = models.TextField(verbose_name=_("Content"))
    # An entry the system writes is its kind and the raw values of its sentence, read in the reader's language
    # (casework.cases.timeline); `content` keeps its English rendering. A person's note is "written".
    kind = models.CharField(
        max_length=30, choices=NoteKind.choices, default=NoteKind.WRITTEN, verbose_name=_("Entry kind")
    )
    params = models.JSONField(default=dict, blank=True, verbose_name=_("Values"))
    is_internal = models.BooleanField(default=False, verbose_name=_("Internal"))
    is_important = models.BooleanField(default=False, verbose_name=_("Important"))
    previous_status = models.ForeignKey(
        CaseStatus,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Previous status"),
    )
    new_status = models.ForeignKey(
        CaseStatus,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("New status"),
    )
    attachments = models.JSONField(default=list, blank=True, verbose_name=_("Attachments"))
    created_by = staff_member(_("Created by"))

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["case", "-created_at"], name="casenote_case_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(note_type__in=[c.value for c in NoteType]), name="casenote_note_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[c.value for c in NoteKind]), name="casenote_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.subject or self.content[:60]

    @property
    def text(self) -> str:
        """The entry's text in the active language (a person's note as written)."""
        return render(self.kind, self.params, self.content)


class CaseAssignment(TimestampedModel):
    """One period during which a case was assigned to a user and/or a team.

    The open period has `unassigned_at` null; at most one open period per case (a partial unique constraint).
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("Case")
    )
    assigned_from = staff_member(_("Assigned from"))
    assigned_to = staff_member(_("Assignee"))
    assigned_team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Team"),
    )
    assignment_reason = models.TextField(blank=True, verbose_name=_("Reason"))
    assigned_at = models.DateTimeField(verbose_name=_("Assigned at"))
    assigned_by = staff_member(_("Assigned by"))
    unassigned_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Unassigned at"))
    unassigned_by = staff_member(_("Unassigned by"))
    rule = models.ForeignKey(
        "cases.AssignmentRule",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        verbose_name=_("Rule"),
    )

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(unassigned_at__isnull=True),
                name="caseassignment_one_open_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.assigned_to_id or self.assigned_team_id}"


class AssignmentRule(TimestampedModel):
    """An admin-defined routing rule applied when a case is opened without an assignee.

    Rules are tried in `sort_order`; the first whose conditions (blank = any) match the new case wins.
    It assigns to a user, a team, or a team and its least loaded active member.
    """

    name = models.CharField(max_length=100, verbose_name=_("Name"))
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))
    sort_order = models.PositiveIntegerField(default=0, verbose_name=_("Sort order"))
    case_type = models.ForeignKey(
        CaseType,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Case type"),
    )
    priority = models.CharField(
        max_length=20, choices=Priority.choices, blank=True, verbose_name=_("Priority")
    )
    source = models.CharField(max_length=20, choices=Source.choices, blank=True, verbose_name=_("Source"))
    assign_to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Assign to user"),
    )
    assign_to_team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Assign to team"),
    )
    least_loaded_member = models.BooleanField(
        default=False,
        help_text=_("Also pick the team member with the fewest open cases"),
        verbose_name=_("Least loaded member"),
    )

    class Meta:
        verbose_name = _("assignment rule")
        verbose_name_plural = _("assignment rules")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assign_to_user__isnull=False) | Q(assign_to_team__isnull=False),
                name="assignmentrule_has_target",
            ),
            models.CheckConstraint(
                condition=Q(least_loaded_member=False) | Q(assign_to_team__isnull=False),
                name="assignmentrule_least_loaded_needs_team",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CaseTally(models.Model):
    """How many cases share one combination of the dimensions the dashboard and the list filter on.

    Invariant: for every combination of dimensions, the sum over its shards' rows of `cases` is the number of
    cases with exactly these dimensions, of `closed_cases` how many of them have a closed date and of
    `closed_seconds` the sum of their (closed - intake) durations in whole seconds. Kept in the same transaction as every write that changes a case's dimensions
    (`casework.cases.tallies`); `tallies.rebuild()` recounts it after a bulk load. Ids are plain columns (no
    foreign keys): a row outlives nothing it counts, and deleting a user or team moves its rows to "nobody".
    """

    key = models.CharField(max_length=200, primary_key=True, verbose_name=_("Key"))
    case_type = models.ForeignKey(
        CaseType,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=_("Case type"),
    )
    status = models.ForeignKey(
        CaseStatus,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=_("Status"),
    )
    priority = models.CharField(max_length=20, verbose_name=_("Priority"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=_("Assigned to"),
    )
    assigned_team = models.ForeignKey(
        "accounts.Team",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=_("Team"),
    )
    is_urgent = models.BooleanField(verbose_name=_("Urgent"))
    # Several rows count the same dimensions, one per shard, so that writers of the same dimensions (every new
    # case lands in the same few) lock different rows; a reader sums the shards. A shard's own counts may be
    # negative (a case counted in one shard, moved by a writer in another): only the sum is meaningful.
    shard = models.PositiveSmallIntegerField(default=0, db_default=0, verbose_name=_("Shard"))
    cases = models.BigIntegerField(default=0, verbose_name=_("Cases"))
    closed_cases = models.BigIntegerField(default=0, verbose_name=_("Closed cases"))
    closed_seconds = models.BigIntegerField(default=0, verbose_name=_("Seconds to close"))

    class Meta:
        verbose_name_plural = "case tallies"

    def __str__(self) -> str:
        return f"{self.key}: {self.cases}"
