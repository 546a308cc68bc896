"""Nature Check demo data for `casework demo`: consultants and employees who sign in, farmers, Danish farms, and
cases in every status (some reassigned, some farms with finished cases before the current one).

Written through the services, so notifications, history and audit events are what real use would leave.
Idempotent: accounts are created only when missing, farms and cases only when there are no farms yet.
"""

import random
from typing import TextIO
from uuid import UUID

from django.db import transaction

from casework.accounts.models import User
from casework.accounts.services import create_user
from casework.naturecheck import services
from casework.naturecheck.models import Farm, NatureCheckCase, Status

PASSWORD = "casework-demo-2026"
DOMAIN = "naturtjek.casework.local"

CONSULTANTS = [
    ("Mette", "Jensen"),
    ("Lars", "Nielsen"),
    ("Anne", "Kristensen"),
    ("Søren", "Pedersen"),
    ("Camilla", "Thomsen"),
    ("Rasmus", "Østergaard"),
]
EMPLOYEES = [("Sofie", "Hansen"), ("Peter", "Larsen")]
FARMER_FIRST = [
    "Jens",
    "Niels",
    "Hanne",
    "Kirsten",
    "Morten",
    "Bent",
    "Inge",
    "Jørgen",
    "Lone",
    "Henrik",
    "Birthe",
    "Ole",
]
FARMER_LAST = [
    "Mikkelsen",
    "Madsen",
    "Christensen",
    "Poulsen",
    "Johansen",
    "Knudsen",
    "Møller",
    "Holm",
    "Lund",
    "Dahl",
]
FARM_NAMES = [
    "Enggården", "Bakkegården", "Søndergård", "Nørregård", "Østergård", "Vestergård", "Højgård", "Lundgård",
    "Skovgård", "Mosegård", "Kærgård", "Bøgely", "Egely", "Granly", "Birkelund", "Ådalen", "Lykkesholm",
    "Havgården", "Kildegården", "Toftegård", "Møllegården", "Præstegården", "Hedegård", "Stensgård",
]  # fmt: skip
STREETS = [
    "Engvej",
    "Mosevej",
    "Skovvej",
    "Bakkevej",
    "Kirkevej",
    "Møllevej",
    "Åvej",
    "Markvej",
    "Hedevej",
    "Mejerivej",
]
TOWNS = [
    ("7400", "Herning"), ("6900", "Skjern"), ("7500", "Holstebro"), ("8600", "Silkeborg"), ("6800", "Varde"),
    ("6600", "Vejen"), ("7330", "Brande"), ("8800", "Viborg"), ("9500", "Hobro"), ("6200", "Aabenraa"),
    ("6100", "Haderslev"), ("6270", "Tønder"), ("7800", "Skive"), ("9800", "Hjørring"), ("4300", "Holbæk"),
    ("4700", "Næstved"), ("5700", "Svendborg"), ("7100", "Vejle"), ("8700", "Horsens"), ("8900", "Randers"),
]  # fmt: skip
NOTES = [
    "",
    "Ring til landmanden dagen før besøget.",
    "Fokus på vandhuller og læhegn.",
    "Gården har nye arealer siden sidste besøg.",
    "Aftal tid i god tid; malkning kl. 5 og 16.",
]
_ASCII: dict[int, str | int | None] = {ord("ø"): "oe", ord("æ"): "ae", ord("å"): "aa"}
FARMS = 60
FARMERS = 40


def _email(first: str, last: str, domain: str) -> str:
    plain = f"{first}.{last}".lower().translate(_ASCII)
    return f"{plain}@{domain}"


def _account(first: str, last: str, role: str, stdout: TextIO) -> User:
    email = _email(first, last, DOMAIN)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = create_user(
            email=email,
            password=PASSWORD,
            role=role,
            first_name=first,
            last_name=last,
            check_password_policy=False,
        )
    stdout.write(f"  {role:<10} {email} / {PASSWORD}\n")
    return user


@transaction.atomic
def load_demo(*, rng: random.Random, stdout: TextIO) -> None:
    """Add the Nature Check demo: 6 consultants, 2 employees, 40 farmers, 60 farms, cases in every status."""
    stdout.write("Nature Check logins:\n")
    consultants = [_account(f, n, "consultant", stdout) for f, n in CONSULTANTS]
    employees = [_account(f, n, "employee", stdout) for f, n in EMPLOYEES]
    if Farm.objects.exists():
        stdout.write("Nature Check farms already present; nothing added.\n")
        return

    owners = []
    for i in range(FARMERS):
        first, last = rng.choice(FARMER_FIRST), rng.choice(FARMER_LAST)
        owners.append((first, last, _email(f"{first}{i}", last, "landbrug.example")))
    cvrs: set[str] = set()
    farms = []
    for i in range(FARMS):
        while (cvr := f"{rng.randrange(10_000_000, 100_000_000)}") in cvrs:
            pass
        cvrs.add(cvr)
        postal_code, city = rng.choice(TOWNS)
        # Every farmer owns at least one farm; the rest own a second or third.
        first, last, email = owners[i] if i < FARMERS else rng.choice(owners)
        farms.append(
            services.create_farm(
                actor=employees[0],
                name=FARM_NAMES[i % len(FARM_NAMES)],
                cvr=cvr,
                street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                postal_code=postal_code,
                city=city,
                owner_first_name=first,
                owner_last_name=last,
                owner_email=email,
            )
        )

    # Cycle through the statuses so every one is present; a quarter of the farms stays unassigned.
    plan = [Status.ASSIGNED, Status.IN_PROGRESS, Status.COMPLETED, Status.CANCELLED, Status.ASSIGNED, None]
    priorities = [None, "Low", "Medium", "High", "Urgent", "Lav", "Haster"]
    for i, farm in enumerate(farms):
        target = plan[i % len(plan)]
        if target is None:
            continue
        if i % 5 == 0:
            # An earlier, finished check: the farm's history shows more than one case.
            earlier = _case(farm, rng, consultants, employees, priorities)
            _walk(earlier.pk, Status.COMPLETED, consultant=earlier.consultant, employee=employees[1])
        case = _case(farm, rng, consultants, employees, priorities)
        if i % 7 == 0 and target in (Status.ASSIGNED, Status.IN_PROGRESS):
            others = [c for c in consultants if c.pk != case.consultant_id]
            case = services.update_case(
                case.pk,
                actor=employees[1],
                expected_version=case.row_version,
                changes={"consultant_id": rng.choice(others).pk, "notes": "Omfordelt: konsulenten er syg."},
            )
        _walk(case.pk, target, consultant=case.consultant, employee=rng.choice(employees))
    stdout.write(f"Nature Check: {len(farms)} farms, {FARMERS} farmers, cases in every status.\n")


def _case(
    farm: Farm,
    rng: random.Random,
    consultants: list[User],
    employees: list[User],
    priorities: list[str | None],
) -> NatureCheckCase:
    return services.assign_case(
        actor=rng.choice(employees),
        farm_id=farm.pk,
        consultant_id=rng.choice(consultants).pk,
        priority=rng.choice(priorities),
        notes=rng.choice(NOTES),
    )


def _walk(case_id: UUID, target: str, *, consultant: User, employee: User) -> None:
    """Move a new case to `target` the way people would: the consultant starts and completes, an employee cancels."""
    walks: dict[str, list[tuple[str, User]]] = {
        Status.ASSIGNED: [],
        Status.IN_PROGRESS: [(Status.IN_PROGRESS, consultant)],
        Status.COMPLETED: [(Status.IN_PROGRESS, consultant), (Status.COMPLETED, consultant)],
        Status.CANCELLED: [(Status.CANCELLED, employee)],
    }
    steps = walks[target]
    for status, actor in steps:
        services.change_case_status(case_id, actor=actor, status=status, expected_version=None)
