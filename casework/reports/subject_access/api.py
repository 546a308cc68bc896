"""Data protection endpoints for one contact: subject access export (a zip) and erasure (pseudonymisation).

Admin only: `privacy.export` and `privacy.erase` are outside the `contacts.*` a manager holds.
"""

from uuid import UUID

from django.http import FileResponse, HttpRequest
from ninja import Router

from casework.accounts.auth import current_user
from casework.contacts import services as contact_services
from casework.contacts.access import get_contact_for_user
from casework.contacts.schemas import ContactOut
from casework.core.api import ErrorOut
from casework.core.permissions import require
from casework.reports.subject_access.services import subject_access_export

router = Router(tags=["data protection"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
ZIP_RESPONSE = {
    "responses": {
        200: {
            "description": "A zip archive, an attachment",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/contacts/{contact_id}/export", response={200: None, **ERRORS}, openapi_extra=ZIP_RESPONSE)
def export_contact(request: HttpRequest, contact_id: UUID):
    """Everything held about the contact as a zip: the contact, their cases with non-internal notes, and
    their documents (metadata and files), streamed. Audit-logged."""
    user = current_user(request)
    require(user, "privacy.export")
    contact = get_contact_for_user(user, contact_id)
    return FileResponse(
        subject_access_export(contact, actor=user),
        as_attachment=True,
        filename=f"contact-{contact.pk}.zip",
        content_type="application/zip",
    )


@router.post("/contacts/{contact_id}/erase", response={200: ContactOut, **ERRORS})
def erase_contact(request: HttpRequest, contact_id: UUID):
    """Pseudonymise the contact's personal fields; their cases and outcomes stay, so statistics are unchanged.
    Audit-logged."""
    user = current_user(request)
    require(user, "privacy.erase")
    get_contact_for_user(user, contact_id)
    return contact_services.erase_contact(contact_id, actor=user)
