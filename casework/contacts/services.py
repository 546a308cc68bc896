"""Use cases of contacts."""

from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError

from casework.audit.services import record_event, redact_target_repr
from casework.contacts import errors
from casework.contacts.matching import possible_matches
from casework.contacts.models import Contact
from casework.core.concurrency import apply_changes, lock_for_write


@transaction.atomic
def create_contact(*, actor: Any, **fields: Any) -> Contact:
    """Register a new client. Registering one who may already be a contact stays possible; the audit event then
    lists the possible duplicates it was created beside, so a later clean-up can find them."""
    fields["email"] = (fields.get("email") or "").lower()
    duplicates = [
        str(match.contact.pk)
        for match in possible_matches(
            first_name=fields.get("first_name", ""),
            last_name=fields.get("last_name", ""),
            email=fields.get("email"),
            phone=fields.get("phone"),
            date_of_birth=fields.get("date_of_birth"),
        )
    ]
    contact = Contact.objects.create(created_by=actor, **fields)
    record_event(
        actor=actor,
        verb="contact.created",
        target=contact,
        data={"possible_duplicates": duplicates} if duplicates else None,
    )
    return contact


@transaction.atomic
def update_contact(
    contact_id: UUID, *, actor: Any, changes: dict[str, Any], expected_version: int | None
) -> Contact:
    """Change a contact's details; a stale `expected_version` is refused (409)."""
    contact = lock_for_write(Contact.objects.all(), contact_id, expected_version=expected_version)
    if "email" in changes:
        changes["email"] = (changes["email"] or "").lower()
    changed = apply_changes(contact, changes)
    if changed:
        contact.row_version = F("row_version") + 1
        contact.save(update_fields=[*changed, "row_version", "updated_at"])
        contact.refresh_from_db(fields=["row_version"])
        record_event(actor=actor, verb="contact.updated", target=contact, data={"fields": sorted(changed)})
    return contact


@transaction.atomic
def delete_contact(contact_id: UUID, *, actor: Any) -> None:
    """Delete a contact that has no cases; one with cases is kept (409) so no case loses its client."""
    contact = lock_for_write(Contact.objects.all(), contact_id)
    if contact.cases.exists():
        raise errors.CONTACT_HAS_CASES()
    record_event(actor=actor, verb="contact.deleted", target=contact)
    try:
        with transaction.atomic():
            contact.delete()
    except (ProtectedError, IntegrityError) as exc:
        # A case was opened for this contact between the check above and the delete.
        raise errors.CONTACT_HAS_CASES() from exc


ERASED = "[erased]"


@transaction.atomic
def erase_contact(contact_id: UUID, *, actor: Any) -> Contact:
    """Erasure on request (GDPR art. 17): replace every personal field of the contact with a pseudonym and blank
    the rest. The contact row, its cases and their outcomes stay, so counts and statistics are unchanged; the
    contact's name is also removed from the audit trail's labels. Recorded as `contact.erased`."""
    contact = lock_for_write(Contact.objects.all(), contact_id)
    pseudonym = f"Erased {str(contact.pk)[:8]}"
    contact.first_name, contact.last_name = pseudonym, ERASED
    contact.email = contact.phone = contact.street = contact.city = contact.postal_code = contact.notes = ""
    contact.country = ""
    contact.date_of_birth = None
    contact.row_version = F("row_version") + 1
    contact.save()
    contact.refresh_from_db()
    redact_target_repr(contact, label=str(contact))
    record_event(actor=actor, verb="contact.erased", target=contact)
    return contact
