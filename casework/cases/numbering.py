"""Case numbers: CASE-YYMMDD-NNNNN, counted per day."""

import datetime as dt
from collections import Counter

from django.db import connection

from casework.cases.models import CaseNumberCounter


def next_case_number(day: dt.date) -> str:
    """Hand out the next number of `day`, atomically, inside the caller's transaction.

    One upsert statement increments the day's counter and returns it; the row lock it takes makes a
    concurrent creator wait for this transaction, so no two cases ever get the same number (and the unique
    constraint on Case.case_number is the last line of defence). Past 99 999 cases in a day the number
    simply grows a digit.
    """
    table = "cases_casenumbercounter"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, last_number) VALUES (%s, 1) "  # noqa: S608 - constant table name
            f"ON CONFLICT (day) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [day],
        )
        (number,) = cursor.fetchone()
    return f"CASE-{day:%y%m%d}-{number:05d}"


def raise_case_counters(counts: Counter[dt.date]) -> dict[dt.date, int]:
    """Reserve `counts[day]` numbers of each day at once, for a bulk load: the day's counter is raised by the
    count in one upsert, exactly as `next_case_number` raises it by one, so a case opened later on any of these
    days gets the next free number. Returns each day's new last number (the load's cases take the numbers up to
    it)."""
    table = connection.ops.quote_name(CaseNumberCounter._meta.db_table)
    items = sorted(counts.items())
    last: dict[dt.date, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(items), 400):
            chunk = items[start : start + 400]
            cursor.execute(
                f"INSERT INTO {table} (day, last_number) VALUES {', '.join(['(%s, %s)'] * len(chunk))} "  # noqa: S608 - constant table name
                f"ON CONFLICT (day) DO UPDATE SET last_number = {table}.last_number + excluded.last_number "
                "RETURNING day, last_number",
                [value for pair in chunk for value in pair],
            )
            for day, number in cursor.fetchall():
                last[day if isinstance(day, dt.date) else dt.date.fromisoformat(day)] = number
    return last
