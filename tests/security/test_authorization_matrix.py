"""Who may call what: every operation of the OpenAPI schema by every role, with the expected answer.

A row per operation, a column per caller. `A` is allowed (a 2xx for the minimal valid request in
`requests_.py`); 401, 403, 404 are refusals; any other number is an allowed call whose answer is that
specific 4xx, with the reason beside the row. An operation without a row fails
`test_every_operation_of_the_api_has_a_row`, so a new endpoint cannot ship without deciding who may call it.
"""

import pytest
from django.db import transaction
from django.test import Client

from casework.accounts.models import Role
from casework.accounts.tokens import issue_token
from casework.config.api import api
from tests.security.requests_ import build_request, send
from tests.security.world import CALLERS, ROLES

# fmt: off
# callers:                                                   admin mngr cwkr view cons empl oper anon
MATRIX: dict[str, str] = {
    "POST /api/auth/login":                                    "A    A    A    A    A    A    A    A",
    "GET /api/auth/me":                                        "A    A    A    A    A    A    A    401",
    "POST /api/auth/login/mfa":                                "A    A    A    A    A    A    A    A",
    "GET /api/auth/mfa":                                       "A    A    A    A    A    A    A    401",
    "POST /api/auth/mfa/totp":                                 "A    A    A    A    A    A    A    401",
    "POST /api/auth/mfa/totp/confirm":                         "A    A    A    A    A    A    A    401",
    "DELETE /api/users/{user_id}/mfa":                         "A    403  403  403  403  403  403  401",
    "GET /api/users":                                          "A    A    A    A    403  403  403  401",
    "GET /api/teams":                                          "A    A    A    A    403  403  403  401",
    "POST /api/teams":                                         "A    403  403  403  403  403  403  401",
    "GET /api/teams/{team_id}":                                "A    A    A    A    403  403  403  401",
    "PUT /api/teams/{team_id}":                                "A    403  403  403  403  403  403  401",
    "GET /api/contacts":                                       "A    A    A    A    403  403  403  401",
    "GET /api/contacts/matches":                               "A    A    A    A    403  403  403  401",
    "POST /api/contacts":                                      "A    A    A    403  403  403  403  401",
    "GET /api/contacts/{contact_id}":                          "A    A    A    A    403  403  403  401",
    "PUT /api/contacts/{contact_id}":                          "A    A    A    403  403  403  403  401",
    "DELETE /api/contacts/{contact_id}":                       "A    A    403  403  403  403  403  401",
    "GET /api/contacts/{contact_id}/export":                   "A    403  403  403  403  403  403  401",
    "POST /api/contacts/{contact_id}/erase":                   "A    403  403  403  403  403  403  401",
    "GET /api/admin/outcomes":                                 "A    403  403  403  403  403  403  401",
    "POST /api/admin/outcomes":                                "A    403  403  403  403  403  403  401",
    "POST /api/admin/outcomes/reorder":                        "A    403  403  403  403  403  403  401",
    "PATCH /api/admin/outcomes/{outcome_id}":                  "A    403  403  403  403  403  403  401",
    "POST /api/admin/outcomes/{outcome_id}/enable":            "A    403  403  403  403  403  403  401",
    "POST /api/admin/outcomes/{outcome_id}/disable":           "A    403  403  403  403  403  403  401",
    "GET /api/cases/outcomes/definitions":                     "A    A    A    A    403  403  403  401",
    "GET /api/cases/{case_id}/interactions/{interaction_id}/outcomes":
                                                               "A    A    A    A    403  403  403  401",
    "PUT /api/cases/{case_id}/interactions/{interaction_id}/outcomes":
                                                               "A    A    A    403  403  403  403  401",
    "GET /api/reports/outcomes":                               "A    A    A    A    403  403  403  401",
    "GET /api/cases/types":                                    "A    A    A    A    403  403  403  401",
    "GET /api/cases/statuses":                                 "A    A    A    A    403  403  403  401",
    "GET /api/cases/summary":                                  "A    A    A    A    403  403  403  401",
    "GET /api/cases/workload":                                 "A    A    A    A    403  403  403  401",
    "POST /api/cases/notes":                                   "A    A    A    403  403  403  403  401",
    "GET /api/cases":                                          "A    A    A    A    403  403  403  401",
    "POST /api/cases":                                         "A    A    A    403  403  403  403  401",
    "GET /api/cases/{case_id}":                                "A    A    A    A    403  403  403  401",
    "PUT /api/cases/{case_id}":                                "A    A    A    403  403  403  403  401",
    "DELETE /api/cases/{case_id}":                             "A    A    403  403  403  403  403  401",
    "PUT /api/cases/{case_id}/status":                         "A    A    A    403  403  403  403  401",
    "PUT /api/cases/{case_id}/assignment":                     "A    A    403  403  403  403  403  401",
    "GET /api/cases/{case_id}/assignments":                    "A    A    A    A    403  403  403  401",
    "GET /api/cases/{case_id}/notes":                          "A    A    A    A    403  403  403  401",
    "POST /api/cases/{case_id}/notes":                         "A    A    A    403  403  403  403  401",
    "GET /api/cases/{case_id}/history":                        "A    A    A    A    403  403  403  401",
    "GET /api/cases/{case_id}/relationships":                  "A    A    A    A    403  403  403  401",
    "POST /api/cases/{case_id}/relationships":                 "A    A    A    403  403  403  403  401",
    "DELETE /api/cases/{case_id}/relationships/{relationship_id}":
                                                               "A    A    A    403  403  403  403  401",
    "GET /api/cases/{case_id}/services":                       "A    A    A    A    403  403  403  401",
    "POST /api/cases/{case_id}/services":                      "A    A    A    403  403  403  403  401",
    "GET /api/cases/{case_id}/milestones":                     "A    A    A    A    403  403  403  401",
    "POST /api/cases/{case_id}/milestones":                    "A    A    A    403  403  403  403  401",
    "POST /api/cases/{case_id}/milestones/reorder":            "A    A    A    403  403  403  403  401",
    "POST /api/cases/notes/{note_id}/attachments":             "A    A    A    403  403  403  403  401",
    "POST /api/cases/{case_id}/documents":                     "A    A    A    403  403  403  403  401",
    "PUT /api/services/{service_id}":                          "A    A    A    403  403  403  403  401",
    "DELETE /api/services/{service_id}":                       "A    A    A    403  403  403  403  401",
    "PUT /api/milestones/{milestone_id}":                      "A    A    A    403  403  403  403  401",
    "DELETE /api/milestones/{milestone_id}":                   "A    A    A    403  403  403  403  401",
    "GET /api/cases/{case_id}/documents":                      "A    A    A    A    403  403  403  401",
    "GET /api/documents/{document_id}/download":               "A    A    A    A    403  403  403  401",
    "POST /api/documents/{document_id}/versions":              "A    A    A    403  403  403  403  401",
    "DELETE /api/documents/{document_id}":                     "A    A    A    403  403  403  403  401",
    "GET /api/notifications":                                  "A    A    A    A    A    A    A    401",
    "GET /api/notifications/deliveries":                       "A    A    A    A    403  403  403  401",
    "POST /api/notifications/read-all":                        "A    A    A    A    A    A    A    401",
    "POST /api/notifications/{notification_id}/read":          "A    A    A    A    A    A    A    401",
    "GET /api/naturecheck/farms":                              "A    403  403  403  A    A    403  401",
    "POST /api/naturecheck/farms":                             "A    403  403  403  403  A    403  401",
    "GET /api/naturecheck/farms/{farm_id}":                    "A    403  403  403  A    A    403  401",
    "PUT /api/naturecheck/farms/{farm_id}":                    "A    403  403  403  403  A    403  401",
    "DELETE /api/naturecheck/farms/{farm_id}":                 "A    403  403  403  403  A    403  401",
    "GET /api/naturecheck/consultants":                        "A    403  403  403  A    A    403  401",
    "GET /api/naturecheck/cases":                              "A    403  403  403  A    A    403  401",
    "POST /api/naturecheck/cases":                             "A    403  403  403  403  A    403  401",
    "GET /api/naturecheck/cases/{case_id}":                    "A    403  403  403  A    A    403  401",
    "PUT /api/naturecheck/cases/{case_id}":                    "A    403  403  403  403  A    403  401",
    "PUT /api/naturecheck/cases/{case_id}/status":             "A    403  403  403  A    A    403  401",
    "GET /api/reports/cases.csv":                              "A    A    A    A    403  403  403  401",
    "GET /api/reports/cases.xlsx":                             "A    A    A    A    403  403  403  401",
    "GET /api/citizens/next":                                  "A    403  403  403  403  403  A    401",
    "POST /api/citizens/106-case":                             "A    403  403  403  403  403  A    401",
    "GET /api/citizens/106-case/{case_id}":                    "A    403  403  403  403  403  A    401",
    "GET /api/citizens":                                       "A    403  403  403  403  403  403  401",
    "GET /api/citizens/{citizen_id}":                          "A    403  403  403  403  403  A    401",
    "PUT /api/citizens/{citizen_id}":                          "A    403  403  403  403  403  A    401",
    "GET /api/admin/citizens":                                 "A    403  403  403  403  403  403  401",
    # 409 citizens_exist: allowed, but a new list needs the current one exported and cleared first.
    "POST /api/admin/citizens":                                "409  403  403  403  403  403  403  401",
    "DELETE /api/admin/citizens":                              "A    403  403  403  403  403  403  401",
}
# fmt: on


def _operations() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="/api/")
    return [f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops]


def _expected(operation: str, caller: str) -> str:
    cells = MATRIX[operation].split()
    assert len(cells) == len(CALLERS), f"{operation}: {len(cells)} cells for {len(CALLERS)} callers"
    return cells[CALLERS.index(caller)]


def test_every_operation_of_the_api_has_a_row():
    missing = [op for op in _operations() if op not in MATRIX]
    assert not missing, f"add a row to MATRIX for each new operation: {missing}"


def test_every_row_names_an_operation_of_the_api():
    stale = sorted(set(MATRIX) - set(_operations()))
    assert not stale, f"rows for operations the API no longer has: {stale}"


def test_the_matrix_has_a_column_for_every_role_the_database_knows(db):
    assert sorted(Role.objects.values_list("code", flat=True)) == sorted(ROLES)


@pytest.mark.parametrize("caller", CALLERS)
def test_each_caller_gets_exactly_the_answers_of_the_matrix(world, caller):
    user = world.user(caller)
    headers = {"Authorization": f"Bearer {issue_token(user).token}"} if user else {}
    wrong = []
    for operation in _operations():
        if operation not in MATRIX:
            continue  # reported by test_every_operation_of_the_api_has_a_row
        method, path = operation.split(" ", 1)
        method = method.lower()
        expected = _expected(operation, caller)
        # Each call runs in a savepoint that is rolled back, so a delete does not change the next call's world.
        with transaction.atomic():
            response = send(Client(), headers, method, build_request(world, caller, method, path))
            transaction.set_rollback(True)
        got = response.status_code
        ok = 200 <= got < 300 if expected == "A" else got == int(expected)
        if not ok:
            wrong.append(f"{operation}: expected {expected}, got {got} {response.content[:160]!r}")
    assert not wrong, "\n".join(wrong)


# Object level: what a caller may see inside an operation they are allowed to call.


def test_a_consultant_lists_only_their_own_nature_check_cases(world, api_as):
    response = api_as(world.users["consultant"]).get("/naturecheck/cases")

    assert response.status_code == 200
    assert [c["id"] for c in response.json()["cases"]] == [str(world.nc_case.pk)]
    assert response.json()["total"] == 1


def test_a_consultant_cannot_open_or_move_another_consultants_case(world, api_as):
    api = api_as(world.users["consultant"])
    other = world.other_nc_case

    assert api.get(f"/naturecheck/cases/{other.pk}").status_code == 404
    moved = api.put(f"/naturecheck/cases/{other.pk}/status", {"status": "InProgress", "row_version": 1})
    assert moved.status_code == 404
    other.refresh_from_db()
    assert other.status == "Assigned"


def test_a_consultant_reads_no_other_consultants_case_through_the_farms(world, api_as):
    api = api_as(world.users["consultant"])
    other = world.other_nc_case

    detail = api.get(f"/naturecheck/farms/{other.farm_id}").json()
    listed = api.get("/naturecheck/farms", limit=100).json()["farms"]

    assert detail["cases"] == [] and detail["active_case"] is None
    assert str(other.pk) not in str(listed)


def test_an_operator_cannot_read_or_change_a_citizen_they_never_handled(world, api_as):
    api = api_as(world.users["operator"])
    held_by_admin = world.citizens["admin"]

    assert api.get(f"/citizens/{held_by_admin.pk}").status_code == 404
    assert api.put(f"/citizens/{held_by_admin.pk}", {"is_answered_the_call": True}).status_code == 404
    opened = api.post("/citizens/106-case", {"id": held_by_admin.pk, "caseNumber": "123456"})
    assert opened.status_code == 404
    held_by_admin.refresh_from_db()
    assert held_by_admin.locked_by == world.users["admin"]


def test_an_employee_lists_every_nature_check_case(world, api_as):
    response = api_as(world.users["employee"]).get("/naturecheck/cases")

    assert response.json()["total"] == 2


def test_a_consultant_sees_only_their_own_notifications_and_cannot_mark_anothers(world, api_as):
    api = api_as(world.users["consultant"])

    listed = api.get("/notifications").json()["notifications"]
    assert [n["id"] for n in listed] == [str(world.notifications["consultant"].pk)]
    assert api.post(f"/notifications/{world.notifications['employee'].pk}/read").status_code == 404
