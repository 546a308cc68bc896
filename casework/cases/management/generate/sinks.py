"""Writers for generated rows: PostgreSQL `COPY FROM STDIN` (psycopg 3), batched `executemany` elsewhere."""

import sys
import time
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, TextIO

from django.db import connection

SQLITE_BATCH = 5000


class Progress:
    """A one-line progress bar on a terminal (a line per step otherwise), at most ten redraws a second."""

    def __init__(self, label: str, total: int, *, stream: TextIO | None = None, enabled: bool = True):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.started = self._drawn = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if self.tty and now - self._drawn >= 0.1:
            self._drawn = now
            self._draw(now)

    def close(self) -> float:
        seconds = time.monotonic() - self.started
        if self.enabled:
            self._draw(time.monotonic(), final=True)
        return seconds

    def _draw(self, now: float, *, final: bool = False) -> None:
        elapsed = max(now - self.started, 1e-9)
        share = min(self.done / self.total, 1.0)
        bar = "#" * int(share * 30)
        line = (
            f"{self.label:<22} [{bar:<30}] {self.done:>11,} {share:>5.0%} "
            f"{self.done / elapsed:>11,.0f}/s {elapsed:6.1f}s"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        elif final:
            self.stream.write(line + "\n")
        self.stream.flush()


class Sink:
    """Writes rows into one table of the default database, in the caller's transaction."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.counts: dict[str, int] = {}

    @property
    def timestamp_suffix(self) -> str:
        # PostgreSQL parses the offset; Django keeps SQLite datetimes as naive UTC text.
        return "+00" if self.vendor == "postgresql" else ""

    def write(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        progress: Progress | None = None,
    ) -> int:
        if self.vendor == "postgresql":
            written = self._copy(table, columns, rows, progress)
        else:
            written = self._insert(table, columns, rows, progress)
        self.counts[table] = self.counts.get(table, 0) + written
        return written

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], progress) -> int:
        written = 0
        connection.ensure_connection()
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)
                written += 1
                if progress is not None and not written % 2000:
                    progress.advance(2000)
        if progress is not None:
            progress.advance(written % 2000)
        return written

    def _insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], progress) -> int:
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608 - our table names
        written = 0
        iterator = iter(rows)
        with connection.cursor() as cursor:
            while batch := list(islice(iterator, SQLITE_BATCH)):
                cursor.executemany(sql, batch)
                written += len(batch)
                if progress is not None:
                    progress.advance(len(batch))
        return written
