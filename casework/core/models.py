"""Base models every domain app builds on."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def staff_member(verbose_name: Any) -> Any:
    """A reference to a staff user that outlives them (who created, changed, decided something): optional,
    set to NULL when the account is deleted, no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


class TimestampedModel(models.Model):
    """A row with a UUID primary key and creation/modification times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("ID"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("Created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Updated at"))

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A row edited by several people at once: `row_version` grows by one on every write.

    Services compare the version a client read with the stored one and refuse a stale write (409).
    """

    row_version = models.PositiveIntegerField(default=1, verbose_name=_("Version"))

    class Meta:
        abstract = True
