"""Operations state kept in the database: the heartbeats of background workers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running `casework worker`, which rewrites `last_seen` every few seconds.

    A worker whose heartbeat is older than CASEWORK_WORKER_STALE_SECONDS is taken for dead, and the tasks it had
    claimed are queued again (`casework.ops.workers.recover_stale_tasks`).
    """

    worker_id = models.CharField(max_length=64, primary_key=True, verbose_name=_("Worker ID"))
    hostname = models.CharField(max_length=255, blank=True, verbose_name=_("Host name"))
    pid = models.PositiveIntegerField(default=0, verbose_name=_("Process ID"))
    started_at = models.DateTimeField(verbose_name=_("Started at"))
    last_seen = models.DateTimeField(db_index=True, verbose_name=_("Last seen"))

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"


class RateCounter(models.Model):
    """One rate-limit bucket (a sign-in address, an account) counted in the database, so every process of every
    app server counts the same attempts (`casework.ops.ratelimit`). The key is a hash: no address or e-mail
    address is stored. A row whose window has ended is reset by the next attempt, or deleted."""

    key = models.CharField(max_length=64, primary_key=True, verbose_name=_("Key"))
    count = models.PositiveIntegerField(default=0, verbose_name=_("Count"))
    window_started = models.BigIntegerField(
        help_text=_("Unix time (seconds) the current window opened"), verbose_name=_("Window started")
    )
    window_ends = models.BigIntegerField(
        db_index=True, help_text=_("Unix time (seconds) the window closes"), verbose_name=_("Window ends")
    )

    def __str__(self) -> str:
        return f"{self.key[:12]}: {self.count}"
