"""The PostgreSQL export (COPY, cells formatted in SQL) writes the same bytes as the Python csv writer.

Each test builds a list full of what breaks CSV writers (Hebrew, quotes, commas, CR and LF inside values,
formula prefixes, empty and NULL cells, sub-second timestamps, phones) and compares the two files byte by byte.
PostgreSQL only: on SQLite the Python writer is the only one.
"""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.callcenter.csvfiles import copy_export_chunks, export_chunks, export_columns
from casework.callcenter.models import CitizenRecord
from tests.callcenter.factories import CallcenterCaseFactory, CitizenFactory, locked_citizen
from tests.conftest import postgres_only

pytestmark = [pytest.mark.django_db, postgres_only]

# Pieces a cell is glued from: every character the csv module or COPY treats specially, and some that neither does.
PIECES = [
    "שרה", "הרצל", "ז'בוטינסקי", "O'Connor", '"', '""', ",", "\n", "\r", "\r\n", "\t", " ", "=", "+", "-", "@",
    "'", "\\", "\\.", "\\N", "NULL", ";", "a", "1", "🙂", "\u2028", "Ünïcødé",
]  # fmt: skip
STARTS = ["", "=", "+", "-", "@", "\t", "\r", "\n", "'", '"', " ", "\\."]


def tricky_text(rng: random.Random, max_length: int) -> str:
    text = rng.choice(STARTS) + "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
    return text[:max_length]


def tricky_moment(rng: random.Random) -> dt.datetime | None:
    if rng.random() < 0.3:
        return None
    return dt.datetime(2026, 3, 1, tzinfo=dt.UTC) + dt.timedelta(
        seconds=rng.randint(-(10**8), 10**8), microseconds=rng.choice([0, 1, 499_999, 500_000, 999_999])
    )


def make_tricky_citizens(rng: random.Random, count: int, operator) -> None:
    for n in range(count):
        wrong, temporary = rng.random() < 0.5, rng.random() < 0.5
        abroad = temporary and rng.random() < 0.5
        local = temporary and not abroad
        fields = {
            "fid": tricky_text(rng, 50),
            "street_name": tricky_text(rng, 200),
            "building_number": tricky_text(rng, 10),
            "flat_number": tricky_text(rng, 10),
            "first_name": tricky_text(rng, 100),
            "last_name": tricky_text(rng, 100),
            "family_number": rng.randint(1, 12),
            "phone1": rng.choice(["", "+972501234567", "050-1234567", "=1+1", tricky_text(rng, 30)]),
            "phone2": rng.choice(["", "03-6543210", tricky_text(rng, 30)]),
            "phone3": tricky_text(rng, 30),
            "is_answered_the_call": rng.random() < 0.5,
            "is_lonely": rng.random() < 0.5,
            "is_address_wrong": wrong,
            "new_street_name": tricky_text(rng, 200) if wrong else "",
            "new_building_number": tricky_text(rng, 10) if wrong else "",
            "new_flat_number": tricky_text(rng, 10) if wrong else "",
            "has_safe_room": rng.random() < 0.5,
            "is_dead": rng.random() < 0.1,
            "has_temporary_address": temporary,
            "is_temporary_abroad": abroad,
            "temporary_street_name": tricky_text(rng, 200) if local else "",
            "temporary_flat_number": tricky_text(rng, 10) if local else "",
            "appearance_count": rng.randint(0, 3),
            "first_appearance_at": tricky_moment(rng),
            "third_appearance_at": tricky_moment(rng),
            "last_updated_at": tricky_moment(rng),
            "last_updated_by": operator if rng.random() < 0.5 else None,
        }
        citizen = locked_citizen(operator, **fields) if n % 5 == 0 else CitizenFactory(**fields)
        if rng.random() < 0.4:
            CallcenterCaseFactory(citizen=citizen, callcenter_case_number=tricky_text(rng, 50))
    # created_at is set on insert; spread it too, with sub-second parts that must be cut, not rounded.
    for citizen in CitizenRecord.objects.all():
        CitizenRecord.objects.filter(pk=citizen.pk).update(
            created_at=tricky_moment(rng) or dt.datetime.now(dt.UTC)
        )


def python_file(columns) -> bytes:
    rows = CitizenRecord.objects.order_by("id").values_list(*[field for _, field, _ in columns])
    return b"".join(export_chunks(rows.iterator(), columns))


def copy_file(columns, **options) -> bytes:
    return b"".join(copy_export_chunks(CitizenRecord.objects.order_by("id"), columns, **options))


@pytest.mark.parametrize("include_phones", [False, True])
def test_copy_writes_the_same_bytes_as_the_python_writer_for_a_tricky_list(operator, include_phones):
    make_tricky_citizens(random.Random(f"export-{include_phones}"), 150, operator)
    columns = export_columns(include_phones=include_phones)

    copied = copy_file(columns)

    assert copied == python_file(columns)
    assert b"\r\n" in copied and b"'=" in copied and "שרה".encode() in copied


def test_line_breaks_inside_values_are_kept_as_they_are_and_rows_end_with_crlf(operator):
    CitizenFactory(street_name="a\nb", first_name="c\r\nd", last_name="e\rf", flat_number="")
    columns = export_columns(include_phones=False)

    copied = copy_file(columns)

    assert copied == python_file(columns)
    assert b',"a\nb",' in copied and b',"c\r\nd","e\rf",' in copied
    assert copied.endswith(b"\r\n") and not copied.endswith(b"\r\n\r\n")


def test_an_empty_list_gives_the_header_alone():
    columns = export_columns(include_phones=True)
    assert (
        copy_file(columns) == python_file(columns) == b",".join(h.encode() for h, _, _ in columns) + b"\r\n"
    )


def test_chunks_end_on_row_boundaries(operator):
    make_tricky_citizens(random.Random("chunks"), 20, operator)
    columns = export_columns(include_phones=True)

    chunks = list(copy_export_chunks(CitizenRecord.objects.order_by("id"), columns, chunk_bytes=1))

    assert len(chunks) == 21  # the header, then one chunk per row
    assert b"".join(chunks) == python_file(columns)


def test_the_api_export_on_postgresql_is_one_copy_statement(as_admin):
    CallcenterCaseFactory(callcenter_case_number="+12")
    CitizenFactory(phone1="+972501234567")

    with CaptureQueriesContext(connection) as queries:
        response = as_admin.get("/admin/citizens", include="phones")
        body = b"".join(response.streaming_content)

    reads = [q["sql"] for q in queries if "callcenter_citizenrecord" in q["sql"]]
    assert len(reads) == 1 and reads[0].startswith("COPY (SELECT")
    assert body == python_file(export_columns(include_phones=True))


def test_closing_the_export_half_way_cancels_the_copy_and_leaves_the_connection_usable(operator):
    CitizenFactory.create_batch(50)
    chunks = copy_export_chunks(
        CitizenRecord.objects.order_by("id"), export_columns(include_phones=False), chunk_bytes=1
    )
    next(chunks), next(chunks)

    chunks.close()

    assert CitizenRecord.objects.count() == 50
