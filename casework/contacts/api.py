from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from casework.accounts.auth import current_user
from casework.audit.services import record_read
from casework.contacts import services
from casework.contacts.access import get_contact_for_user
from casework.contacts.matching import possible_matches
from casework.contacts.models import Contact
from casework.contacts.schemas import ContactIn, ContactListOut, ContactOut, ContactUpdateIn
from casework.core.api import ErrorOut
from casework.core.pagination import paginate
from casework.core.permissions import require
from casework.core.schemas import IsoDate

router = Router(tags=["contacts"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ContactFilters(Schema):
    search: str | None = Field(
        None, max_length=200, description="Words matched against name, email and phone"
    )
    page: int = Field(1, ge=1, le=1_000_000)
    limit: int = Field(20, ge=1, le=100)


@router.get("", response={200: ContactListOut, **ERRORS})
def list_contacts(request: HttpRequest, filters: Query[ContactFilters]):
    """Contacts sorted by name, optionally searched. Each page read is recorded (reader, query, contacts)."""
    user = current_user(request)
    require(user, "contacts.view")
    page = paginate(Contact.objects.search(filters.search), page=filters.page, limit=filters.limit)
    record_read(
        actor=user, kind="contact", ids=[c.pk for c in page.items], query=filters.dict(), path=request.path
    )
    return {"contacts": page.items, "total": page.total, "pagination": page.pagination()}


@router.post("", response={201: ContactOut, **ERRORS})
def create_contact(request: HttpRequest, payload: ContactIn):
    user = current_user(request)
    require(user, "contacts.create")
    return Status(201, services.create_contact(actor=user, **payload.dict()))


# --- possible duplicates at intake (declared before "/{contact_id}", which would take "matches" for an id) ------------------------------------------------------------------------------


class MatchQuery(Schema):
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    email: str = Field("", max_length=254, description="Compared without case and surrounding spaces")
    phone: str = Field(
        "", max_length=40, description="Compared by its last 8 digits, so a country prefix is ignored"
    )
    date_of_birth: IsoDate | None = None


class ContactMatchOut(Schema):
    contact: ContactOut
    reasons: list[Literal["email", "phone", "name_and_birth_date", "similar_name"]] = Field(
        ..., description="Why it may be the same person"
    )


@router.get("/matches", response={200: list[ContactMatchOut], **ERRORS})
def contact_matches(request: HttpRequest, query: Query[MatchQuery]):
    """Contacts that may be the person about to be registered: the same email or phone (normalised), the same
    name and date of birth, or a close spelling of the name; strongest first, at most 10. Registering anyway stays
    possible (`POST /contacts`); its audit event lists the possible duplicates. The read is recorded."""
    user = current_user(request)
    require(user, "contacts.view")
    matches = possible_matches(**query.dict())
    record_read(
        actor=user, kind="contact", ids=[m.contact.pk for m in matches], query=query.dict(), path=request.path
    )
    return [{"contact": match.contact, "reasons": match.reasons} for match in matches]


@router.get("/{contact_id}", response={200: ContactOut, **ERRORS})
def get_contact(request: HttpRequest, contact_id: UUID):
    """A contact; the read is recorded."""
    user = current_user(request)
    contact = get_contact_for_user(user, contact_id)
    record_read(actor=user, kind="contact", ids=[contact.pk], path=request.path)
    return contact


@router.put("/{contact_id}", response={200: ContactOut, **ERRORS})
def update_contact(request: HttpRequest, contact_id: UUID, payload: ContactUpdateIn):
    """Change the fields sent; send the `row_version` you read to be protected from lost updates."""
    user = current_user(request)
    get_contact_for_user(user, contact_id, write=True)
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("row_version", None)
    return services.update_contact(contact_id, actor=user, changes=changes, expected_version=expected)


@router.delete("/{contact_id}", response={204: None, **ERRORS})
def delete_contact(request: HttpRequest, contact_id: UUID):
    """Delete a contact that has no cases (409 otherwise)."""
    user = current_user(request)
    require(user, "contacts.delete")
    get_contact_for_user(user, contact_id)
    services.delete_contact(contact_id, actor=user)
    return Status(204, None)
