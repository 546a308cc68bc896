"""Call-center rows for `casework generate`: a municipality's citizen list in Hebrew and Latin script, called
zero to three times, and a 106 case for some of those never reached."""

import random
from collections.abc import Iterator

from casework.devdata.generate.plan import DAY
from casework.devdata.generate.pools import CITIZEN_FIRST, CITIZEN_LAST, CITIZEN_STREETS
from casework.devdata.generate.rows import RowBuilder


def citizen_rows(
    builder: RowBuilder, first_id: int, first_case_id: int
) -> Iterator[tuple[tuple, tuple | None]]:
    """Citizens of a municipality's list, and for about one in seven not reached by phone a 106 case."""
    rng = random.Random(f"{builder.plan.seed}:citizens")  # noqa: S311 - repeatable data, not secrets
    operators = builder.staff.get("operator", []) or builder.staff.get("admin", [])
    imported = builder.ts(builder.now_s - 20 * DAY)
    case_no = first_case_id
    for n in range(builder.plan.citizens):
        attempts = rng.choice((0, 0, 0, 1, 1, 2, 3))
        answered = attempts > 0 and rng.random() < 0.45
        stamps = [
            builder.ts(builder.now_s - (19 - k * 3) * DAY + n % 30000) if k < attempts else None
            for k in range(3)
        ]
        updated = answered and operators
        has_case = not answered and attempts > 0 and rng.random() < 0.4
        temporary = answered and rng.random() < 0.05
        abroad = temporary and rng.random() < 0.3
        wrong = answered and rng.random() < 0.04
        citizen_id = first_id + n
        row = (
            citizen_id, str(300_000_000 + n // 3), rng.choice(CITIZEN_STREETS), str(rng.randint(1, 140)),
            str(rng.randint(1, 40)) if rng.random() < 0.7 else "", rng.choice(CITIZEN_FIRST),
            rng.choice(CITIZEN_LAST), rng.randint(1, 6), f"+9725{rng.randrange(10**8):08d}",
            f"03-{rng.randrange(10**7):07d}" if rng.random() < 0.4 else "", "", bool(answered),
            rng.random() < 0.12, wrong, rng.choice(CITIZEN_STREETS) if wrong else "",
            str(rng.randint(1, 140)) if wrong else "", "", rng.random() < 0.5, rng.random() < 0.2,
            rng.random() < 0.3, rng.random() < 0.08, False, False, temporary, abroad,
            rng.choice(CITIZEN_STREETS) if temporary and not abroad else "",
            str(rng.randint(1, 140)) if temporary and not abroad else "", "",
            "Updated" if updated else "Pending", None, None, rng.choice(operators) if updated else None,
            stamps[attempts - 1] if updated else None, imported, attempts, *stamps,
        )  # fmt: skip
        ticket = None
        if has_case:
            ticket = (
                case_no,
                citizen_id,
                f"{rng.randrange(10**6):06d}",
                stamps[attempts - 1],
                stamps[attempts - 1],
            )
            case_no += 1
        yield row, ticket
