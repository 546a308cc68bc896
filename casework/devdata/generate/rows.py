"""The row builder of `casework generate`: staff, contacts, and cases with their notes, outcome tags and documents,
as tuples in each table's column order (`columns.py`); the Nature Check and call-center rows are built from it in
`naturecheck.py` and `callcenter.py`.

Invariants kept (the services keep them for real use):
- every foreign key points at a row written before it (users, contacts, cases, notes, citizens, farms);
- case numbers CASE-YYMMDD-NNNNN follow the per-day counters, which are raised first (one upsert per day, as
  `next_case_number` does), so later cases of the same days get the next free numbers;
- a case's status type matches its dates: intake has no opened or closed date, active and review have an opened
  date and no closed date, closed and cancelled have a closed date at or after the intake date;
- a case's timeline starts with its intake note and ends with the status changes that led to its status;
- the partial unique rules of the other domains: one outcome tag per (note, outcome), one latest version per
  document chain, one active Nature Check case per farm, one 106 case per citizen; farmers' emails lower case.

Ids are UUIDs derived from the seed, a table code and a number (a counter; an outcome tag takes its note's
number, a document its case's number x 4 + its place), so the same seed gives the same rows (and a second run
with the same seed is refused before it writes anything). Each day of cases draws from its own random source
(seeded with the seed and the day), so the days can be built in parallel processes and still give the same rows. Times are whole seconds over the five years
before `as_of` (midnight UTC), so the same seed on the same `as_of` gives identical data.
"""

import datetime as dt
import json
import random
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from math import log as _log
from typing import Any

from faker import Faker

from casework.cases.timeline import NoteKind, entry
from casework.devdata.demo import content
from casework.devdata.demo.intake import intake_data
from casework.devdata.demo.outcomes import LIKELY_BY_CASE_TYPE
from casework.devdata.generate.entries import IntakeEntries, Rendered, rendered
from casework.devdata.generate.plan import (
    CASE,
    CONTACT,
    DAY,
    DOCUMENT,
    FUTURE_DAYS,
    HISTORY_DAYS,
    IMPACT,
    NOTE,
    USER,
    Ids,
    Plan,
    cumulative,
    split_exactly,
)
from casework.devdata.generate.pools import (
    ACCESS_CUM,
    ACCESS_LEVELS,
    DOCUMENT_KINDS,
    DOCUMENT_NAMES,
    EVIDENCE,
    MIME,
    NOTE_SENTENCES,
    Pools,
)
from casework.devdata.workflow import shortest_path

BATCH_CASES = 20_000
SENTENCES = len(NOTE_SENTENCES)
NOTE_SENTENCE_MEAN = 1 / 0.45  # extra sentences a note: exponential, median about 1.5

REFERRERS = content.REFERRERS


class RowBuilder:
    """Builds every generated row from one `random.Random(seed)`; the writers consume them in FK order."""

    def __init__(
        self,
        plan: Plan,
        *,
        statuses: list[Any],
        graph: dict[Any, list[Any]],
        case_types: list[Any],
        definitions: dict[str, str],
        timestamp_suffix: str,
    ):
        self.plan = plan
        self.rng = random.Random(plan.seed)  # noqa: S311 - repeatable data, not secrets
        self.ids = Ids(plan.seed)
        self.pools = Pools(plan.seed)
        self.case_prefix, self.note_prefix = self.ids.prefix_of(CASE), self.ids.prefix_of(NOTE)
        self.document_prefix = self.ids.prefix_of(DOCUMENT)
        self.staff: dict[str, list[str]] = {}
        self._intake = IntakeEntries()
        number = 0
        for role, count in plan.staff.items():
            self.staff[role] = [self.ids(USER, number + i) for i in range(count)]
            number += count
        self.workers = self.staff.get("caseworker", []) + self.staff.get("manager", [])
        # A few caseworkers carry most of the load (Zipf-like), as in real teams.
        self.worker_cum = cumulative([1 / (i + 1) ** 0.8 for i in range(len(self.workers))])
        self.definitions = definitions
        self.definition_ids = list(definitions.values())
        self.start = dt.datetime.combine(plan.as_of - dt.timedelta(days=HISTORY_DAYS), dt.time.min)
        self.now_s = HISTORY_DAYS * DAY
        self._day = [
            (self.start.date() + dt.timedelta(days=d)).isoformat() for d in range(HISTORY_DAYS + FUTURE_DAYS)
        ]
        self._time = [
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{timestamp_suffix}" for s in range(DAY)
        ]
        self._setup_cases(statuses, graph, case_types)
        self.day_counts = split_exactly(
            plan.cases,
            [(0.5 + d / HISTORY_DAYS) * (0.2 if self._weekday(d) >= 5 else 1.0) for d in range(HISTORY_DAYS)],
        )
        self.cases_before = [0] * len(self.day_counts)  # per day, the cases of the days before it
        for day in range(1, len(self.day_counts)):
            self.cases_before[day] = self.cases_before[day - 1] + self.day_counts[day - 1]
        self._setup_contacts()

    # -- time -------------------------------------------------------------------------------------------------

    def ts(self, second: float) -> str:
        s = int(second)
        return self._day[s // DAY] + self._time[s % DAY]

    def date(self, second: float) -> str:
        return self._day[int(second) // DAY]

    def _weekday(self, day: int) -> int:
        return (self.start.weekday() + day) % 7

    def day_of(self, day: int) -> dt.date:
        return self.start.date() + dt.timedelta(days=day)

    def _worker(self) -> str:
        return self.workers[bisect_right(self.worker_cum, self.rng.random() * self.worker_cum[-1])]

    # -- configuration ----------------------------------------------------------------------------------------

    def _setup_cases(self, statuses: list[Any], graph: dict[Any, list[Any]], case_types: list[Any]) -> None:
        rng, plan = self.rng, self.plan
        # For the intake data's free-text fields: a Faker of its own, so the pools' draws stay as they are.
        fake = Faker("en_US")
        fake.seed_instance(plan.seed)
        by_type: dict[str, list[Any]] = {}
        for status in statuses:
            by_type.setdefault(status.status_type, []).append(status)
        self.intake = by_type["intake"][0]
        self.status_names = {s.pk: s.name for s in statuses}
        self.status_hex = {s.pk: s.pk.hex for s in statuses}

        def weighted(kinds: tuple[str, ...]) -> tuple[list[Any], list[float]]:
            chosen = [s for kind in kinds for s in by_type.get(kind, [])]
            return chosen, cumulative([content.STATUS_WEIGHTS.get(s.name, 5) for s in chosen])

        self.finished = weighted(("closed", "cancelled"))
        self.working = weighted(("active", "review"))
        if not self.working[0]:
            self.working = ([self.intake], [1.0])
        # Per status: its id, and the status changes of its path from intake as (subject, timeline entry rendered
        # once, from, to): rendering an entry is most of a note's cost, and these are the same on every case.
        self.moves: dict[int, list[tuple[str, Rendered, str, str]]] = {}
        for status in statuses:
            tie_breaks = random.Random(0)  # noqa: S311 - the same paths on every run
            found = shortest_path(graph, self.intake.pk, status.pk, tie_breaks) or [self.intake.pk, status.pk]
            route: list[Any] = found if status.pk != self.intake.pk else [self.intake.pk]
            names = [self.status_names[pk] for pk in route]
            self.moves[id(status)] = [
                (f"{a} → {b}", rendered(entry(NoteKind.STATUS_CHANGED, previous=a, new=b)), pk_a.hex, pk_b.hex)
                for a, b, pk_a, pk_b in zip(names, names[1:], route, route[1:], strict=False)
            ]  # fmt: skip
            status.hex_id = status.pk.hex
        self.intake_hex = self.intake.pk.hex

        self.types = case_types
        self.type_cum = cumulative([content.TYPE_WEIGHTS.get(t.name, 5) for t in case_types])
        self.type_info = []
        for case_type in case_types:
            titles = content.TITLES.get(case_type.name, content.GENERIC_TITLES)
            tags = content.TAGS.get(case_type.name, content.GENERIC_TAGS)
            tag_sets = [json.dumps(rng.sample(tags, rng.choice((0, 1, 1, 2, 2, 3)))) for _ in range(24)]
            intake_pool = [
                json.dumps(intake_data(case_type, plan.as_of, rng=rng, fake=fake)) for _ in range(32)
            ]
            likely = [
                self.definitions[k]
                for k in LIKELY_BY_CASE_TYPE.get(case_type.name, [])
                if k in self.definitions
            ]
            self.type_info.append(
                {
                    "id": case_type.pk.hex,
                    "name": case_type.name,
                    "average": case_type.average_duration_days
                    or content.AVERAGE_DAYS.get(case_type.name, 60),
                    "priority_cum": cumulative(
                        content.PRIORITY_WEIGHTS.get(case_type.name, (20, 45, 25, 10))
                    ),
                    "titles": titles,
                    "tags": tag_sets,
                    "intake": intake_pool,
                    "outcomes": likely or self.definition_ids,
                }
            )
        self.priorities = ("low", "medium", "high", "urgent")
        self.sources = ("phone", "email", "walk-in", "referral", "web", "other")
        self.source_cum = cumulative((30, 15, 20, 20, 12, 3))
        self.note_type_cum = cumulative(content.NOTE_TYPE_WEIGHTS)
        self.note_types = [(note_type, content.NOTES[note_type]) for note_type in content.NOTE_TYPES]
        self.closing_texts = {
            s.name: (
                [r[:255] for r in content.REASONS.get(s.name, [""])],
                content.OUTCOME_NOTES.get(s.name, [""]),
            )
            for s in statuses
        }

    # -- staff ------------------------------------------------------------------------------------------------

    def users(self, password_hash: str) -> Iterator[tuple]:
        """Staff accounts per role, named `<role><n>.s<seed>@generated.casework.example`."""
        number = 0
        joined = self.ts(0)
        for role, count in self.plan.staff.items():
            for i in range(count):
                first = self.pools.first_names[(number * 7) % len(self.pools.first_names)]
                last = self.pools.last_names[(number * 13) % len(self.pools.last_names)]
                yield (
                    self.ids(USER, number), password_hash, None, role == "admin", self.email_of(role, i),
                    first, last, True, role == "admin", 1, joined, role,
                )  # fmt: skip
                number += 1

    def email_of(self, role: str, index: int) -> str:
        return f"{role}{index + 1:03d}.s{self.plan.seed}@generated.casework.example"

    # -- contacts ---------------------------------------------------------------------------------------------

    def _setup_contacts(self) -> None:
        """Contacts are created over the years, more of them early on; a case picks a contact that exists."""
        n = self.plan.contacts
        cumulative, running = [], 0
        for count in self.day_counts:
            running += count
            cumulative.append(running)
        total = max(running, 1)
        self.contact_day = [
            min(bisect_right(cumulative, total * (i / max(n, 1)) ** 1.4), HISTORY_DAYS - 1) for i in range(n)
        ]
        self.contact_first = [self.pools.first_names[self.rng.randrange(3000)] for _ in range(n)]

    def contacts(self) -> Iterator[tuple]:
        rng, pools, ids = self.rng, self.pools, self.ids
        domains = content.EMAIL_DOMAINS
        for i in range(self.plan.contacts):
            first = self.contact_first[i]
            last = pools.last_names[rng.randrange(3000)]
            created = self.ts(self.contact_day[i] * DAY + 7 * 3600 + rng.randrange(3600))
            city, postcode = pools.cities[rng.randrange(len(pools.cities))]
            email = ""
            if rng.random() < 0.9:
                suffix = rng.choice(("", "", str(rng.randint(1, 99))))
                email = f"{pools.slugs[first]}.{pools.slugs[last]}{suffix}@{domains[i % 3]}"
            dob = None
            if rng.random() < 0.9:
                dob = (self.plan.as_of - dt.timedelta(days=int(rng.uniform(18.1, 88) * 365.25))).isoformat()
            yield (
                ids(CONTACT, i), created, created, 1, first, last, email,
                pools.phones[rng.randrange(3000)] if rng.random() < 0.92 else "", dob,
                pools.streets[rng.randrange(3000)], city, postcode, "United States",
                rng.choice(content.CONTACT_NOTES) if rng.random() < 0.3 else "",
                self._worker() if self.workers else None,
            )  # fmt: skip

    def _pick_contact(self, day: int) -> int:
        available = max(bisect_right(self.contact_day, day), 1)
        r = self.rng.random()
        if r < 0.35:  # a new client: one of the most recently added contacts
            return available - 1 - int(min(available, 50) * self.rng.random())
        return int(available * self.rng.random() ** 0.7)  # a returning client, older ones a little likelier

    # -- cases, notes, outcome tags, documents ----------------------------------------------------------------

    def case_chunks(self) -> list[list[int]]:
        """The days with cases, in runs of about `BATCH_CASES` cases: the units `case_chunk` builds."""
        chunks: list[list[int]] = [[]]
        size = 0
        for day, count in enumerate(self.day_counts):
            if not count or self.plan.contacts == 0:
                continue
            if size >= BATCH_CASES:
                chunks.append([])
                size = 0
            chunks[-1].append(day)
            size += count
        return [chunk for chunk in chunks if chunk]

    def case_chunk(self, days: list[int], numbers: dict[dt.date, int]) -> dict[str, list[tuple]]:
        """The cases of `days` with their notes, tags and documents.

        Each day draws from its own random source and numbers its rows from the cases of the days before it, so
        a day's rows do not depend on which days were built before it, or in which process: the chunks can be
        built in parallel and give the same rows. `numbers[day]` is the day's counter after raising it by the
        day's case count.
        """
        batch: dict[str, list[tuple]] = {"cases": [], "notes": [], "impacts": [], "documents": []}
        per_case = self.plan.notes_per_case
        for day in days:
            count = self.day_counts[day]
            self.rng = rng = random.Random(f"{self.plan.seed}:cases:{day}")  # noqa: S311 - repeatable data
            self._case_no = self.cases_before[day]
            self._note_no = self._case_no * per_case  # every day has exactly per_case notes a case
            first_number = numbers[self.day_of(day)] - count + 1
            times = sorted(day * DAY + 28800 + int(rng.random() * 36000) for _ in range(count))
            # The day's notes: exactly notes_per_case x cases, at least one (the intake note) per case when
            # notes_per_case ≥ 1, the rest spread with older cases a little likelier to have long timelines.
            note_counts = [min(per_case, 1)] * count
            extra = per_case * count - sum(note_counts)
            if extra:
                for index, n in Counter(rng.choices(range(count), k=extra)).items():
                    note_counts[index] += n
            stamp = self.day_of(day).strftime("%y%m%d")
            for offset in range(count):
                self._case(day, times[offset], f"CASE-{stamp}-{first_number + offset:05d}", note_counts[offset],
                           batch)  # fmt: skip
        return batch

    def _case(
        self, day: int, intake_s: int, number: str, note_count: int, batch: dict[str, list[tuple]]
    ) -> None:
        rng, ids = self.rng, self.ids
        random_ = rng.random
        info = self.type_info[bisect_right(self.type_cum, rng.random() * self.type_cum[-1])]
        age = (self.now_s - intake_s) / DAY
        duration = info["average"] * rng.lognormvariate(0, 0.7)
        opened_s = closed_s = None
        if duration < age and rng.random() > 0.06:  # 6 % linger open long after they should have closed
            statuses, cum = self.finished
            status = statuses[bisect_right(cum, rng.random() * cum[-1])]
            if status.status_type == "cancelled":
                duration = min(duration, rng.uniform(0.5, 30))
            closed_s = intake_s + int(duration * DAY)
            if status.status_type != "cancelled" or rng.random() < 0.5:
                opened_s = intake_s + int(min(duration * 0.2, rng.uniform(0.05, 3)) * DAY)
        elif age < 2 or (age < 21 and rng.random() < 0.7):
            status = self.intake
        else:
            statuses, cum = self.working
            status = statuses[bisect_right(cum, rng.random() * cum[-1])]
            opened_s = intake_s + int(min(age * 0.3, rng.uniform(0.05, 5)) * DAY)
        status_type = status.status_type
        finished = closed_s is not None
        end_s: int = closed_s if closed_s is not None else self.now_s

        priority = self.priorities[
            bisect_right(info["priority_cum"], rng.random() * info["priority_cum"][-1])
        ]
        source = self.sources[bisect_right(self.source_cum, rng.random() * self.source_cum[-1])]
        unassigned = 0.6 if status_type == "intake" else 0.04
        assignee = None if rng.random() < unassigned or not self.workers else self._worker()
        creator = self._worker() if self.workers else None
        titles = info["titles"]
        title, description = titles[int(random_() * len(titles))]
        contact = self._pick_contact(day)
        case_id = f"{self.case_prefix}{self._case_no:015x}"
        self._case_no += 1

        due = None
        if finished:
            if rng.random() < 0.7:
                due = self.date(intake_s + info["average"] * DAY)
        elif status_type == "intake":
            if rng.random() < 0.7:
                due = self.date(intake_s + 14 * DAY)
        else:
            roll = rng.random()
            if roll < 0.16:
                due = self.date(self.now_s - (1 + int(random_() * 45)) * DAY)
            elif roll < 0.85:
                due = self.date(self.now_s + int(random_() * 91) * DAY)
        followup = None
        if not finished and rng.random() < 0.2:
            followup = self.date(self.now_s + int(random_() * 15) * DAY)
        reason = ""
        outcome_notes = ""
        if finished:
            reasons, outcome_texts = self.closing_texts[status.name]
            reason = reasons[int(random_() * len(reasons))]
            outcome_notes = outcome_texts[int(random_() * len(outcome_texts))]

        # The timeline: intake note, the last status changes of the path, then calls, emails and notes.
        path_moves = self.moves[id(status)]
        author = assignee or creator
        last_s = intake_s
        notes = batch["notes"]
        if note_count:
            opened = self._intake(info["name"], source, description)
            notes.append(self._note(intake_s, case_id, "note", "Case opened", opened, True, False, None,
                                    self.intake_hex, creator))  # fmt: skip
        moves = path_moves[-(note_count - 1) :] if note_count > 1 and path_moves else []
        if moves:
            first_move = opened_s if opened_s is not None else intake_s + 3600
            last_move = (
                closed_s
                if closed_s is not None
                else first_move + int((self.now_s - first_move) * rng.uniform(0, 0.5))
            )
            step = (last_move - first_move) / max(len(moves) - 1, 1)
            for k, (subject, move, previous, target) in enumerate(moves):
                moment = int(first_move + step * k)
                notes.append(self._note(moment, case_id, "status_change", subject, move, True, False, previous,
                                        target, author))  # fmt: skip
                last_s = max(last_s, moment)
        first_name = self.contact_first[contact]
        impacts = batch["impacts"]
        # The hot loop (five million notes at full scale): locals, one timestamp a note, ids formatted inline.
        day_text, time_text, worker = self._day, self._time, self._worker
        note_types, type_cum, type_total = self.note_types, self.note_type_cum, self.note_type_cum[-1]
        note_prefix, impact_prefix = self.note_prefix, self.ids.prefix_of(IMPACT)
        tagging = bool(self.definition_ids)
        note_no = self._note_no
        span = end_s - intake_s
        for _ in range(note_count - 1 - len(moves)):
            note_type, templates = note_types[bisect_right(type_cum, random_() * type_total)]
            subject, text = templates[int(random_() * len(templates))]
            # Real notes run from one line to a few paragraphs: add 0-6 sentences, fewer more often.
            extra = int(-_log(1.0 - random_()) * NOTE_SENTENCE_MEAN)
            if extra:
                text += " " + " ".join(
                    [NOTE_SENTENCES[int(random_() * SENTENCES)] for _ in range(min(extra, 6))]
                )
            moment = intake_s + int(span * (0.01 + 0.99 * random_()))
            if moment > last_s:
                last_s = moment
            stamp = day_text[moment // DAY] + time_text[moment % DAY]
            note_id = f"{note_prefix}{note_no:015x}"
            notes.append((
                note_id, stamp, stamp, case_id, note_type, subject, text.replace("{first_name}", first_name),
                random_() < 0.3, random_() < 0.1, None, None, "[]", author if random_() < 0.8 else worker(),
                NoteKind.WRITTEN.value, "{}",
            ))  # fmt: skip
            if tagging and random_() < 0.12:
                outcomes = info["outcomes"]
                impacts.append((
                    f"{impact_prefix}{note_no:015x}", stamp, stamp, note_id,
                    outcomes[int(random_() * len(outcomes))], random_() < 0.9,
                    ("DIRECT", "LIKELY", "POSSIBLE")[min(int(random_() * 3.3), 2)],
                    1 + int(random_() * 5) if random_() < 0.7 else None,
                    EVIDENCE[int(random_() * 3)] if random_() < 0.6 else "", author,
                ))  # fmt: skip
            note_no += 1
        self._note_no = note_no

        roll = rng.random()
        self._document_no = (self._case_no - 1) * 4  # at most two documents of two versions a case
        for _ in range(2 if roll < 0.07 else 1 if roll < 0.3 else 0):
            self._document(case_id, intake_s, end_s, author, batch["documents"])

        updated_s = max(last_s, closed_s or 0)
        batch["cases"].append((
            case_id, self.ts(intake_s), self.ts(updated_s), len(path_moves) + 1, number, ids(CONTACT, contact), info["id"],
            status.hex_id, priority, title, description, source,
            REFERRERS[int(random_() * len(REFERRERS))] if source == "referral" else "", self.ts(intake_s),
            None if opened_s is None else self.ts(opened_s), None if closed_s is None else self.ts(closed_s), due,
            assignee, None, "", outcome_notes, reason, info["intake"][int(random_() * 32)], "{}",
            priority == "urgent" or (priority == "high" and rng.random() < 0.15), followup is not None, followup,
            info["tags"][int(random_() * 24)], creator, author,
        ))  # fmt: skip

    def _note(self, moment, case_id, note_type, subject, written: Rendered, internal, important, previous, new, author):  # fmt: skip
        stamp = self.ts(moment)
        note_id = f"{self.note_prefix}{self._note_no:015x}"
        self._note_no += 1
        return (note_id, stamp, stamp, case_id, note_type, subject, written.content, internal, important, previous,
                new, "[]", author, written.kind, written.params_json)  # fmt: skip

    def _document(self, case_id: str, start_s: int, end_s: int, author: Any, rows: list[tuple]) -> None:
        rng = self.rng
        random_ = rng.random
        kind = DOCUMENT_KINDS[int(random_() * len(DOCUMENT_KINDS))]
        names = DOCUMENT_NAMES[kind]
        name, ext = names[int(random_() * len(names))]
        access = ACCESS_LEVELS[bisect_right(ACCESS_CUM, random_() * ACCESS_CUM[-1])]
        moment = start_s + int((end_s - start_s) * random_())
        versions = 2 if random_() < 0.05 else 1
        root = None
        for version in range(1, versions + 1):
            doc_id = f"{self.document_prefix}{self._document_no:015x}"
            self._document_no += 1
            stamp = self.ts(moment + (version - 1) * 3 * DAY if moment + 3 * DAY < self.now_s else moment)
            rows.append((
                doc_id, stamp, stamp, case_id, f"{name}.{ext}" if version == 1 else f"{name} (v{version}).{ext}",
                kind, "", f"case-documents/{case_id}/{doc_id}.{ext}", int(rng.lognormvariate(12, 1)), MIME[ext],
                access, version, root, version == versions, author,
            ))  # fmt: skip
            root = root or doc_id
