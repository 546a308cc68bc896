"""Field rules: names in any script, building numbers with at most one letter, flats in digits."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.callcenter import validators as v
from casework.core.errors import ValidationFailed
from tests.callcenter.factories import CitizenFactory


@pytest.mark.parametrize(
    "name", ["Noa", "נועה", "Анна", "محمد", "O'Connor", "Jean-Luc", "Mary Ann", "בן־דוד", "D\u2019Angelo"]
)
def test_names_in_any_script_with_spaces_apostrophes_and_hyphens_are_accepted(name):
    assert v.clean_name(name, field="first_name") == name


def test_surrounding_and_repeated_spaces_are_tidied():
    assert v.clean_name("  Mary   Ann ", field="first_name") == "Mary Ann"


@pytest.mark.parametrize(
    "name", ["Noa1", "R2-D2", "-Noa", "Noa-", "Noa--Lee", "Noa_Lee", "=cmd", "Noa!", "'"]
)
def test_names_with_digits_symbols_or_dangling_separators_are_refused(name):
    with pytest.raises(ValidationFailed) as refused:
        v.clean_name(name, field="first_name")
    assert refused.value.field == "first_name"


@pytest.mark.parametrize("building", ["1", "12", "12a", "12א", "120B"])
def test_building_numbers_are_digits_with_at_most_one_letter(building):
    assert v.clean_building(building, field="building_number") == building


@pytest.mark.parametrize("building", ["a12", "12ab", "12-3", "", "١٢"])
def test_other_building_numbers_are_refused(building):
    with pytest.raises(ValidationFailed):
        v.clean_building(building, field="building_number")


@pytest.mark.parametrize(
    ("flat", "ok"), [("4", True), ("", True), ("12", True), ("4a", False), ("-4", False)]
)
def test_flats_are_digits(flat, ok):
    if ok:
        assert v.clean_flat(flat, field="flat_number") == flat
    else:
        with pytest.raises(ValidationFailed):
            v.clean_flat(flat, field="flat_number")


@pytest.mark.parametrize(
    ("value", "ok"), [("1", True), ("12", True), ("0", False), ("-1", False), ("1.5", False), ("", False)]
)
def test_family_numbers_are_positive_whole_numbers(value, ok):
    if ok:
        assert v.clean_family_number(value, field="FamilyNumber") == int(value)
    else:
        with pytest.raises(ValidationFailed):
            v.clean_family_number(value, field="FamilyNumber")


@pytest.mark.django_db
def test_the_database_refuses_a_family_number_of_zero():
    with pytest.raises(IntegrityError), transaction.atomic():
        CitizenFactory(family_number=0)


@pytest.mark.django_db
def test_the_database_refuses_a_lock_on_a_record_that_is_not_in_progress(operator):
    with pytest.raises(IntegrityError), transaction.atomic():
        CitizenFactory(status="Pending", locked_by=operator, locked_until=timezone.now())
