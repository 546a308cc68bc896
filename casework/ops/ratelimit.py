"""Rate-limit counters shared by every process without Redis: one row per bucket, counted by one statement.

`hit(bucket, key, period=...)` adds one to the bucket and returns its count in the current window. The window
opens at the bucket's first hit and lasts `period` seconds; the first hit after it ends opens a new one at 1.
The increment is a single `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` (SQLite 3.35+, PostgreSQL), so two
processes hitting the same bucket at once never lose a count: the database serialises them on the row.
"""

import hashlib
import time

from django.db import connection, transaction

from casework.ops.models import RateCounter


def _key(bucket: str, key: str) -> str:
    return hashlib.sha256(f"{bucket}\x00{key}".encode()).hexdigest()


def hit(bucket: str, key: str, *, period: int) -> int:
    """Count one event for `key` in `bucket`; returns how many there were in the current window, this one
    included. Outside a transaction (as at sign-in) the count commits at once."""
    now = int(time.time())
    q = connection.ops.quote_name
    table, key_, count_, started, ends = (
        q(RateCounter._meta.db_table),
        q("key"),
        q("count"),
        q("window_started"),
        q("window_ends"),
    )
    expired = f"{table}.{ends} <= %s"
    sql = (
        f"INSERT INTO {table} ({key_}, {count_}, {started}, {ends}) VALUES (%s, 1, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({key_}) DO UPDATE SET "
        f"{count_} = CASE WHEN {expired} THEN 1 ELSE {table}.{count_} + 1 END, "
        f"{started} = CASE WHEN {expired} THEN %s ELSE {table}.{started} END, "
        f"{ends} = CASE WHEN {expired} THEN %s ELSE {table}.{ends} END "
        f"RETURNING {count_}"
    )
    with transaction.atomic(durable=not connection.in_atomic_block), connection.cursor() as cursor:
        cursor.execute(sql, [_key(bucket, key), now, now + period, now, now, now, now, now + period])
        (count,) = cursor.fetchone()
    if count == 1:  # a new window: a cheap moment to drop the counters whose windows have ended
        RateCounter.objects.filter(window_ends__lte=now).delete()
    return int(count)
