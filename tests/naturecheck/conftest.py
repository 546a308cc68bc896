"""Nature Check personas: two consultants, an employee who assigns, a farmer who owns a farm."""

from typing import Any

import pytest

from casework.accounts.models import User
from casework.naturecheck.models import Farm, Farmer
from tests.conftest import ApiClient
from tests.contacts.factories import ContactFactory
from tests.naturecheck.factories import ConsultantFactory, EmployeeFactory, FarmerFactory, FarmFactory


class NatureCheckApi(ApiClient):
    """ApiClient that can speak Danish (`Accept-Language`) and send `If-Match`."""

    def __init__(self, user: User | None = None, *, language: str | None = None):
        super().__init__(user)
        self.language = language

    def _headers(self) -> dict[str, str]:
        headers = super()._headers()
        if self.language:
            headers["Accept-Language"] = self.language
        return headers

    def put_if_match(self, path: str, body: Any, etag: str):
        import json

        headers = {**self._headers(), "If-Match": etag}
        return self.client.put(
            f"/api{path}",
            data=json.dumps(body, default=str),
            content_type="application/json",
            headers=headers,
        )


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Argon2 costs a quarter second per account; these tests create many."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def nc_api():
    """`nc_api(user, language="da")`: a client signed in as `user`, optionally asking for Danish."""
    return NatureCheckApi


@pytest.fixture
def consultant(db) -> User:
    return ConsultantFactory(email="mette.jensen@naturtjek.example", first_name="Mette", last_name="Jensen")


@pytest.fixture
def other_consultant(db) -> User:
    return ConsultantFactory(email="lars.nielsen@naturtjek.example", first_name="Lars", last_name="Nielsen")


@pytest.fixture
def employee(db) -> User:
    return EmployeeFactory(email="sofie.hansen@arla.example", first_name="Sofie", last_name="Hansen")


@pytest.fixture
def other_employee(db) -> User:
    return EmployeeFactory(email="peter.larsen@arla.example", first_name="Peter", last_name="Larsen")


@pytest.fixture
def farmer(db) -> Farmer:
    contact = ContactFactory(first_name="Jens", last_name="Mikkelsen", email="jens@enggaarden.example")
    return FarmerFactory(contact=contact, email="jens@enggaarden.example")


@pytest.fixture
def farm(farmer) -> Farm:
    return FarmFactory(
        name="Enggården", cvr="12345678", street="Engvej 12", postal_code="7400", city="Herning", owner=farmer
    )
