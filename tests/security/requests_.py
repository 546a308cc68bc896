"""A valid request for every API operation, naming the objects of a `World`.

`build_request(world, caller, method, path)` gives the URL (path ids filled with real objects) and a minimal
valid body, so an allowed caller gets a 2xx and a refused one gets exactly the refusal.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from casework.accounts.mfa.services import issue_challenge, start_totp_enrolment
from tests.accounts.factories import PASSWORD, totp_code, totp_device
from tests.cases.factories import status
from tests.security.world import ANONYMOUS, World

BOUNDARY = "casework-security-boundary"


@dataclass
class Req:
    url: str
    json: Any = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    form: dict[str, str] | None = None


def _ids(world: World, caller: str, method: str, path: str) -> dict[str, str]:
    """The value of each path parameter of `path`."""
    case_id = world.case.pk
    if path.startswith("/api/naturecheck/"):
        case_id = world.nc_case.pk
    elif path.startswith("/api/citizens/106-case/"):
        case_id = world.callcenter_case.pk
    notification_owner = caller if caller != ANONYMOUS else "admin"
    contact_id = world.contact.pk
    farm_id = world.farm.pk
    if (
        method == "delete"
    ):  # delete what may be deleted: a contact without cases, a farm without an active case
        contact_id, farm_id = world.lonely_contact.pk, world.empty_farm.pk
    return {
        "team_id": world.team.pk,
        "contact_id": contact_id,
        "outcome_id": world.outcome.pk,
        "case_id": case_id,
        "interaction_id": world.note.pk,
        "note_id": world.note.pk,
        "relationship_id": world.relationship.pk,
        "service_id": world.service.pk,
        "milestone_id": world.milestone.pk,
        "document_id": world.document.pk,
        "notification_id": world.notifications[notification_owner].pk,
        "farm_id": farm_id,
        "citizen_id": world.citizens[caller].pk,
        "user_id": world.users["viewer"].pk,
    }


def fill(world: World, caller: str, method: str, path: str) -> str:
    ids = _ids(world, caller, method, path)
    return re.sub(r"\{([^}]+)\}", lambda m: str(ids[m.group(1)]), path)


CITIZENS_CSV = (
    b"FID,StreetName,BuildingNumber,FlatNumber,FirstName,LastName,FamilyNumber,Phone1,Phone2,Phone3,IsLonely\r\n"
    b"9001,Herzl,12,3,Noa,Cohen,4,050-1234567,,,True\r\n"
)


def _body(world: World, caller: str, method: str, path: str) -> Req | None:
    """The request for operations that need a body; None for those that need none."""
    url = fill(world, caller, method, path)
    today = timezone.localdate().isoformat()
    bodies: dict[tuple[str, str], Any] = {
        ("post", "/api/auth/login"): {"email": "viewer@example.org", "password": PASSWORD},
        ("post", "/api/teams"): {"name": f"Team of {caller}"},
        ("put", "/api/teams/{team_id}"): {"description": "Renamed"},
        ("post", "/api/contacts"): {"first_name": "New", "last_name": "Person"},
        ("put", "/api/contacts/{contact_id}"): {"city": "Aarhus", "row_version": world.contact.row_version},
        ("post", "/api/admin/outcomes"): {"key": "housed", "name": "Housed"},
        ("post", "/api/admin/outcomes/reorder"): {"orderedIds": [str(world.outcome.pk)]},
        ("patch", "/api/admin/outcomes/{outcome_id}"): {"name": "Renamed outcome"},
        ("put", "/api/cases/{case_id}/interactions/{interaction_id}/outcomes"): {
            "impacts": [{"outcomeDefinitionId": str(world.outcome.pk)}]
        },
        ("post", "/api/cases/notes"): {"case_id": str(world.case.pk), "content": "Phoned back."},
        ("post", "/api/cases/{case_id}/notes"): {"content": "Phoned back."},
        ("post", "/api/cases"): {
            "contact_id": str(world.contact.pk),
            "case_type_id": str(world.case.case_type_id),
            "title": "New case",
        },
        ("put", "/api/cases/{case_id}"): {"title": "Renamed", "row_version": world.case.row_version},
        ("put", "/api/cases/{case_id}/status"): {
            "new_status_id": str(status("Under Review").pk),
            "row_version": world.case.row_version,
        },
        ("put", "/api/cases/{case_id}/assignment"): {
            "assigned_to": str(world.users["manager"].pk),
            "row_version": world.case.row_version,
        },
        ("post", "/api/cases/{case_id}/relationships"): {
            "related_case_id": str(world.other_case.pk),
            "relationship_type": "blocks",
        },
        ("post", "/api/cases/{case_id}/services"): {"service_name": "Advice", "service_date": today},
        ("post", "/api/cases/{case_id}/milestones"): {"milestone_name": "Next step"},
        ("put", "/api/services/{service_id}"): {
            "notes": "Went well",
            "row_version": world.service.row_version,
        },
        ("put", "/api/milestones/{milestone_id}"): {
            "description": "Signed",
            "row_version": world.milestone.row_version,
        },
        ("post", "/api/cases/{case_id}/milestones/reorder"): {"orderedIds": [str(world.milestone.pk)]},
        ("post", "/api/naturecheck/farms"): {
            "name": "Ny Gård",
            "cvr": "87654321",
            "address": {"street": "Mejerivej 2", "postal_code": "8000", "city": "Aarhus"},
            "owner": {"first_name": "Jens", "last_name": "Jensen", "email": "jens@landbrug.example"},
        },
        ("put", "/api/naturecheck/farms/{farm_id}"): {"name": "Omdøbt Gård"},
        ("post", "/api/naturecheck/cases"): {
            "farm_id": str(world.empty_farm.pk),
            "consultant_id": str(world.users["consultant"].pk),
        },
        ("put", "/api/naturecheck/cases/{case_id}"): {
            "priority": "high",
            "row_version": world.nc_case.row_version,
        },
        ("put", "/api/naturecheck/cases/{case_id}/status"): {
            "status": "InProgress",
            "row_version": world.nc_case.row_version,
        },
        ("post", "/api/citizens/106-case"): {
            "citizenRecordId": world.citizens[caller].pk,
            "caseNumber": "123456",
        },
        ("put", "/api/citizens/{citizen_id}"): {"is_answered_the_call": False},
    }
    if (method, path) in bodies:
        return Req(url, json=bodies[(method, path)])
    if (method, path) == ("post", "/api/auth/login/mfa"):  # the viewer, with an authenticator app set up
        device = totp_device(world.users["viewer"])
        challenge = issue_challenge(world.users["viewer"]).token
        return Req(url, json={"challenge": challenge, "code": totp_code(device)})
    if (method, path) == ("post", "/api/auth/mfa/totp/confirm"):  # the caller, setting one up
        user = world.user(caller)
        code = totp_code(start_totp_enrolment(user)) if user else "123456"
        return Req(url, json={"code": code})
    if (method, path) == ("post", "/api/cases/{case_id}/documents"):
        return Req(url, files={"file": ("letter.txt", b"Dear client,\n", "text/plain")}, form={})
    if (method, path) == ("post", "/api/cases/notes/{note_id}/attachments"):
        return Req(url, files={"file": ("receipt.txt", b"Paid 12.50\n", "text/plain")}, form={})
    if (method, path) == ("post", "/api/documents/{document_id}/versions"):
        return Req(url, files={"file": ("letter-v2.txt", b"Dear client, v2\n", "text/plain")}, form={})
    if (method, path) == ("post", "/api/admin/citizens"):
        return Req(url, files={"file": ("list.csv", CITIZENS_CSV, "text/csv")}, form={})
    return None


QUERIES: dict[tuple[str, str], str] = {
    ("get", "/api/reports/outcomes"): "?from=2020-01-01&to=2030-12-31",
    ("get", "/api/notifications/deliveries"): "?case_id={case_id}",
    ("delete", "/api/admin/citizens"): "?confirm=true",
}


def build_request(world: World, caller: str, method: str, path: str) -> Req:
    req = _body(world, caller, method, path) or Req(fill(world, caller, method, path))
    req.url += fill(world, caller, method, QUERIES.get((method, path), ""))
    return req


def send(client: Any, headers: dict[str, str], method: str, req: Req) -> Any:
    """Send `req` with Django's test client."""
    if req.files is not None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        data: dict[str, Any] = dict(req.form or {})
        for name, (filename, content, content_type) in req.files.items():
            data[name] = SimpleUploadedFile(filename, content, content_type)
        return client.post(req.url, data, headers=headers)
    if req.json is not None:
        return getattr(client, method)(req.url, req.json, content_type="application/json", headers=headers)
    return getattr(client, method)(req.url, headers=headers)
