"""Cases and their configuration: types, workflow statuses, the notes timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.cases.querysets import CaseManager
from casework.cases.timeline import NoteKind, render
from casework.core.models import TimestampedModel, VersionedModel


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

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    color = models.CharField(max_length=20, blank=True)
    icon = models.CharField(max_length=50, blank=True)
    is_active = models.BooleanField(default=True)
    requires_intake = models.BooleanField(default=True)
    average_duration_days = models.PositiveIntegerField(null=True, blank=True)
    custom_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Intake form fields; see casework.core.custom_fields for the format",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case type")
        verbose_name_plural = _("case types")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class CaseStatus(TimestampedModel):
    """A step of the case workflow. `can_transition_to` is the configurable graph of allowed moves;
    `requires_reason` makes a move *into* this status demand a reason."""

    name = models.CharField(max_length=100, unique=True)
    status_type = models.CharField(max_length=20, choices=StatusType.choices)
    description = models.TextField(blank=True)
    color = models.CharField(max_length=20, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    requires_reason = models.BooleanField(default=False)
    can_transition_to = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="reachable_from"
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

    day = models.DateField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last_number}"


class Case(VersionedModel):
    """A client's case: one contact may have any number of them, each with its own workflow.

    `case_number` (CASE-YYMMDD-NNNNN) is unique in the database; status changes go through
    `services.change_case_status`, which enforces the transition graph.
    """

    case_number = models.CharField(max_length=50, unique=True)
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="cases")
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases")
    status = models.ForeignKey(CaseStatus, on_delete=models.PROTECT, related_name="cases")
    priority = models.CharField(max_length=20, choices=Priority.choices, default=Priority.MEDIUM)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    referral_source = models.CharField(max_length=255, blank=True)
    intake_date = models.DateTimeField()
    opened_date = models.DateTimeField(null=True, blank=True)
    closed_date = models.DateTimeField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    assigned_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    outcome = models.CharField(max_length=50, blank=True)
    outcome_notes = models.TextField(blank=True)
    closure_reason = models.CharField(max_length=255, blank=True)
    intake_data = models.JSONField(default=dict, blank=True)
    custom_data = models.JSONField(default=dict, blank=True)
    is_urgent = models.BooleanField(default=False)
    requires_followup = models.BooleanField(default=False)
    followup_date = models.DateField(null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    note_type = models.CharField(max_length=20, choices=NoteType.choices, default=NoteType.NOTE)
    subject = models.CharField(max_length=255, blank=True)
    content = models.TextField()
    # An entry the system writes is its kind and the raw values of its sentence, read in the reader's language
    # (casework.cases.timeline); `content` keeps its English rendering. A person's note is "written".
    kind = models.CharField(max_length=30, choices=NoteKind.choices, default=NoteKind.WRITTEN)
    params = models.JSONField(default=dict, blank=True)
    is_internal = models.BooleanField(default=False)
    is_important = models.BooleanField(default=False)
    previous_status = models.ForeignKey(
        CaseStatus, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_status = models.ForeignKey(
        CaseStatus, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attachments = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    assigned_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignment_reason = models.TextField(blank=True)
    assigned_at = models.DateTimeField()
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unassigned_at = models.DateTimeField(null=True, blank=True)
    unassigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule = models.ForeignKey(
        "cases.AssignmentRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
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

    name = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveIntegerField(default=0)
    case_type = models.ForeignKey(CaseType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    priority = models.CharField(max_length=20, choices=Priority.choices, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    assign_to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    assign_to_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    least_loaded_member = models.BooleanField(
        default=False, help_text="Also pick the team member with the fewest open cases"
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


# --- The case tally: what the dashboard counts, kept up to date by the case services ---


class CaseTally(models.Model):
    """How many cases share one combination of the dimensions the dashboard and the list filter on.

    Invariant: for every combination of dimensions, the sum over its shards' rows of `cases` is the number of
    cases with exactly these dimensions, of `closed_cases` how many of them have a closed date and of
    `closed_seconds` the sum of their (closed - intake) durations in whole seconds. Kept in the same transaction as every write that changes a case's dimensions
    (`casework.cases.tallies`); `tallies.rebuild()` recounts it after a bulk load. Ids are plain columns (no
    foreign keys): a row outlives nothing it counts, and deleting a user or team moves its rows to "nobody".
    """

    key = models.CharField(max_length=200, primary_key=True)
    case_type = models.ForeignKey(
        CaseType, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    status = models.ForeignKey(
        CaseStatus, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    priority = models.CharField(max_length=20)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    assigned_team = models.ForeignKey(
        "accounts.Team",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    is_urgent = models.BooleanField()
    # Several rows count the same dimensions, one per shard, so that writers of the same dimensions (every new
    # case lands in the same few) lock different rows; a reader sums the shards. A shard's own counts may be
    # negative (a case counted in one shard, moved by a writer in another): only the sum is meaningful.
    shard = models.PositiveSmallIntegerField(default=0, db_default=0)
    cases = models.BigIntegerField(default=0)
    closed_cases = models.BigIntegerField(default=0)
    closed_seconds = models.BigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "case tallies"

    def __str__(self) -> str:
        return f"{self.key}: {self.cases}"
