"""Use cases of the call center: the operator's queue, the call result, the 106 case, and the list's life cycle."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.audit.services import record_event
from casework.callcenter import conf, errors
from casework.callcenter import validators as v
from casework.callcenter.csvfiles import copy_export_chunks, export_chunks, export_columns
from casework.callcenter.models import CallcenterCase, CitizenHandler, CitizenRecord, CitizenStatus

_APPEARANCE_STAMPS = {1: "first_appearance_at", 2: "second_appearance_at", 3: "third_appearance_at"}


def _record_handler(citizen: CitizenRecord, operator: User, now: dt.datetime) -> None:
    """Remember that `operator` worked this citizen, so they may read it afterwards (once per pair)."""
    CitizenHandler.objects.bulk_create(
        [CitizenHandler(citizen=citizen, operator=operator, first_handled_at=now)], ignore_conflicts=True
    )


def _refuse_if_held_by_another(citizen: CitizenRecord, actor: User, now: dt.datetime) -> None:
    """409 naming the holder's lock while another operator's lock on the record runs."""
    held = citizen.status == CitizenStatus.IN_PROGRESS and citizen.locked_by_id != actor.pk
    if held and citizen.locked_until is not None and citizen.locked_until > now:
        raise errors.LOCKED_BY_ANOTHER_OPERATOR(
            locked_by=str(citizen.locked_by_id), locked_until=citizen.locked_until.isoformat()
        )


@transaction.atomic
def take_next_citizen(*, operator: User, now: dt.datetime | None = None) -> CitizenRecord | None:
    """Hand the operator the next record of the queue and lock it to them; None when the queue is empty.

    Two operators asking at once never get the same record. PostgreSQL: the candidate row is taken with
    `FOR UPDATE SKIP LOCKED`, so a concurrent caller skips it instead of waiting for it. SQLite: every
    transaction here starts IMMEDIATE (see settings), so pick-and-lock runs one caller at a time.
    """
    now = now or timezone.now()
    # The retry delay is part of the candidate query, so it is decided under the same lock as the pick.
    candidates = CitizenRecord.objects.in_queue(
        appearance_threshold=conf.appearance_threshold(), retried_before=now - conf.retry_delay()
    )
    if connection.features.has_select_for_update_skip_locked:
        candidates = candidates.select_for_update(skip_locked=True)
    citizen = candidates.first()
    if citizen is None:
        return None
    citizen.appearance_count += 1
    citizen.status = CitizenStatus.IN_PROGRESS
    citizen.locked_by = operator
    citizen.locked_until = now + conf.lock_duration()
    fields = ["appearance_count", "status", "locked_by", "locked_until"]
    stamp = _APPEARANCE_STAMPS.get(citizen.appearance_count)
    if stamp:
        setattr(citizen, stamp, now)
        fields.append(stamp)
    citizen.save(update_fields=fields)
    _record_handler(citizen, operator, now)
    return citizen


def _clean_call_result(result: dict[str, Any]) -> dict[str, Any]:
    """The call result as stored: conditional addresses cleared when their condition is off."""
    clean: dict[str, Any] = {
        name: bool(result.get(name, False))
        for name in (
            "is_answered_the_call",
            "is_lonely",
            "is_address_wrong",
            "has_safe_room",
            "has_private_shelter",
            "has_public_shelter",
            "has_mobility_restriction",
            "is_dead",
            "is_left_the_city",
            "has_temporary_address",
            "is_temporary_abroad",
        )
    }
    if result.get("family_number") is not None:
        clean["family_number"] = v.clean_family_number(result["family_number"], field="family_number")
    clean["is_temporary_abroad"] = clean["has_temporary_address"] and clean["is_temporary_abroad"]
    wrong = clean["is_address_wrong"]
    clean["new_street_name"] = v.clean_street(
        result.get("new_street_name") if wrong else "", field="new_street_name", required=wrong
    )
    clean["new_building_number"] = v.clean_building(
        result.get("new_building_number") if wrong else "", field="new_building_number", required=wrong
    )
    clean["new_flat_number"] = v.clean_flat(
        result.get("new_flat_number") if wrong else "", field="new_flat_number"
    )
    local = clean["has_temporary_address"] and not clean["is_temporary_abroad"]
    clean["temporary_street_name"] = v.clean_street(
        result.get("temporary_street_name") if local else "", field="temporary_street_name", required=local
    )
    clean["temporary_building_number"] = v.clean_building(
        result.get("temporary_building_number") if local else "",
        field="temporary_building_number",
        required=local,
    )
    clean["temporary_flat_number"] = v.clean_flat(
        result.get("temporary_flat_number") if local else "", field="temporary_flat_number"
    )
    return clean


@transaction.atomic
def submit_call_result(
    citizen_id: int, *, operator: User, result: dict[str, Any], now: dt.datetime | None = None
) -> CitizenRecord:
    """Store what the operator learned on the call and release their lock.

    Only the lock holder may submit (403 otherwise), only while the record is InProgress and the lock has not
    expired (409). A call that reached the resident, or learned they died or left the city, ends the record's
    time in the queue (Updated); an unanswered call is one attempt: the record returns to Pending and comes
    round again until it has appeared the threshold number of times, after which it waits for a 106 case.
    """
    now = now or timezone.now()
    clean = _clean_call_result(result)
    citizen = CitizenRecord.objects.select_for_update().filter(pk=citizen_id).first()
    if citizen is None:
        raise errors.CITIZEN_NOT_FOUND()
    if citizen.status != CitizenStatus.IN_PROGRESS:
        raise errors.NOT_IN_PROGRESS()
    assert citizen.locked_until is not None  # InProgress implies a lock (check constraint)
    if citizen.locked_by_id != operator.pk:
        raise errors.LOCKED_BY_ANOTHER_OPERATOR(
            locked_by=str(citizen.locked_by_id), locked_until=citizen.locked_until.isoformat()
        )
    if citizen.locked_until <= now:
        raise errors.LOCK_EXPIRED()
    for name, value in clean.items():
        setattr(citizen, name, value)
    finished = clean["is_answered_the_call"] or clean["is_dead"] or clean["is_left_the_city"]
    citizen.status = CitizenStatus.UPDATED if finished else CitizenStatus.PENDING
    citizen.locked_by = None
    citizen.locked_until = None
    citizen.last_updated_by = operator
    citizen.last_updated_at = now
    citizen.save(
        update_fields=[*clean, "status", "locked_by", "locked_until", "last_updated_by", "last_updated_at"]
    )
    _record_handler(citizen, operator, now)
    record_event(
        actor=operator,
        verb="callcenter.call_recorded",
        target=citizen,
        data={"answered": clean["is_answered_the_call"], "status": citizen.status},
    )
    return citizen


@transaction.atomic
def open_callcenter_case(
    *, citizen_id: int, case_number: str, actor: User, now: dt.datetime | None = None
) -> CallcenterCase:
    """Record the 106 hotline ticket opened for a citizen; the citizen leaves the queue for good.

    One case per citizen. Simultaneous requests are decided by the unique index on the citizen column: the
    loser's insert fails inside a savepoint and becomes 409, never a 500. A citizen another operator holds is
    refused (409 naming the lock) until that lock expires: the record is read `FOR UPDATE` (SQLite: the
    transaction is IMMEDIATE), so the queue cannot hand it out between the check and the write. The actor's
    own lock, or an expired one, is released.
    """
    now = now or timezone.now()
    number = (case_number or "").strip()
    if not conf.case_number_pattern().fullmatch(number):
        raise errors.INVALID_CASE_NUMBER()
    citizen = CitizenRecord.objects.select_for_update().filter(pk=citizen_id).first()
    if citizen is None:
        raise errors.CITIZEN_NOT_FOUND()
    _refuse_if_held_by_another(citizen, actor, now)
    if CallcenterCase.objects.filter(citizen_id=citizen.pk).exists():
        raise errors.CASE_EXISTS()
    try:
        with transaction.atomic():
            case = CallcenterCase.objects.create(citizen=citizen, callcenter_case_number=number)
    except IntegrityError as exc:
        raise errors.CASE_EXISTS() from exc
    CitizenRecord.objects.filter(pk=citizen.pk, status=CitizenStatus.IN_PROGRESS).update(
        status=CitizenStatus.PENDING, locked_by=None, locked_until=None
    )
    _record_handler(citizen, actor, now)
    record_event(
        actor=actor,
        verb="callcenter.case_opened",
        target=case,
        data={"citizen_id": citizen.pk, "callcenter_case_number": number},
    )
    return case


@transaction.atomic
def release_expired_locks(*, now: dt.datetime | None = None) -> int:
    """Return records whose lock has expired to Pending; the number released.

    Decided in one UPDATE on current state, so a record whose operator submits at the same moment is either
    submitted (and no longer InProgress) or released, never both.
    """
    now = now or timezone.now()
    return CitizenRecord.objects.with_expired_lock(now=now).update(
        status=CitizenStatus.PENDING, locked_by=None, locked_until=None
    )


def _lock_citizen_tables() -> None:
    # Import and clear decide on "is the list empty?"; on PostgreSQL a table lock makes a second import wait
    # and then see the first one's rows. SQLite transactions here are IMMEDIATE: already one writer at a time.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (CitizenRecord, CallcenterCase, CitizenHandler):
                cursor.execute(f'LOCK TABLE "{model._meta.db_table}" IN SHARE ROW EXCLUSIVE MODE')


@transaction.atomic
def import_citizens(*, rows: Iterable[CitizenRecord], actor: User, batch_size: int = 2000) -> int:
    """Load a new list of citizens, all rows or none; the number imported.

    `rows` is validated lazily (see `csvfiles.read_citizens`): a bad row raises and rolls back the rows already
    inserted. A list may only be loaded into an empty table (409): export, clear, then upload.
    """
    _lock_citizen_tables()
    if CitizenRecord.objects.exists():
        raise errors.CITIZENS_EXIST()
    count = 0
    batch: list[CitizenRecord] = []
    for citizen in rows:
        batch.append(citizen)
        if len(batch) >= batch_size:
            CitizenRecord.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        CitizenRecord.objects.bulk_create(batch)
        count += len(batch)
    if count == 0:
        raise errors.EMPTY_FILE()
    record_event(actor=actor, verb="callcenter.citizens_imported", target=actor, data={"citizens": count})
    return count


@transaction.atomic
def clear_citizens(*, actor: User) -> tuple[int, int]:
    """Delete every citizen and every 106 case; (citizens, cases) deleted, recorded in the audit log."""
    _lock_citizen_tables()
    cases = CallcenterCase.objects.count()
    citizens = CitizenRecord.objects.count()
    # Plain DELETE statements: Django's delete collector would load every row (a million) into memory first.
    with connection.cursor() as cursor:
        for model in (CitizenHandler, CallcenterCase, CitizenRecord):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
    record_event(
        actor=actor,
        verb="callcenter.citizens_cleared",
        target=actor,
        data={"citizens": citizens, "cases": cases},
    )
    return citizens, cases


def export_citizens(*, actor: User, include_phones: bool) -> tuple[str, Iterable[bytes]]:
    """Every citizen as CSV lines (one streamed query) and the file name; the export of personal data is audited.

    PostgreSQL writes the file itself with COPY (see csvfiles); other databases go through the Python writer.

    The audit event is written before the first row leaves, in its own transaction, so an export that is cut
    off half-way is still on record.
    """
    with transaction.atomic():
        # The list has no row of its own to name, so the event is filed under the exporting admin.
        record_event(
            actor=actor, verb="callcenter.citizens_exported", target=actor, data={"phones": include_phones}
        )
    columns = export_columns(include_phones=include_phones)
    citizens = CitizenRecord.objects.order_by("id")
    if connections[citizens.db].vendor == "postgresql":
        chunks = copy_export_chunks(citizens, columns)
    else:
        rows = citizens.values_list(*[field for _, field, _ in columns]).iterator(chunk_size=2000)
        chunks = export_chunks(rows, columns)
    return f"citizens-export-{timezone.now():%Y-%m-%d-%H-%M-%S}.csv", chunks
