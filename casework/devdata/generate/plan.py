"""What `casework generate` makes: the plan (counts, seed, last day), the deterministic ids, and the arithmetic
the row builders share (time units, exact splits, cumulative weights)."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

DAY = 86400
HISTORY_DAYS = 5 * 365 + 1
FUTURE_DAYS = 400  # due and follow-up dates reach this far ahead

# Table codes inside generated UUIDs.
USER, CONTACT, CASE, NOTE, IMPACT, DOCUMENT, FARMER, FARM, NATURECHECK = range(1, 10)


@dataclass(frozen=True)
class Plan:
    """What to generate: the row counts, the seed, and the day the five years of history end."""

    contacts: int
    cases: int
    notes_per_case: int
    citizens: int
    farms: int
    seed: int
    as_of: dt.date
    staff: dict[str, int] = field(default_factory=dict)  # role code → number of accounts


class Ids:
    """Deterministic version-4-shaped UUIDs (32 hex digits, the form both databases accept)."""

    def __init__(self, seed: int):
        self.prefix = hashlib.sha256(f"casework-generate:{seed}".encode()).hexdigest()[:12]

    def __call__(self, table: int, number: int) -> str:
        return f"{self.prefix}4{table:03x}8{number:015x}"

    def prefix_of(self, table: int) -> str:
        """The id without its number: `prefix_of(t) + f"{n:015x}"` is `self(t, n)`."""
        return f"{self.prefix}4{table:03x}8"


def split_exactly(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, by largest remainder (the parts add up to `total`)."""
    whole = sum(weights)
    if not total or not whole:
        return [0] * len(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def cumulative(weights: Any) -> list[float]:
    """Running totals of `weights`, for `bisect_right(cum, random() * cum[-1])` picks."""
    running, out = 0.0, []
    for w in weights:
        running += w
        out.append(running)
    return out


def expected_rows(plan: Plan) -> dict[str, int]:
    """What a plan must produce, for the command's summary and the tests."""
    return {"contacts": plan.contacts, "cases": plan.cases, "notes": plan.cases * plan.notes_per_case}
