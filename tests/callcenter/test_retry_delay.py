"""The retry delay: an unanswered citizen is offered again only once the configured delay has passed since the
last attempt, so "three attempts" are spread over time."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.forms import modelform_factory
from django.utils import timezone

from casework.callcenter import services
from casework.callcenter.models import CallcenterConfiguration
from tests.callcenter.factories import CitizenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _thirty_minutes(settings):
    settings.CALLCENTER_RETRY_DELAY_MINUTES = 30


def unanswered(citizen, operator, *, now):
    services.submit_call_result(citizen.pk, operator=operator, result={"family_number": 1}, now=now)
    citizen.refresh_from_db()


def test_an_unanswered_citizen_is_not_offered_again_before_the_delay(operator):
    citizen = CitizenFactory()
    start = timezone.now()
    assert services.take_next_citizen(operator=operator, now=start).pk == citizen.pk
    unanswered(citizen, operator, now=start)
    assert services.take_next_citizen(operator=operator, now=start + dt.timedelta(minutes=29)) is None
    again = services.take_next_citizen(operator=operator, now=start + dt.timedelta(minutes=31))
    assert again is not None and again.pk == citizen.pk and again.appearance_count == 2


def test_a_waiting_citizen_does_not_hold_up_the_others(operator):
    tried, fresh = CitizenFactory(), CitizenFactory()
    start = timezone.now()
    assert services.take_next_citizen(operator=operator, now=start).pk == tried.pk
    unanswered(tried, operator, now=start)
    assert services.take_next_citizen(operator=operator, now=start + dt.timedelta(minutes=1)).pk == fresh.pk


def test_a_zero_delay_offers_the_citizen_at_once(operator, settings):
    settings.CALLCENTER_RETRY_DELAY_MINUTES = 0
    citizen = CitizenFactory()
    start = timezone.now()
    services.take_next_citizen(operator=operator, now=start)
    unanswered(citizen, operator, now=start)
    assert services.take_next_citizen(operator=operator, now=start + dt.timedelta(seconds=1)).pk == citizen.pk


def test_a_negative_delay_is_refused(operator, settings):
    settings.CALLCENTER_RETRY_DELAY_MINUTES = -1
    with pytest.raises(ImproperlyConfigured):
        services.take_next_citizen(operator=operator)


def test_the_admins_configuration_row_sets_the_delay(operator, settings):
    settings.CALLCENTER_RETRY_DELAY_MINUTES = 0
    CallcenterConfiguration.objects.create(retry_delay_minutes=10)
    citizen = CitizenFactory()
    start = timezone.now()
    services.take_next_citizen(operator=operator, now=start)
    unanswered(citizen, operator, now=start)
    assert services.take_next_citizen(operator=operator, now=start + dt.timedelta(minutes=9)) is None
    assert (
        services.take_next_citizen(operator=operator, now=start + dt.timedelta(minutes=11)).pk == citizen.pk
    )


def test_the_configuration_form_refuses_a_negative_delay():
    form = modelform_factory(CallcenterConfiguration, fields=["retry_delay_minutes"])(
        {"retry_delay_minutes": -5}
    )
    assert not form.is_valid() and "retry_delay_minutes" in form.errors
