"""Outcome tracking: the outcomes an organisation reports on, and the case-note interactions tagged with them."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.core.models import TimestampedModel, staff_member
from casework.outcomes.querysets import ImpactQuerySet, OutcomeDefinitionQuerySet

# An outcome definition's `key`: lowercase letters, digits, '_', '.' or '-', starting with a letter or digit.
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,149}$")
EVIDENCE_NOTE_MAX = 2000
INTENSITY_MIN, INTENSITY_MAX = 1, 5


class Attribution(models.TextChoices):
    DIRECT = "DIRECT", "Direct"
    LIKELY = "LIKELY", "Likely"
    POSSIBLE = "POSSIBLE", "Possible"


class OutcomeDefinition(TimestampedModel):
    """An outcome staff can tag interactions with (Housing stabilized, Employment obtained ...).

    `key` is the stable identifier reports and integrations use: unique, and never changed once created.
    Definitions are never deleted, only disabled: a disabled one cannot be used for new tags, but the tags
    already made with it stay (and still count in reports). `is_reportable` decides whether it appears in
    the outcomes report by default.
    """

    key = models.CharField(max_length=150, unique=True, verbose_name=_("Key"))
    name = models.CharField(max_length=255, verbose_name=_("Name"))
    description = models.TextField(blank=True, verbose_name=_("Description"))
    category = models.CharField(max_length=100, blank=True, verbose_name=_("Category"))
    is_active = models.BooleanField(default=True, verbose_name=_("Active"))
    is_reportable = models.BooleanField(default=True, verbose_name=_("Reportable"))
    sort_order = models.PositiveIntegerField(default=0, verbose_name=_("Sort order"))

    objects = OutcomeDefinitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("outcome definition")
        verbose_name_plural = _("outcome definitions")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(key=""), name="outcomedefinition_key_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="outcomedefinition_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class InteractionOutcomeImpact(TimestampedModel):
    """One outcome tag on one interaction (a case note): at most one per (interaction, definition).

    `impact` false records that the interaction was looked at for this outcome and did not contribute;
    only impacts count in reports. Intensity is 1-5 or unset; the evidence note is at most 2000 characters.

    The `interaction_*` fields and `client` are copies of what the outcomes report filters and groups on (the
    note's time, author and type, its case's contact), so that the report reads one table through one index.
    A note never changes them after it is written (and a case never changes contact); the services set them
    when they tag, `services.rebuild_report_columns` after a bulk load. Null only until then.
    """

    interaction = models.ForeignKey(
        "cases.CaseNote",
        on_delete=models.CASCADE,
        related_name="outcome_impacts",
        verbose_name=_("Interaction"),
    )
    outcome_definition = models.ForeignKey(
        OutcomeDefinition, on_delete=models.PROTECT, related_name="impacts", verbose_name=_("Outcome")
    )
    impact = models.BooleanField(default=True, verbose_name=pgettext_lazy("outcome tag", "Impact"))
    attribution = models.CharField(
        max_length=20, choices=Attribution.choices, default=Attribution.DIRECT, verbose_name=_("Attribution")
    )
    intensity = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("Intensity"))
    evidence_note = models.TextField(blank=True, verbose_name=_("Evidence"))
    created_by = staff_member(_("Created by"))
    interaction_created_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("Interaction date")
    )
    # SET_NULL like the note's own author: deleting a user clears both alike.
    interaction_created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        db_index=False,
        related_name="+",
        verbose_name=_("Interaction by"),
    )
    # db_default: bulk loads that write tags without the copies (then rebuild_report_columns) may omit it.
    interaction_type = models.CharField(
        max_length=20,
        blank=True,
        default="",
        db_default="",
        editable=False,
        verbose_name=_("Interaction type"),
    )
    client = models.ForeignKey(
        "contacts.Contact",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.DO_NOTHING,  # a contact with cases cannot be deleted
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=_("Client"),
    )

    objects = ImpactQuerySet.as_manager()

    class Meta:
        verbose_name = _("interaction outcome impact")
        verbose_name_plural = _("interaction outcome impacts")
        ordering = ["created_at", "id"]
        indexes = [
            # The outcomes report: impacts in a date range, by outcome and client, read from the index alone.
            models.Index(
                fields=["interaction_created_at", "outcome_definition", "client"],
                condition=Q(impact=True),
                name="outcomeimpact_report_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["interaction", "outcome_definition"], name="outcomeimpact_one_per_interaction"
            ),
            models.CheckConstraint(
                condition=Q(attribution__in=[c.value for c in Attribution]),
                name="outcomeimpact_attribution_valid",
            ),
            models.CheckConstraint(
                condition=Q(intensity__isnull=True)
                | Q(intensity__gte=INTENSITY_MIN, intensity__lte=INTENSITY_MAX),
                name="outcomeimpact_intensity_1_to_5",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("evidence_note"), EVIDENCE_NOTE_MAX),
                name="outcomeimpact_evidence_note_max_2000",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interaction_id} → {self.outcome_definition_id}"
