"""factory-boy factories for Nature Check: rows inserted directly, for tests that need existing data."""

import factory
from django.utils import timezone

from casework.naturecheck.models import Farm, Farmer, NatureCheckCase
from tests.accounts.factories import UserFactory
from tests.contacts.factories import ContactFactory


class ConsultantFactory(UserFactory):
    role_id = "consultant"


class EmployeeFactory(UserFactory):
    role_id = "employee"


class FarmerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Farmer

    contact = factory.SubFactory(ContactFactory)
    email = factory.Sequence(lambda n: f"farmer{n}@landbrug.example")


class FarmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Farm

    name = factory.Sequence(lambda n: f"Gård {n:05d}")
    cvr = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    street = "Mejerivej 1"
    postal_code = "8000"
    city = "Aarhus"
    owner = factory.SubFactory(FarmerFactory)


class NatureCheckCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NatureCheckCase

    farm = factory.SubFactory(FarmFactory)
    consultant = factory.SubFactory(ConsultantFactory)
    assigned_by = factory.SubFactory(EmployeeFactory)
    status = "Assigned"
    created_at = factory.LazyFunction(timezone.now)
    assigned_at = factory.LazyAttribute(lambda o: o.created_at)
