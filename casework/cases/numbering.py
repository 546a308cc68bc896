"""Case numbers: CASE-YYMMDD-NNNNN, counted per day."""

import datetime as dt

from django.db import connection


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
