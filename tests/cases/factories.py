"""factory-boy factories for cases and their notes, and the seeded statuses and types they use."""

import datetime as dt

import factory
from django.utils import timezone

from casework.cases import tallies
from casework.cases.models import Case, CaseNote, CaseStatus, CaseType
from tests.contacts.factories import ContactFactory


def status(name: str) -> CaseStatus:
    return CaseStatus.objects.get(name=name)


def case_type(name: str = "General Support") -> CaseType:
    return CaseType.objects.get(name=name)


class CaseFactory(factory.django.DjangoModelFactory):
    """A case inserted directly (bypassing services) for tests that need existing data."""

    class Meta:
        model = Case

    case_number = factory.Sequence(lambda n: f"CASE-000000-{n:05d}")
    contact = factory.SubFactory(ContactFactory)
    case_type = factory.LazyFunction(case_type)
    status = factory.LazyFunction(lambda: status("Intake"))
    title = factory.Faker("sentence", nb_words=4)
    intake_date = factory.LazyFunction(timezone.now)
    priority = "medium"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        case = super()._create(model_class, *args, **kwargs)
        # Inserted behind the services' back: counted in the dashboard tally as open_case would.
        tallies.record(None, tallies.share_of(case))
        return case


class CaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseNote

    case = factory.SubFactory(CaseFactory)
    content = factory.Faker("paragraph")
    note_type = "note"


def days_from_today(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)
