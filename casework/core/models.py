"""Base models every domain app builds on."""

import uuid

from django.db import models


class TimestampedModel(models.Model):
    """A row with a UUID primary key and creation/modification times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A row edited by several people at once: `row_version` grows by one on every write.

    Services compare the version a client read with the stored one and refuse a stale write (409).
    """

    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
