"""Operations state kept in the database: the heartbeats of background workers."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running `casework worker`, which rewrites `last_seen` every few seconds.

    A worker whose heartbeat is older than CASEWORK_WORKER_STALE_SECONDS is taken for dead, and the tasks it had
    claimed are queued again (`casework.ops.workers.recover_stale_tasks`).
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"
