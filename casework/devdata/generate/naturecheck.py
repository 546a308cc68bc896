"""Nature Check rows for `casework generate`: farmers (contacts from the end of the contact list), Danish farms,
and each farm's checks, at most one of them active."""

import random

from casework.devdata.generate.plan import CONTACT, DAY, FARM, FARMER, NATURECHECK
from casework.devdata.generate.pools import DANISH_FARM_WORDS, DANISH_LAST, DANISH_TOWNS
from casework.devdata.generate.rows import RowBuilder


def naturecheck_rows(builder: RowBuilder) -> dict[str, list[tuple]]:
    """Farmers (contacts from the end of the contact list), their farms, and each farm's checks."""
    # A random source of its own: the cases before may have been built in other processes.
    rng = random.Random(f"{builder.plan.seed}:naturecheck")  # noqa: S311 - repeatable data, not secrets
    ids, plan = builder.ids, builder.plan
    consultants = builder.staff.get("consultant", [])
    employees = builder.staff.get("employee", []) or builder.staff.get("admin", [])
    farmers_n = min(max(plan.farms * 3 // 4, 1), plan.contacts) if plan.farms else 0
    rows: dict[str, list[tuple]] = {"farmers": [], "farms": [], "cases": []}
    if not farmers_n or not consultants or not employees:
        return rows
    prefix = int(builder.ids.prefix[:6], 16) % 900
    for i in range(farmers_n):
        contact = plan.contacts - 1 - i
        created = builder.ts(builder.contact_day[contact] * DAY + 7 * 3600 + 3600)
        email = f"farmer{i:06d}.s{plan.seed}@farm.casework.example"
        rows["farmers"].append((ids(FARMER, i), created, created, ids(CONTACT, contact), email, True))
    number = 0
    for f in range(plan.farms):
        created_s = int(rng.random() * builder.now_s * 0.5)
        town = rng.choice(DANISH_TOWNS)
        farm_id = ids(FARM, f)
        owner = ids(FARMER, f % farmers_n)
        name = f"{rng.choice(DANISH_FARM_WORDS)}gården {rng.choice(DANISH_LAST)}"
        rows["farms"].append((
            farm_id, builder.ts(created_s), builder.ts(created_s), 1, name, f"{10_000_000 + prefix * 100_000 + f:08d}",
            f"{rng.choice(DANISH_FARM_WORDS)}vej {rng.randint(1, 120)}", town[0], town[1], "Danmark", owner,
        ))  # fmt: skip
        # Past checks, finished, then (for 40% of farms) the current one.
        moment = created_s
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            moment += int(rng.uniform(60, 240) * DAY)
            if moment >= builder.now_s - 30 * DAY:
                break
            status = "Completed" if rng.random() < 0.85 else "Cancelled"
            finished_s = moment + int(rng.uniform(5, 40) * DAY)
            rows["cases"].append(
                _check(builder, rng, number, farm_id, moment, finished_s, status, consultants, employees)
            )
            number += 1
        if rng.random() < 0.4:
            moment = max(moment, builder.now_s - int(rng.uniform(1, 60) * DAY))
            status = "Assigned" if rng.random() < 0.5 else "InProgress"
            rows["cases"].append(
                _check(builder, rng, number, farm_id, moment, moment, status, consultants, employees)
            )
            number += 1
    return rows


def _check(
    builder: RowBuilder,
    rng: random.Random,
    number: int,
    farm_id: str,
    assigned_s: int,
    updated_s: int,
    status: str,
    consultants: list[str],
    employees: list[str],
) -> tuple:
    priority = rng.choice((None, None, "Low", "Medium", "Medium", "High", "Urgent"))
    consultant = consultants[min(int(len(consultants) * rng.random() ** 1.5), len(consultants) - 1)]
    notes = rng.choice(
        ("", "", "Gate code in the farm file.", "Farmer prefers mornings.", "Dog on the farm.")
    )
    stamp = builder.ts(assigned_s)
    return (builder.ids(NATURECHECK, number), stamp, builder.ts(min(updated_s, builder.now_s - 1)),
            1 if status == "Assigned" else 2, farm_id, consultant, rng.choice(employees), status, priority,
            notes, stamp)  # fmt: skip
