"""The document access matrix: role, access level and how the case is assigned → visible, or 404.

Expected (and documented in casework.documents.querysets):
- viewer: public and standard, whatever the assignment;
- caseworker: public and standard; restricted when the case is assigned to them or to their team;
  confidential only when the case is assigned to them;
- manager, admin: everything.
"""

import pytest

from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

LEVELS = ["public", "standard", "restricted", "confidential"]
ASSIGNMENTS = ["unassigned", "assigned to them", "assigned to their team"]
EVERYTHING = set(LEVELS)

VISIBLE = {
    ("viewer", "unassigned"): {"public", "standard"},
    ("viewer", "assigned to them"): {"public", "standard"},
    ("viewer", "assigned to their team"): {"public", "standard"},
    ("caseworker", "unassigned"): {"public", "standard"},
    ("caseworker", "assigned to them"): {"public", "standard", "restricted", "confidential"},
    ("caseworker", "assigned to their team"): {"public", "standard", "restricted"},
    ("manager", "unassigned"): EVERYTHING,
    ("manager", "assigned to them"): EVERYTHING,
    ("manager", "assigned to their team"): EVERYTHING,
    ("admin", "unassigned"): EVERYTHING,
    ("admin", "assigned to them"): EVERYTHING,
    ("admin", "assigned to their team"): EVERYTHING,
}

MATRIX = [
    pytest.param(
        role, assignment, level, level in VISIBLE[(role, assignment)], id=f"{role}-{assignment}-{level}"
    )
    for (role, assignment) in VISIBLE
    for level in LEVELS
]


def case_for(persona, assignment: str):
    from casework.accounts.models import Team

    if assignment == "assigned to them":
        return CaseFactory(assigned_to=persona)
    if assignment == "assigned to their team":
        team = Team.objects.create(name="Housing Team")
        team.members.add(persona)
        return CaseFactory(assigned_team=team)
    return CaseFactory()


@pytest.mark.parametrize(("role", "assignment", "level", "visible"), MATRIX)
def test_document_access_matrix(request, api_as, document_on, role, assignment, level, visible):
    persona = request.getfixturevalue(role)
    case = case_for(persona, assignment)
    document = document_on(case, access_level=level)
    api = api_as(persona)

    download = api.get(f"/documents/{document.pk}/download")
    listed = {d["id"] for d in api.get(f"/cases/{case.pk}/documents").json()}

    if visible:
        assert download.status_code == 200
        assert listed == {str(document.pk)}
    else:
        assert download.status_code == 404
        assert download.json()["code"] == "not_found"
        assert listed == set()


def test_a_caseworker_on_another_team_does_not_see_restricted_documents(api_as, caseworker, document_on):
    from casework.accounts.models import Team

    other_team = Team.objects.create(name="Intake Desk")
    document = document_on(CaseFactory(assigned_team=other_team), access_level="restricted")

    assert api_as(caseworker).get(f"/documents/{document.pk}/download").status_code == 404


def test_a_denied_download_looks_exactly_like_a_missing_document(api_as, caseworker, case, document_on):
    import uuid

    hidden = document_on(case, access_level="confidential")
    api = api_as(caseworker)

    denied = api.get(f"/documents/{hidden.pk}/download")
    missing = api.get(f"/documents/{uuid.uuid4()}/download")

    assert denied.status_code == missing.status_code == 404
    assert denied.json() == missing.json()


@pytest.mark.parametrize(("role", "assignment"), list(VISIBLE), ids=[f"{r}-{a}" for r, a in VISIBLE])
def test_the_document_count_is_the_number_of_documents_the_caller_sees_listed(
    request, api_as, document_on, role, assignment
):
    persona = request.getfixturevalue(role)
    case = case_for(persona, assignment)
    for level in LEVELS:
        document_on(case, access_level=level)
    api = api_as(persona)

    listed = api.get(f"/cases/{case.pk}/documents").json()
    detail = api.get(f"/cases/{case.pk}").json()
    [row] = [c for c in api.get("/cases", limit=100).json()["cases"] if c["id"] == str(case.pk)]

    assert len(listed) == len(VISIBLE[(role, assignment)])
    assert detail["documents_count"] == row["documents_count"] == len(listed)
