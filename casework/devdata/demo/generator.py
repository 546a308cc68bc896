"""Builds the demo contacts, cases and timelines in memory from one seeded random source, then bulk-writes them.

This is seed data, not a use case: it deliberately bypasses the case services and writes with `bulk_create` in the
caller's transaction (a few seconds on SQLite). It keeps the invariants the services keep: case numbers are reserved
from the per-day counters (so cases opened later on the same days never collide), intake data passes the case
type's custom-field validation, status and opened/closed dates follow a path through the configured transition
graph (with a status_change note per move), and every case gets its "created" history row.
"""

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.base import CommandError
from django.db import models
from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from casework.accounts.models import User
from casework.cases.models import (
    FINISHED_STATUS_TYPES,
    Case,
    CaseAssignment,
    CaseNote,
    CaseStatus,
    CaseType,
    NoteType,
    Priority,
    Source,
    StatusType,
)
from casework.cases.numbering import raise_case_counters
from casework.cases.services import status_change_note
from casework.cases.timeline import NoteKind, entry
from casework.contacts.models import Contact
from casework.devdata.demo import content
from casework.devdata.demo.intake import intake_data
from casework.devdata.workflow import shortest_path, transition_graph

DAYS_OF_HISTORY = 730
CASES_OPENED_TODAY = 3  # so "new today" is non-empty and today's case numbers are in use
WORKING_ROLES = ("caseworker", "manager")


class DemoGenerator:
    """Builds the demo rows in memory from one seeded random source, then writes them in bulk."""

    def __init__(self, staff: list[User], *, seed: int, now: dt.datetime):
        self.rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        self.now = now
        self.today = timezone.localdate(now)
        self.workers = [u for u in staff if u.role_id in WORKING_ROLES] or staff
        self.worker_weights = [5 if u.role_id == "caseworker" else 1 for u in self.workers]
        self.statuses = list(CaseStatus.objects.filter(is_active=True).order_by("sort_order", "name"))
        self.types = list(CaseType.objects.filter(is_active=True).order_by("sort_order", "name"))
        if not self.statuses or not self.types:
            raise CommandError("No active case types or statuses: run `casework migrate` first")
        intake = [s for s in self.statuses if s.status_type == StatusType.INTAKE]
        if not intake:
            raise CommandError("No active intake status is configured")
        self.intake = intake[0]
        self.graph = transition_graph(self.statuses)
        self.by_id = {s.pk: s for s in self.statuses}

    def load(self, *, contacts: int, cases: int) -> dict[str, int]:
        contact_rows = [self._contact() for _ in range(contacts)]
        case_rows: list[Case] = []
        note_rows: list[CaseNote] = []
        plan = list(
            zip(
                _spread(self.statuses, cases, content.STATUS_WEIGHTS, lambda s: s.name, self.rng),
                _spread(self.types, cases, content.TYPE_WEIGHTS, lambda t: t.name, self.rng),
                strict=True,
            )
        )
        contact_weights = [self.rng.choice((1, 1, 1, 2, 3, 6)) for _ in contact_rows]
        opened_today = 0
        for status, case_type in plan:
            contact = self.rng.choices(contact_rows, contact_weights)[0]
            today = status.pk == self.intake.pk and opened_today < CASES_OPENED_TODAY
            opened_today += today
            case, notes = self._case(status, case_type, contact, opened_today=today)
            case_rows.append(case)
            note_rows.extend(notes)
        self._date_contacts(contact_rows, case_rows)
        self._number(case_rows)
        with _explicit_timestamps(Contact, Case, CaseNote):
            Contact.objects.bulk_create(contact_rows)
            bulk_create_with_history(case_rows, Case)
            CaseNote.objects.bulk_create(note_rows)
            CaseAssignment.objects.bulk_create(
                CaseAssignment(
                    case=case,
                    assigned_to=case.assigned_to,
                    assigned_at=case.intake_date,
                    assigned_by=case.created_by,
                    assignment_reason="Assigned at intake",
                )
                for case in case_rows
                if case.assigned_to_id
            )
        return {"contacts": len(contact_rows), "cases": len(case_rows), "notes": len(note_rows)}

    # -- contacts ---------------------------------------------------------------------------------------------

    def _contact(self) -> Contact:
        fake, rng = self.fake, self.rng
        first, last = fake.first_name(), fake.last_name()
        handle = f"{_ascii(first)}.{_ascii(last)}{rng.choice(['', '', str(rng.randint(1, 99))])}"
        return Contact(
            first_name=first,
            last_name=last,
            # Reserved example domains: no demo email can ever reach a real person.
            email=f"{handle}@{rng.choice(content.EMAIL_DOMAINS)}" if rng.random() < 0.9 else "",
            phone=fake.phone_number().split("x")[0] if rng.random() < 0.92 else "",  # no extensions
            date_of_birth=self._date_of_birth() if rng.random() < 0.9 else None,
            street=fake.street_address(),
            city=fake.city(),
            postal_code=fake.postcode(),
            country="United States",
            notes=rng.choice(content.CONTACT_NOTES) if rng.random() < 0.3 else "",
        )

    def _date_of_birth(self) -> dt.date:
        # One draw of a fixed range (Faker's own depends on today's date, and so would every later draw).
        return self.today - dt.timedelta(days=int(self.rng.uniform(18.1, 88) * 365.25))

    def _date_contacts(self, contacts: list[Contact], cases: list[Case]) -> None:
        """A contact is created just before its first case, or some time in the last two years."""
        first_case: dict[Any, Case] = {}
        for case in cases:
            seen = first_case.get(case.contact_id)
            if seen is None or case.intake_date < seen.intake_date:
                first_case[case.contact_id] = case
        for contact in contacts:
            first = first_case.get(contact.pk)
            if first is not None:
                contact.created_at = first.intake_date - dt.timedelta(minutes=self.rng.randint(2, 90))
                contact.created_by = first.created_by
            else:
                contact.created_at = self._ago(self.rng.uniform(1, DAYS_OF_HISTORY))
                contact.created_by = self._worker()
            contact.updated_at = contact.created_at

    # -- cases ------------------------------------------------------------------------------------------------

    def _case(
        self, status: CaseStatus, case_type: CaseType, contact: Contact, *, opened_today: bool
    ) -> tuple[Case, list[CaseNote]]:
        rng = self.rng
        path = self._path(status)
        finished = status.status_type in FINISHED_STATUS_TYPES
        average = case_type.average_duration_days or content.AVERAGE_DAYS.get(case_type.name, 60)
        # The case's life: intake, then each transition of the path, ending at `end` (closure, or lately).
        if opened_today:
            midnight = timezone.make_aware(dt.datetime.combine(self.today, dt.time.min))
            intake_at = midnight + (self.now - midnight) * rng.uniform(0.1, 0.95)
            end = self.now
        elif finished:
            days = rng.uniform(0.5, 30) if status.status_type == StatusType.CANCELLED else average
            days = min(max(days * rng.lognormvariate(0, 0.45), 1), DAYS_OF_HISTORY - 30)
            intake_at = self._ago(days + rng.uniform(0.5, DAYS_OF_HISTORY - days))
            end = intake_at + dt.timedelta(days=days)
        elif status.pk == self.intake.pk:
            intake_at = self._ago(21 * rng.random() ** 2 + 0.05)
            end = self.now
        else:
            intake_at = self._ago(2 + 420 * rng.random() ** 1.8)
            end = self.now - (self.now - intake_at) * rng.uniform(0, 0.3)
        moments = self._moments(intake_at, end, len(path) - 1, finished=finished)

        priority = rng.choices(
            list(Priority), content.PRIORITY_WEIGHTS.get(case_type.name, (20, 45, 25, 10))
        )[0]
        source = rng.choices(list(Source), (30, 15, 20, 20, 12, 3))[0]
        unassigned = 0.6 if status.pk == self.intake.pk else 0.04
        assignee = None if rng.random() < unassigned else self._worker()
        creator = self._worker()
        title, description = rng.choice(content.TITLES.get(case_type.name, content.GENERIC_TITLES))
        opened = next((m for s, m in zip(path[1:], moments, strict=True) if _opens(s)), None)
        closed = moments[-1] if finished and moments else None
        reasons = [self._reason(s) for s in path[1:]]
        case = Case(
            contact=contact,
            case_type=case_type,
            status=status,
            priority=priority,
            title=title,
            description=description,
            source=source,
            referral_source=rng.choice(content.REFERRERS) if source == Source.REFERRAL else "",
            intake_date=intake_at,
            opened_date=opened,
            closed_date=closed,
            due_date=self._due_date(status, intake_at, average),
            assigned_to=assignee,
            outcome_notes=rng.choice(content.OUTCOME_NOTES.get(status.name, [""])) if finished else "",
            closure_reason=reasons[-1][:255] if finished and reasons else "",
            intake_data=intake_data(case_type, timezone.localdate(intake_at), rng=rng, fake=self.fake),
            is_urgent=priority == Priority.URGENT or (priority == Priority.HIGH and rng.random() < 0.15),
            tags=rng.sample(
                content.TAGS.get(case_type.name, content.GENERIC_TAGS),
                rng.choice((0, 1, 1, 2, 2, 3)),
            ),
            created_by=creator,
            modified_by=assignee or creator,
            created_at=intake_at,
        )
        if not finished and rng.random() < 0.2:
            case.requires_followup = True
            case.followup_date = self.today + dt.timedelta(days=rng.randint(0, 14))
        case._history_user = creator  # type: ignore[attr-defined]
        case._history_date = intake_at  # type: ignore[attr-defined]
        notes = self._notes(case, path, moments, reasons, end=closed or self.now)
        case.updated_at = max(n.created_at for n in notes)
        return case, notes

    def _path(self, target: CaseStatus) -> list[CaseStatus]:
        """A route from intake to `target` through the configured graph, sometimes by way of a detour."""
        route = shortest_path(self.graph, self.intake.pk, target.pk, self.rng)
        if route and self.rng.random() < 0.3:
            via = self.rng.choice(self.statuses)
            there = shortest_path(self.graph, self.intake.pk, via.pk, self.rng)
            back = shortest_path(self.graph, via.pk, target.pk, self.rng)
            if there and back and len(there) + len(back) <= 7:
                route = there + back[1:]
        if route is None:  # unreachable in the configured graph: show a direct move
            route = [self.intake.pk] if target.pk == self.intake.pk else [self.intake.pk, target.pk]
        return [self.by_id[pk] for pk in route]

    def _moments(
        self, start: dt.datetime, end: dt.datetime, count: int, *, finished: bool
    ) -> list[dt.datetime]:
        """`count` ascending times in (start, end]; a finished case's last move happens at `end`."""
        if count == 0:
            return []
        span = end - start
        times = sorted(start + span * self.rng.uniform(0.02, 0.98) for _ in range(count))
        if finished:
            times[-1] = end
        return times

    def _due_date(self, status: CaseStatus, intake_at: dt.datetime, average: int) -> dt.date | None:
        rng, intake_day = self.rng, timezone.localdate(intake_at)
        if status.status_type in FINISHED_STATUS_TYPES:
            return intake_day + dt.timedelta(days=average) if rng.random() < 0.7 else None
        if status.pk == self.intake.pk:
            return intake_day + dt.timedelta(days=14) if rng.random() < 0.7 else None
        roll = rng.random()
        if roll < 0.16:  # overdue
            return self.today - dt.timedelta(days=rng.randint(1, 45))
        if roll < 0.3:  # due this (calendar) week
            # one draw whatever the weekday, so the rest of the data does not depend on it
            return self.today + dt.timedelta(days=int(rng.random() * (7 - self.today.weekday())))
        if roll < 0.85:
            return self.today + dt.timedelta(days=rng.randint(7, 90))
        return None

    def _reason(self, status: CaseStatus) -> str:
        reasons = content.REASONS.get(status.name)
        if reasons:
            return self.rng.choice(reasons)
        return "Reviewed with the client" if status.requires_reason else ""

    # -- notes ------------------------------------------------------------------------------------------------

    def _notes(
        self,
        case: Case,
        path: list[CaseStatus],
        moments: list[dt.datetime],
        reasons: list[str],
        *,
        end: dt.datetime,
    ) -> list[CaseNote]:
        """The timeline: the intake note, each status change, and 1-4 calls, emails, meetings and notes."""
        rng = self.rng
        author = case.assigned_to or case.created_by
        notes = [
            CaseNote(
                case=case,
                note_type=NoteType.NOTE,
                subject="Case opened",
                **entry(
                    NoteKind.INTAKE,
                    case_type=case.case_type.name,
                    source=case.source,
                    referral=case.referral_source,
                    description=case.description.strip(),
                ).fields(),
                is_internal=True,
                new_status=self.intake,
                created_by=case.created_by,
                created_at=case.intake_date,
            )
        ]
        for previous, target, moment, reason in zip(path[:-1], path[1:], moments, reasons, strict=True):
            notes.append(
                status_change_note(case, previous, target, reason=reason, author=author, created_at=moment)
            )
        span = end - case.intake_date
        for _ in range(rng.randint(1, 4)):
            note_type = rng.choices(content.NOTE_TYPES, content.NOTE_TYPE_WEIGHTS)[0]
            subject, text = rng.choice(content.NOTES[note_type])
            notes.append(
                CaseNote(
                    case=case,
                    note_type=note_type,
                    subject=subject,
                    content=text.format(first_name=case.contact.first_name),
                    is_internal=rng.random() < 0.3,
                    is_important=rng.random() < 0.1,
                    created_by=author if rng.random() < 0.8 else self._worker(),
                    created_at=case.intake_date + span * rng.uniform(0.01, 1.0),
                )
            )
        for note in notes:
            note.updated_at = note.created_at
        return notes

    # -- numbers ----------------------------------------------------------------------------------------------

    def _number(self, cases: list[Case]) -> None:
        """Number the cases per intake day after the numbers already handed out that day.

        The day's counter is raised by the count in one upsert, exactly as `next_case_number` raises it by one,
        so a case opened later on any of these days gets the next free number.
        """
        by_day: dict[dt.date, list[Case]] = defaultdict(list)
        for case in sorted(cases, key=lambda c: c.intake_date):
            by_day[timezone.localdate(case.intake_date)].append(case)
        last = raise_case_counters(Counter({day: len(group) for day, group in by_day.items()}))
        for day, group in by_day.items():
            first = last[day] - len(group) + 1
            for offset, case in enumerate(group):
                case.case_number = f"CASE-{day:%y%m%d}-{first + offset:05d}"

    # -- helpers ----------------------------------------------------------------------------------------------

    def _ago(self, days: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days)

    def _worker(self) -> User:
        return self.rng.choices(self.workers, self.worker_weights)[0]


def _spread(
    items: Sequence[Any], total: int, weights: dict[str, int], name: Any, rng: random.Random
) -> list[Any]:
    """`total` picks of `items`, shuffled: every item at least three times where `total` allows, the rest by
    weight (largest remainder)."""
    if not total:
        return []
    floor = min(3, total // len(items))
    shares = [weights.get(name(item), 5) for item in items]
    rest = total - floor * len(items)
    raw = [rest * share / sum(shares) for share in shares]
    counts = [floor + int(r) for r in raw]
    by_remainder = sorted(range(len(items)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    picks = [item for item, count in zip(items, counts, strict=True) for _ in range(count)]
    rng.shuffle(picks)
    return picks


def _opens(status: CaseStatus) -> bool:
    """Entering an active or review status sets a case's opened date (as change_case_status does)."""
    return status.status_type in (StatusType.ACTIVE, StatusType.REVIEW)


def _ascii(text: str) -> str:
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum()) or "client"


@contextmanager
def _explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the created_at/updated_at the generator chose.

    auto_now/auto_now_add would stamp every row with the same instant, and a demo whose cases were all
    created this second sorts and reads wrong.
    """
    fields = [
        f
        for model in model_classes
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]  # type: ignore[attr-defined]
    for f in fields:
        f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add  # type: ignore[attr-defined]
