"""The error codes of contacts."""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import Conflict, ErrorCode, NotFound

CONTACT_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Contact not found"), field="contact_id")
CONTACT_HAS_CASES = ErrorCode(
    Conflict, "contact_has_cases", _("The contact has cases; close or move them first")
)
