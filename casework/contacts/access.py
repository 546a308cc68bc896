from typing import Any
from uuid import UUID

from casework.contacts import errors
from casework.contacts.models import Contact
from casework.core.permissions import require


def get_contact_for_user(user: Any, contact_id: UUID, *, write: bool = False) -> Contact:
    require(user, "contacts.change" if write else "contacts.view")
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise errors.CONTACT_NOT_FOUND()
    return contact
