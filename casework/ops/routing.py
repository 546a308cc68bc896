"""The read replica: reads inside `use_replica()` go to the `replica` database when one is configured.

Reports and exports wrap their reads in `use_replica()`; everything else reads the primary, so a user always sees
their own writes. Without CASEWORK_DATABASE_REPLICA_URL the block reads the primary too.
"""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

REPLICA = "replica"
_reading_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("casework_use_replica", default=False)


@contextmanager
def use_replica() -> Iterator[None]:
    """Send the ORM reads made inside the block to the replica (a replica may lag the primary slightly)."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads inside `use_replica()` go to the replica; writes, relations and migrations belong to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _reading_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica is a copy of the primary made by the database server; Django never migrates it.
        return db != REPLICA
