"""Demo data for the call center: an operator account and a few hundred citizens, some already called and
some with a 106 case. Rows are inserted directly (bypassing the queue), keeping the model's invariants: no
record is InProgress, addresses only where their flag is set, three appearance stamps on every 106 case.

Idempotent: nothing is added when citizens already exist; the operator account is kept as it is.
"""

import datetime as dt
import random
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from casework.accounts.models import User
from casework.accounts.services import create_user
from casework.callcenter.models import CallcenterCase, CitizenHandler, CitizenRecord, CitizenStatus

OPERATOR_EMAIL = "operator@casework.local"
PASSWORD = "casework-demo-2026"
CITIZENS = 300

HEBREW_FIRST = ["נועה", "יוסף", "מרים", "אברהם", "שרה", "דוד", "רחל", "משה", "תמר", "אליהו", "חנה", "יעקב"]
HEBREW_LAST = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אזולאי", "פרידמן", "שפירא", "בן-דוד", "אוחיון"]
LATIN_FIRST = ["Anna", "Michael", "Olga", "David", "Sofia", "Daniel", "Maria", "Jean-Luc", "Chloe", "Igor"]
LATIN_LAST = ["Cohen", "Levi", "Petrov", "O'Connor", "Martin", "Schwartz", "Ivanova", "Da Silva", "Novak"]
HEBREW_STREETS = ["הרצל", "ויצמן", "ז'בוטינסקי", "בן גוריון", "רוטשילד", "העצמאות", "הנביאים"]
LATIN_STREETS = ["Herzl Street", "Weizmann Avenue", "Rothschild Boulevard", "Independence Road", "Park Lane"]


def _phone(rng: random.Random) -> str:
    return rng.choice(["05", "+9725"]) + "".join(str(rng.randrange(10)) for _ in range(8))


def _building(rng: random.Random) -> str:
    return str(rng.randint(1, 120)) + (rng.choice(["", "", "", "א", "b"]))


def _citizen(rng: random.Random, n: int, now: dt.datetime, operator: User) -> CitizenRecord:
    hebrew = rng.random() < 0.6
    first = rng.choice(HEBREW_FIRST if hebrew else LATIN_FIRST)
    last = rng.choice(HEBREW_LAST if hebrew else LATIN_LAST)
    street = rng.choice(HEBREW_STREETS if hebrew else LATIN_STREETS)
    citizen = CitizenRecord(
        fid=f"{100000 + n // 2}",
        street_name=street,
        building_number=_building(rng),
        flat_number=str(rng.randint(1, 40)) if rng.random() < 0.8 else "",
        first_name=first,
        last_name=last,
        family_number=rng.randint(1, 6),
        phone1=_phone(rng),
        phone2=_phone(rng) if rng.random() < 0.4 else "",
        is_lonely=rng.random() < 0.15,
        has_mobility_restriction=rng.random() < 0.1,
    )
    fate = rng.random()
    attempts = 0
    if fate < 0.35:  # reached: the call result is in
        attempts = rng.randint(1, 3)
        citizen.status = CitizenStatus.UPDATED
        citizen.is_answered_the_call = True
        citizen.has_safe_room = rng.random() < 0.5
        citizen.has_private_shelter = not citizen.has_safe_room and rng.random() < 0.3
        citizen.has_public_shelter = not (citizen.has_safe_room or citizen.has_private_shelter)
        if rng.random() < 0.1:
            citizen.is_address_wrong = True
            citizen.new_street_name = rng.choice(HEBREW_STREETS if hebrew else LATIN_STREETS)
            citizen.new_building_number = _building(rng)
        if rng.random() < 0.08:
            citizen.has_temporary_address = True
            citizen.is_temporary_abroad = rng.random() < 0.3
            if not citizen.is_temporary_abroad:
                citizen.temporary_street_name = rng.choice(HEBREW_STREETS if hebrew else LATIN_STREETS)
                citizen.temporary_building_number = _building(rng)
    elif fate < 0.50:  # unreached three times: waits for, or has, a 106 case
        attempts = 3
    elif fate < 0.65:  # one or two unanswered attempts so far
        attempts = rng.randint(1, 2)
    citizen.appearance_count = attempts
    for i, stamp in enumerate(
        ["first_appearance_at", "second_appearance_at", "third_appearance_at"][:attempts]
    ):
        setattr(citizen, stamp, now - dt.timedelta(hours=6 * (attempts - i), minutes=rng.randint(0, 50)))
    if attempts:
        citizen.last_updated_by = operator
        citizen.last_updated_at = now - dt.timedelta(minutes=rng.randint(5, 300))
    return citizen


@transaction.atomic
def load_demo(*, rng: random.Random, stdout: TextIO) -> None:
    """Add the operator account and the demo citizen list, unless citizens already exist."""
    operator = User.objects.filter(email=OPERATOR_EMAIL).first() or create_user(
        email=OPERATOR_EMAIL, password=PASSWORD, role="operator", first_name="Omer", last_name="Operator"
    )
    if CitizenRecord.objects.exists():
        stdout.write(
            f"Call center: {CitizenRecord.objects.count()} citizens already present; nothing added.\n"
        )
        return
    now = timezone.now()
    citizens = CitizenRecord.objects.bulk_create([_citizen(rng, n, now, operator) for n in range(CITIZENS)])
    unreached = [c for c in citizens if c.appearance_count == 3 and not c.is_answered_the_call]
    with_case = unreached[: len(unreached) * 2 // 3]
    CallcenterCase.objects.bulk_create(
        CallcenterCase(citizen=c, callcenter_case_number=f"{rng.randint(0, 999_999):06d}") for c in with_case
    )
    # The demo operator worked the records the data says they called, so they may read them again.
    CitizenHandler.objects.bulk_create(
        CitizenHandler(citizen=c, operator=operator, first_handled_at=c.last_updated_at or now)
        for c in citizens
        if c.last_updated_by_id == operator.pk or c.locked_by_id == operator.pk
    )
    stdout.write(
        f"Call center: {len(citizens)} citizens, {len(with_case)} with a 106 case; "
        f"operator login {OPERATOR_EMAIL} / {PASSWORD}.\n"
    )
