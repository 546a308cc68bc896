"""Possible duplicates at intake: the same email or phone once normalised, the same name and date of birth, a
close spelling; offered by `GET /api/contacts/matches`; registering anyway stays possible and is recorded."""

import datetime
from urllib.parse import urlencode

import pytest

from casework.audit.models import AuditEvent
from casework.contacts.matching import normal_phone, possible_matches
from casework.contacts.models import Contact
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1980, 5, 17)


@pytest.fixture
def anna():
    return ContactFactory(
        first_name="Anna",
        last_name="Jensen",
        email="anna.jensen@example.org",
        phone="+45 12 34 56 78",
        date_of_birth=BIRTH,
    )


def _reasons(**described):
    return {match.contact.pk: match.reasons for match in possible_matches(**described)}


def test_the_same_email_matches_whatever_its_case_and_spaces(anna):
    assert "email" in _reasons(email="  Anna.Jensen@EXAMPLE.org ")[anna.pk]


@pytest.mark.parametrize("written", ["12345678", "0045 12 34 56 78", "+45-1234-5678", "(+45) 1234 5678"])
def test_the_same_phone_matches_in_any_notation_with_or_without_the_country_prefix(anna, written):
    assert "phone" in _reasons(phone=written)[anna.pk]


def test_a_short_number_matches_nothing(anna):
    assert normal_phone("5678") == ""
    assert anna.pk not in _reasons(phone="5678")


def test_the_same_name_and_birth_date_match(anna):
    assert _reasons(first_name="anna", last_name="JENSEN", date_of_birth=BIRTH)[anna.pk] == [
        "name_and_birth_date"
    ]


def test_a_close_spelling_matches_and_another_name_does_not(anna):
    ContactFactory(first_name="Bo", last_name="Jakobsen", email="", phone="")
    found = _reasons(first_name="Ana", last_name="Jenssen")
    assert found == {anna.pk: ["similar_name"]}


def test_nothing_in_common_matches_nothing(anna):
    assert _reasons(first_name="Zoe", last_name="Quist", email="zoe@example.org", phone="99 88 77 66") == {}


def test_the_api_lists_matches_with_their_reasons(api_as, caseworker, anna):
    response = api_as(caseworker).get(
        "/contacts/matches?"
        + urlencode({"first_name": "Anna", "last_name": "Jensen", "email": "ANNA.JENSEN@example.org"})
    )

    assert response.status_code == 200, response.json()
    [match] = response.json()
    assert match["contact"]["id"] == str(anna.pk)
    assert set(match["reasons"]) == {"email", "similar_name"}


def test_the_api_names_a_bad_field(api_as, caseworker):
    response = api_as(caseworker).get("/contacts/matches?date_of_birth=17/05/1980")

    assert response.status_code == 422
    assert "date_of_birth" in str(response.json())


def test_registering_anyway_is_possible_and_recorded(api_as, caseworker, anna):
    body = {"first_name": "Anna", "last_name": "Jensen", "email": "anna.jensen@example.org"}

    response = api_as(caseworker).post("/contacts", body)

    assert response.status_code == 201, response.json()
    assert Contact.objects.filter(last_name="Jensen").count() == 2
    event = AuditEvent.objects.get(verb="contact.created", target_id=response.json()["id"])
    assert event.data["possible_duplicates"] == [str(anna.pk)]
