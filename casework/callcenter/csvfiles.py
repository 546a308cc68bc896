"""The citizen list as CSV: the export's columns and rows, and reading an uploaded list.

Export cells follow RFC 4180 (Python's csv module quotes fields with commas, quotes or line breaks and ends
rows with CRLF). A text cell that begins with =, +, -, @, tab or carriage return gets a leading apostrophe so a
spreadsheet shows it as text instead of running it as a formula (`+972 50...` becomes `'+972 50...`); the
import strips that apostrophe again.
"""

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connections
from django.db.models import Case, F, QuerySet, TextField, Value, When
from django.db.models.expressions import Combinable, Func
from django.db.models.functions import Concat, NullIf, Ord
from django.db.models.lookups import In

from casework.callcenter import errors
from casework.callcenter import validators as v
from casework.callcenter.models import CitizenRecord
from casework.core.errors import ValidationFailed
from casework.core.spreadsheets import FORMULA_STARTS

# (header, queryset field, kind) in the order of the file; kinds pick the formatter.
EXPORT_COLUMNS: list[tuple[str, str, str]] = [
    ("Id", "id", "int"),
    ("FID", "fid", "text"),
    ("StreetName", "street_name", "text"),
    ("BuildingNumber", "building_number", "text"),
    ("FlatNumber", "flat_number", "text"),
    ("FirstName", "first_name", "text"),
    ("LastName", "last_name", "text"),
    ("FamilyNumber", "family_number", "int"),
    ("IsAnsweredTheCall", "is_answered_the_call", "bool"),
    ("IsLonely", "is_lonely", "bool"),
    ("IsAddressWrong", "is_address_wrong", "bool"),
    ("NewStreetName", "new_street_name", "text"),
    ("NewBuildingNumber", "new_building_number", "text"),
    ("NewFlatNumber", "new_flat_number", "text"),
    ("HasMamad", "has_safe_room", "bool"),
    ("HasMiklatPrati", "has_private_shelter", "bool"),
    ("HasMiklatZiburi", "has_public_shelter", "bool"),
    ("HasMobilityRestriction", "has_mobility_restriction", "bool"),
    ("IsDead", "is_dead", "bool"),
    ("IsLeftTheCityPermanent", "is_left_the_city", "bool"),
    ("HasTemporaryAddress", "has_temporary_address", "bool"),
    ("IsTemporaryAbroad", "is_temporary_abroad", "bool"),
    ("TemporaryStreetName", "temporary_street_name", "text"),
    ("TemporaryBuildingNumber", "temporary_building_number", "text"),
    ("TemporaryFlat", "temporary_flat_number", "text"),
    ("Status", "status", "text"),
    ("LockedByUserId", "locked_by_id", "id"),
    ("LockedUntil", "locked_until", "time"),
    ("LastUpdatedByUserId", "last_updated_by_id", "id"),
    ("LastUpdatedAt", "last_updated_at", "time"),
    ("CreatedAt", "created_at", "time"),
    ("AppearanceCount", "appearance_count", "int"),
    ("FirstTimeAppearance", "first_appearance_at", "time"),
    ("SecondTimeAppearance", "second_appearance_at", "time"),
    ("ThirdTimeAppearance", "third_appearance_at", "time"),
    ("callcenter_case_number", "callcenter_case__callcenter_case_number", "text"),
]
PHONE_COLUMNS: list[tuple[str, str, str]] = [
    ("Phone1", "phone1", "text"),
    ("Phone2", "phone2", "text"),
    ("Phone3", "phone3", "text"),
]


def _utc_iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def export_columns(*, include_phones: bool) -> list[tuple[str, str, str]]:
    return EXPORT_COLUMNS + (PHONE_COLUMNS if include_phones else [])


def export_chunks(
    rows: Iterable[tuple[Any, ...]], columns: list[tuple[str, str, str]], *, rows_per_chunk: int = 2000
) -> Iterator[bytes]:
    """The CSV file as UTF-8 byte chunks: the header, then `rows_per_chunk` rows at a time.

    Cells are rewritten in place by column kind (the hot loop of a million-row export: no call per cell);
    numbers, ids and None (an empty cell) go to the csv writer as they are.
    """
    texts = [i for i, (_, _, kind) in enumerate(columns) if kind == "text"]
    bools = [i for i, (_, _, kind) in enumerate(columns) if kind == "bool"]
    times = [i for i, (_, _, kind) in enumerate(columns) if kind == "time"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _, _ in columns])
    pending = 1
    for row in rows:
        cells = list(row)
        for i in texts:
            text = cells[i]
            if text and text.startswith(FORMULA_STARTS):
                cells[i] = "'" + text
        for i in bools:
            cells[i] = "True" if cells[i] else "False"
        for i in times:
            if cells[i] is not None:
                cells[i] = _utc_iso(cells[i])
        writer.writerow(cells)
        pending += 1
        if pending >= rows_per_chunk:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending:
        yield buffer.getvalue().encode("utf-8")


class _UtcIso(Func):
    """A timestamp as `_utc_iso` writes it: `2026-03-01T08:30:00Z` (seconds truncated, as isoformat does)."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    output_field = TextField()


def _copy_cell(field: str, kind: str) -> Combinable | F:
    """The cell as SQL text, formatted as `export_chunks` formats it.

    COPY's CSV writes NULL as an empty field and quotes an empty string (`""`); the csv module writes both
    unquoted, so empty text goes out as NULL. Ints and user ids (uuid) print the same in both.
    """
    if kind == "text":
        neutralised = Concat(Value("'"), F(field), output_field=TextField())
        return Case(
            # ASCII() is the first character's code point (0 for ''): a third of LEFT(x, 1) IN (...)'s cost.
            When(In(Ord(field), [ord(start) for start in FORMULA_STARTS]), then=neutralised),
            default=NullIf(F(field), Value("")),
            output_field=TextField(),
        )
    if kind == "bool":
        return Case(
            When(**{field: True}, then=Value("True")), default=Value("False"), output_field=TextField()
        )
    if kind == "time":
        return _UtcIso(F(field))
    return F(field)


def copy_export_chunks(
    citizens: QuerySet[CitizenRecord], columns: list[tuple[str, str, str]], *, chunk_bytes: int = 1 << 18
) -> Iterator[bytes]:
    """The CSV file written by PostgreSQL: `export_chunks`' bytes, from one `COPY ... TO STDOUT` statement.

    The statement starts when the first chunk is asked for and reads one snapshot, streamed (constant memory).
    The wire protocol sends COPY TO data as "CopyData messages (always one per row)", each row ending in LF;
    a line break inside a value is inside quotes and stays as it is. So each message's last byte, and only it,
    becomes the csv module's CRLF. Closing the generator half-way cancels the statement.
    """
    yield next(export_chunks([], columns))  # the header row, exactly as the Python writer spells it
    cells = {f"c{i}": _copy_cell(field, kind) for i, (_, field, kind) in enumerate(columns)}
    sql, params = citizens.annotate(**cells).values_list(*cells).query.sql_with_params()
    connection = connections[citizens.db]
    # COPY takes no bind parameters: the PostgreSQL backend merges them in client-side (psycopg's mogrify).
    query = connection.ops.compose_sql(sql, params)  # type: ignore[attr-defined]
    statement = f"COPY ({query}) TO STDOUT (FORMAT csv)"
    buffer = bytearray()
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in copy:
            buffer += row
            buffer[-1:] = b"\r\n"
            if len(buffer) >= chunk_bytes:
                yield bytes(buffer)
                buffer.clear()
    if buffer:
        yield bytes(buffer)


REQUIRED_IMPORT_COLUMNS = ["FID", "StreetName", "BuildingNumber", "FirstName", "LastName", "FamilyNumber"]
OPTIONAL_IMPORT_COLUMNS = ["FlatNumber", "Phone1", "Phone2", "Phone3", "IsLonely"]


def _unneutralise(value: str | None) -> str:
    if value and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value or ""


def _citizen_from_row(row: dict[str, str]) -> CitizenRecord:
    return CitizenRecord(
        fid=v.clean_fid(row["FID"], field="FID"),
        street_name=v.clean_street(row["StreetName"], field="StreetName"),
        building_number=v.clean_building(row["BuildingNumber"], field="BuildingNumber"),
        flat_number=v.clean_flat(row.get("FlatNumber"), field="FlatNumber"),
        first_name=v.clean_name(row["FirstName"], field="FirstName"),
        last_name=v.clean_name(row["LastName"], field="LastName"),
        family_number=v.clean_family_number(row["FamilyNumber"], field="FamilyNumber"),
        phone1=v.clean_phone(row.get("Phone1"), field="Phone1"),
        phone2=v.clean_phone(row.get("Phone2"), field="Phone2"),
        phone3=v.clean_phone(row.get("Phone3"), field="Phone3"),
        is_lonely=v.clean_bool(row.get("IsLonely"), field="IsLonely"),
    )


def _decoded_lines(file: Iterable[bytes]) -> Iterator[str]:
    # Decoded line by line (not through a buffered TextIOWrapper) so an encoding error names its own line.
    for number, raw in enumerate(file, start=1):
        try:
            yield (raw[3:] if number == 1 and raw.startswith(codecs.BOM_UTF8) else raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise errors.INVALID_ENCODING(line=number) from exc


def read_citizens(file: Iterable[bytes]) -> Iterator[CitizenRecord]:
    """Unsaved citizens from an uploaded CSV list (UTF-8, a BOM allowed, header row first), one per row.

    Columns, by header name in any order: FID, StreetName, BuildingNumber, FirstName, LastName, FamilyNumber
    (required); FlatNumber, Phone1, Phone2, Phone3, IsLonely (optional); any other column, such as the rest of
    an export, is ignored. A bad row raises ValidationFailed naming its line (the file's physical line where
    the row starts, the header being line 1) and its column.
    """
    reader = csv.DictReader(_decoded_lines(file), strict=True)
    try:
        headers = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = headers
        missing = [name for name in REQUIRED_IMPORT_COLUMNS if name not in headers]
        if missing:
            raise errors.MISSING_COLUMN(field=missing[0], line=1, columns=", ".join(missing))
        wanted = REQUIRED_IMPORT_COLUMNS + [c for c in OPTIONAL_IMPORT_COLUMNS if c in headers]
        for row in reader:
            # The row ends at line_num; quoted values may span lines (and blank lines before it are skipped).
            start = reader.line_num - sum(
                value.count("\n") for value in row.values() if isinstance(value, str)
            )
            if None in row:
                raise errors.TOO_MANY_FIELDS(line=start)
            values = {name: _unneutralise(row.get(name)) for name in wanted}
            try:
                yield _citizen_from_row(values)
            except ValidationFailed as exc:
                raise errors.RowError(exc, line=start) from exc
    except csv.Error as exc:
        raise errors.MALFORMED_CSV(line=reader.line_num, reason=str(exc)) from exc
