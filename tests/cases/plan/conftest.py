"""The two cases the plan tests link, and plan, by default."""

import pytest

from tests.cases.factories import CaseFactory, status


@pytest.fixture
def case(db):
    return CaseFactory(title="Eviction notice", case_number="CASE-260101-00001")


@pytest.fixture
def other_case(db):
    return CaseFactory(title="Rent arrears", case_number="CASE-260101-00002", status=status("Active"))
