"""The call center: citizens on an imported list that operators phone, and the 106 hotline cases they open."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.callcenter.querysets import CitizenRecordQuerySet


class CitizenStatus(models.TextChoices):
    PENDING = "Pending", pgettext_lazy("citizen status", "Pending")
    IN_PROGRESS = "InProgress", pgettext_lazy("citizen status", "In progress")
    UPDATED = "Updated", pgettext_lazy("citizen status", "Updated")


class CitizenRecord(models.Model):
    """One resident on the list a municipality imports, with what the operators learned by phone.

    Invariants (check constraints): the family number is positive; a record is InProgress exactly when it is
    locked (locked_by and locked_until set); the new address is kept only when the address is wrong; the
    temporary address only when the stay is temporary and not abroad; abroad implies a temporary stay.
    """

    # Django's implicit key as it is (no schema change), declared only to name it in the reader's language.
    id = models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name=_("ID"))

    fid = models.CharField(verbose_name=_("Family file"), max_length=50, db_index=True)
    street_name = models.CharField(max_length=200, verbose_name=_("Street"))
    building_number = models.CharField(max_length=10, verbose_name=_("Building number"))
    flat_number = models.CharField(max_length=10, blank=True, verbose_name=_("Flat number"))
    first_name = models.CharField(max_length=100, verbose_name=_("First name"))
    last_name = models.CharField(max_length=100, verbose_name=_("Last name"))
    family_number = models.PositiveIntegerField(default=1, verbose_name=_("Family members"))
    phone1 = models.CharField(max_length=30, blank=True, verbose_name=_("Phone 1"))
    phone2 = models.CharField(max_length=30, blank=True, verbose_name=_("Phone 2"))
    phone3 = models.CharField(max_length=30, blank=True, verbose_name=_("Phone 3"))

    is_answered_the_call = models.BooleanField(default=False, verbose_name=_("Answered the call"))
    is_lonely = models.BooleanField(default=False, verbose_name=_("Lives alone"))
    is_address_wrong = models.BooleanField(default=False, verbose_name=_("The address is wrong"))
    new_street_name = models.CharField(max_length=200, blank=True, verbose_name=_("New street"))
    new_building_number = models.CharField(max_length=10, blank=True, verbose_name=_("New building number"))
    new_flat_number = models.CharField(max_length=10, blank=True, verbose_name=_("New flat number"))
    has_safe_room = models.BooleanField(verbose_name=_("Has a safe room (mamad)"), default=False)
    has_private_shelter = models.BooleanField(verbose_name=_("Has a private shelter"), default=False)
    has_public_shelter = models.BooleanField(verbose_name=_("Has a public shelter nearby"), default=False)
    has_mobility_restriction = models.BooleanField(
        default=False, verbose_name=_("Has a mobility restriction")
    )
    is_dead = models.BooleanField(default=False, verbose_name=_("Deceased"))
    is_left_the_city = models.BooleanField(verbose_name=_("Has left the city permanently"), default=False)
    has_temporary_address = models.BooleanField(
        default=False, verbose_name=_("Staying at a temporary address")
    )
    is_temporary_abroad = models.BooleanField(default=False, verbose_name=_("Temporarily abroad"))
    temporary_street_name = models.CharField(max_length=200, blank=True, verbose_name=_("Temporary street"))
    temporary_building_number = models.CharField(
        max_length=10, blank=True, verbose_name=_("Temporary building number")
    )
    temporary_flat_number = models.CharField(
        max_length=10, blank=True, verbose_name=_("Temporary flat number")
    )

    status = models.CharField(
        max_length=12, choices=CitizenStatus.choices, default=CitizenStatus.PENDING, verbose_name=_("Status")
    )
    # PROTECT: a lock names its holder; deleting a user who holds one would break the lock invariant.
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Locked by"),
    )
    locked_until = models.DateTimeField(null=True, blank=True, verbose_name=_("Locked until"))
    last_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Last updated by"),
    )
    last_updated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Last updated at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Created"))
    appearance_count = models.PositiveIntegerField(default=0, verbose_name=_("Times offered"))
    first_appearance_at = models.DateTimeField(null=True, blank=True, verbose_name=_("First offered at"))
    second_appearance_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Second offered at"))
    third_appearance_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Third offered at"))

    objects = CitizenRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen record")
        verbose_name_plural = _("citizen records")
        ordering = ["id"]
        indexes = [
            # The queue's candidates, in the order it hands them out.
            models.Index(
                fields=["appearance_count", "id"],
                condition=Q(
                    status="Pending", is_answered_the_call=False, is_dead=False, is_left_the_city=False
                ),
                name="callcenter_citizen_queue",
            ),
            models.Index(fields=["status", "locked_until"], name="callcenter_citizen_lock"),
            models.Index(fields=["last_name", "first_name"], name="callcenter_citizen_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(family_number__gt=0), name="callcenter_citizen_family_positive"
            ),
            models.CheckConstraint(
                condition=Q(status="InProgress", locked_by__isnull=False, locked_until__isnull=False)
                | (~Q(status="InProgress") & Q(locked_by__isnull=True, locked_until__isnull=True)),
                name="callcenter_citizen_locked_iff_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CitizenStatus.values), name="callcenter_citizen_status_known"
            ),
            models.CheckConstraint(
                condition=Q(is_address_wrong=True)
                | Q(new_street_name="", new_building_number="", new_flat_number=""),
                name="callcenter_citizen_new_address_only_when_wrong",
            ),
            models.CheckConstraint(
                condition=Q(has_temporary_address=True) | Q(is_temporary_abroad=False),
                name="callcenter_citizen_abroad_only_when_temporary",
            ),
            models.CheckConstraint(
                condition=Q(has_temporary_address=True, is_temporary_abroad=False)
                | Q(temporary_street_name="", temporary_building_number="", temporary_flat_number=""),
                name="callcenter_citizen_temporary_address_only_when_local",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.fid})"


class CitizenHandler(models.Model):
    """An operator who worked a citizen's record: the queue handed it to them, or they opened its 106 case.
    Operators read only the citizens they hold or have handled (`CitizenRecordQuerySet.readable_by`).

    One row per (operator, citizen): the unique constraint makes recording it again a no-op.
    """

    # Django's implicit key as it is (no schema change), declared only to name it in the reader's language.
    id = models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name=_("ID"))

    citizen = models.ForeignKey(
        CitizenRecord, on_delete=models.CASCADE, related_name="handlers", verbose_name=_("Citizen")
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("Operator")
    )
    first_handled_at = models.DateTimeField(verbose_name=_("First handled at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["operator", "citizen"], name="callcenter_handler_once"),
        ]

    def __str__(self) -> str:
        return f"{self.operator_id} handled citizen {self.citizen_id}"


class CallcenterCase(models.Model):
    """The ticket an operator opened in the municipality's 106 hotline system for a citizen they could not reach.

    At most one per citizen: a unique index on the citizen column (the one-to-one) decides any race.
    """

    # Django's implicit key as it is (no schema change), declared only to name it in the reader's language.
    id = models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name=_("ID"))

    citizen = models.OneToOneField(
        CitizenRecord, on_delete=models.CASCADE, related_name="callcenter_case", verbose_name=_("Citizen")
    )
    callcenter_case_number = models.CharField(max_length=50, verbose_name=_("106 case number"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Updated at"))

    class Meta:
        verbose_name = _("call center case")
        verbose_name_plural = _("call center cases")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"106 case {self.callcenter_case_number}"


class CallcenterConfiguration(models.Model):
    """The call center's settings that data admins change without a deployment (Django admin). One row; when
    there is none, the deployment's settings apply (`casework.callcenter.conf`)."""

    # Django's implicit key as it is (no schema change), declared only to name it in the reader's language.
    id = models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name=_("ID"))

    retry_delay_minutes = models.PositiveIntegerField(
        verbose_name=_("Retry delay (minutes)"),
        default=30,
        help_text=_(
            "How long an unanswered citizen waits after an attempt before the queue offers them again."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Updated at"))

    class Meta:
        verbose_name = _("call center configuration")
        verbose_name_plural = _("call center configurations")
        constraints = [
            models.CheckConstraint(
                condition=Q(retry_delay_minutes__gte=0), name="callcenter_config_retry_delay_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return "Call center configuration"
