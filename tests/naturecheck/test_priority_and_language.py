"""Priority: English values or Danish labels in, English stored, a label in the caller's language out."""

import pytest

from casework.core.errors import ValidationFailed
from casework.naturecheck.models import NatureCheckCase
from casework.naturecheck.services import parse_priority

pytestmark = pytest.mark.django_db

MAPPING = [
    ("Low", "Low"),
    ("Medium", "Medium"),
    ("High", "High"),
    ("Urgent", "Urgent"),
    ("Lav", "Low"),
    ("Normal", "Medium"),
    ("Høj", "High"),
    ("Haster", "Urgent"),
    ("  høj ", "High"),
    ("URGENT", "Urgent"),
]


@pytest.mark.parametrize(("sent", "stored"), MAPPING)
def test_assigning_stores_the_english_priority(nc_api, employee, consultant, farm, sent, stored):
    response = nc_api(employee).post(
        "/naturecheck/cases", {"farm_id": str(farm.pk), "consultant_id": str(consultant.pk), "priority": sent}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["priority"] == stored
    assert NatureCheckCase.objects.get().priority == stored


@pytest.mark.parametrize(
    ("stored", "english", "danish"),
    [
        ("Low", "Low", "Lav"),
        ("Medium", "Medium", "Normal"),
        ("High", "High", "Høj"),
        ("Urgent", "Urgent", "Haster"),
    ],
)
def test_the_label_follows_the_callers_language(nc_api, employee, consultant, farm, stored, english, danish):
    created = nc_api(employee).post(
        "/naturecheck/cases",
        {"farm_id": str(farm.pk), "consultant_id": str(consultant.pk), "priority": stored},
    )
    path = f"/naturecheck/cases/{created.json()['id']}"
    assert nc_api(employee).get(path).json()["priority_label"] == english
    assert nc_api(employee, language="da").get(path).json()["priority_label"] == danish


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_blank_priority_means_none(blank):
    assert parse_priority(blank) is None


@pytest.mark.parametrize("wrong", ["Critical", "Mellem", "1", "Lowest"])
def test_anything_else_is_refused_naming_the_allowed_values(wrong):
    with pytest.raises(ValidationFailed) as caught:
        parse_priority(wrong)
    assert caught.value.code == "invalid_priority"
    assert caught.value.extra["allowed"] == [
        "Low",
        "Medium",
        "High",
        "Urgent",
        "Lav",
        "Normal",
        "Høj",
        "Haster",
    ]


def test_an_invalid_priority_on_assignment_is_422_in_danish(nc_api, employee, consultant, farm):
    response = nc_api(employee, language="da").post(
        "/naturecheck/cases",
        {"farm_id": str(farm.pk), "consultant_id": str(consultant.pk), "priority": "Kritisk"},
    )
    assert response.status_code == 422
    assert response.json()["message"] == (
        "Prioriteten skal være en af: Low (Lav), Medium (Normal), High (Høj), Urgent (Haster)."
    )
    assert not NatureCheckCase.objects.exists()
