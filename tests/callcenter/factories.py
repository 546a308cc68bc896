"""Factories for call-center records, inserted directly (bypassing the queue) to set up a state."""

import datetime as dt

import factory
from django.utils import timezone

from casework.callcenter.models import CallcenterCase, CitizenHandler, CitizenRecord


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CitizenRecord

    fid = factory.Sequence(lambda n: f"F{n:06d}")
    street_name = "Herzl Street"
    building_number = factory.Sequence(lambda n: str(n % 90 + 1))
    flat_number = "3"
    first_name = "Noa"
    last_name = factory.Sequence(lambda n: f"Cohen{'abcdefghij'[n % 10]}")
    family_number = 2
    phone1 = "0501234567"


class CallcenterCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallcenterCase

    citizen = factory.SubFactory(CitizenFactory)
    callcenter_case_number = factory.Sequence(lambda n: f"{n:06d}")


def locked_citizen(operator, *, minutes_left: int = 20, **fields) -> CitizenRecord:
    """A record the queue handed to `operator`, with its lock ending in `minutes_left` minutes."""
    now = timezone.now()
    values = {
        "status": "InProgress",
        "locked_by": operator,
        "locked_until": now + dt.timedelta(minutes=minutes_left),
        "appearance_count": 1,
        "first_appearance_at": now,
    }
    return CitizenFactory(**{**values, **fields})


def awaiting_106_case(**fields) -> CitizenRecord:
    """A citizen nobody answered in the threshold number of attempts (3): waiting for a 106 case, which any
    operator may read and open from the queue page."""
    now = timezone.now()
    values = {
        "appearance_count": 3,
        "first_appearance_at": now - dt.timedelta(hours=3),
        "second_appearance_at": now - dt.timedelta(hours=2),
        "third_appearance_at": now - dt.timedelta(hours=1),
    }
    return CitizenFactory(**{**values, **fields})


def handled_by(operator, citizen: CitizenRecord) -> CitizenRecord:
    """Record that the queue once handed `citizen` to `operator` (so they may read it)."""
    CitizenHandler.objects.create(citizen=citizen, operator=operator, first_handled_at=timezone.now())
    return citizen
