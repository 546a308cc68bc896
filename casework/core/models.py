"""Base models every domain app builds on."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


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
