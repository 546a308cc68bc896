"""At intake, the new contact's fields show who may already be registered, with why, in the reader's language;
choosing one opens the case for the existing contact; creating anyway stays possible."""

import datetime

import pytest

from casework.cases.models import Case
from casework.contacts.models import Contact
from tests.cases.factories import case_type
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna():
    return ContactFactory(
        first_name="Anna",
        last_name="Jensen",
        email="anna.jensen@example.org",
        phone="+45 12 34 56 78",
        date_of_birth=datetime.date(1980, 5, 17),
    )


def _matches(client, language="en", **typed):
    query = {f"new_contact-{name}": value for name, value in typed.items()}
    return client.get("/contacts/matches/", query, headers={"Accept-Language": language}).content.decode()


def test_the_intake_form_asks_for_matches_as_the_new_contact_is_typed(client_as, caseworker):
    page = client_as(caseworker).get("/cases/new/").content.decode()

    assert 'hx-get="/contacts/matches/"' in page
    assert 'id="contact-matches"' in page


def test_typing_the_same_email_offers_the_existing_contact(client_as, caseworker, anna):
    fragment = _matches(client_as(caseworker), email=" ANNA.jensen@example.org", first_name="Ann")

    assert "Possible matches" in fragment
    assert f'name="contact" value="{anna.pk}"' in fragment
    assert "same email" in fragment


@pytest.mark.parametrize(
    ("language", "words"), [("da", ["Mulige match", "samme telefonnummer"]), ("he", ["התאמות אפשריות"])]
)
def test_the_matches_read_in_the_readers_language(client_as, caseworker, anna, language, words):
    fragment = _matches(client_as(caseworker), language, phone="12345678")

    for word in words:
        assert word in fragment


def test_nothing_alike_offers_nothing(client_as, caseworker, anna):
    fragment = _matches(client_as(caseworker), first_name="Zoe", last_name="Quist", date_of_birth="1980-05")

    assert "Possible matches" not in fragment


def test_creating_anyway_makes_a_second_contact(client_as, caseworker, anna):
    response = client_as(caseworker).post(
        "/contacts/new/",
        {
            "new_contact-first_name": "Anna",
            "new_contact-last_name": "Jensen",
            "new_contact-email": anna.email,
        },
    )

    assert response.status_code == 200
    assert Contact.objects.filter(email=anna.email).count() == 2


def test_choosing_the_match_opens_the_case_for_the_existing_contact(client_as, caseworker, anna):
    response = client_as(caseworker).post(
        "/cases/new/",
        {
            "contact": str(anna.pk),
            "case_type": str(case_type("General Support").pk),
            "title": "Rent",
            "priority": "medium",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Case.objects.get(title="Rent").contact == anna
    assert Contact.objects.count() == 1
