"""Writers for generated rows: PostgreSQL `COPY FROM STDIN` (psycopg 3), batched `executemany` elsewhere; the
PostgreSQL bulk-load mode (`BulkLoadSchema`)."""

import sys
import time
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, NamedTuple, TextIO

from django.db import connection

SQLITE_BATCH = 5000


class Encoded(NamedTuple):
    """A batch of rows ready for `Sink.write_encoded`, and how many rows it holds."""

    rows: int
    data: Any  # COPY text (bytes) on PostgreSQL, the rows elsewhere


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
        # PostgreSQL tables written with COPY FREEZE (see `BulkLoadSchema.drop`).
        self.frozen: set[str] = set()

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

    def encode(self, rows: Iterable[Sequence[Any]]) -> Encoded:
        """Rows in the form `write_encoded` takes: COPY text on PostgreSQL (built where the rows are, in a worker
        process, so the writing process only passes bytes on), the rows themselves elsewhere."""
        if self.vendor != "postgresql":
            rows = list(rows)
            return Encoded(len(rows), rows)
        # psycopg's own row formatter (C), the one `copy.write_row` uses, without a connection.
        from psycopg._copy_base import format_row_text
        from psycopg.adapt import Transformer

        transformer, out, count = Transformer(), bytearray(), 0
        for row in rows:
            format_row_text(row, transformer, out)
            count += 1
        return Encoded(count, out)

    def write_encoded(self, table: str, columns: Sequence[str], encoded: Encoded) -> None:
        if self.vendor != "postgresql":
            self.write(table, columns, encoded.data)
            return
        if encoded.rows:
            with (
                connection.connection.cursor() as cursor,
                cursor.copy(self._copy_sql(table, columns)) as copy,
            ):
                copy.write(encoded.data)
        self.counts[table] = self.counts.get(table, 0) + encoded.rows

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], progress) -> int:
        written = 0
        connection.ensure_connection()
        sql = self._copy_sql(table, columns)
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

    def _copy_sql(self, table: str, columns: Sequence[str]) -> str:
        freeze = " (FREEZE)" if table in self.frozen else ""
        return f"COPY {table} ({', '.join(columns)}) FROM STDIN{freeze}"

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


class BulkLoadSchema:
    """PostgreSQL bulk-load mode, as `pg_restore` does it: the loaded tables' indexes, primary keys, unique
    constraints and foreign keys (and other tables' foreign keys pointing at them) are dropped before COPY and
    created again after it, from their own definitions (`pg_get_indexdef`, `pg_get_constraintdef`).

    Run inside the generator's transaction: a failure anywhere rolls the drops back with the rows, so the schema
    can never be left without them. Recreating a foreign key checks every row in one join, instead of one
    deferred trigger per row at COMMIT; building an index once sorts its keys instead of inserting them one by
    one. CHECK and NOT NULL constraints stay (checked per row, cheaply), and so do partial and expression indexes
    (the partial unique rules): PostgreSQL prints their predicates back in a different, equivalent form, so a
    rebuilt one would not be the same definition. `restore` checks that every definition is back as it was.
    The tables are locked (ACCESS EXCLUSIVE) until COMMIT, which a bulk load into a benchmark database affords.
    """

    def __init__(self, tables: Sequence[str]):
        self.tables = list(tables)
        self.indexes: list[tuple[str, str, str]] = []  # (table, index, CREATE INDEX ...)
        self.keys: list[tuple[str, str, str]] = []  # (table, constraint, PRIMARY KEY | UNIQUE | EXCLUDE ...)
        self.foreign_keys: list[tuple[str, str, str]] = []  # (table, constraint, FOREIGN KEY ...)
        self.before: set[tuple[str, str, str]] = set()
        self.empty: set[str] = set()  # the tables empty before the load, truncated to be written frozen

    def definitions(self) -> set[tuple[str, str, str]]:
        """Every index and constraint of the loaded tables and every foreign key into them, as defined now."""
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                  FROM pg_constraint c
                 WHERE c.conrelid = ANY(%(tables)s::regclass[]) OR c.confrelid = ANY(%(tables)s::regclass[])
                UNION ALL
                SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i
                 WHERE i.indrelid = ANY(%(tables)s::regclass[])
                """,
                {"tables": self.tables},
            )
            return {tuple(row) for row in cursor.fetchall()}

    def drop(self) -> None:
        self.before = self.definitions()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
                  FROM pg_constraint c
                 WHERE c.contype IN ('f', 'p', 'u', 'x')
                   AND (c.conrelid = ANY(%(tables)s::regclass[])
                        OR (c.contype = 'f' AND c.confrelid = ANY(%(tables)s::regclass[])))
                 ORDER BY c.conrelid::regclass::text, c.conname
                """,
                {"tables": self.tables},
            )
            for table, name, definition, kind in cursor.fetchall():
                (self.foreign_keys if kind == "f" else self.keys).append((table, name, definition))
            # Plain indexes of their own (the ones behind primary keys and unique constraints go with the constraint).
            cursor.execute(
                """
                SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i
                 WHERE i.indrelid = ANY(%(tables)s::regclass[]) AND i.indpred IS NULL AND i.indexprs IS NULL
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                    WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
                 ORDER BY 1, 2
                """,
                {"tables": self.tables},
            )
            self.indexes = [tuple(row) for row in cursor.fetchall()]
            quote = connection.ops.quote_name
            for table, name, _ in self.foreign_keys + self.keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
            for _, name, _ in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
            # Tables empty before the load are truncated (no rows lost: they are empty, and no foreign key points
            # at them any more), so COPY may write their rows frozen and all-visible: no VACUUM pass rewriting
            # every page later to set hint bits and the visibility map. Crash-safe like any COPY (WAL-logged);
            # the one difference, as documented for COPY FREEZE, is that a transaction already running when
            # this one commits sees the rows too.
            cursor.execute(
                " UNION ALL ".join(f"SELECT '{t}' WHERE NOT EXISTS (SELECT FROM {t})" for t in self.tables)  # noqa: S608 - our table names
            )
            self.empty = {row[0] for row in cursor.fetchall()}
            if self.empty:
                cursor.execute(f"TRUNCATE {', '.join(sorted(self.empty))}")

    def restore(self) -> None:
        """Indexes and keys first (a foreign key needs the referenced key), then the foreign keys."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for _, _, definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in self.keys + self.foreign_keys:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
        after = self.definitions()
        if after != self.before:  # raising rolls the whole load back, drops included
            raise RuntimeError(
                f"Indexes and constraints not restored as they were: missing {sorted(self.before - after)}, "
                f"new {sorted(after - self.before)}"
            )
