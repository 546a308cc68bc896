"""The error codes of notifications."""

from django.utils.translation import gettext_lazy as _

from casework.core.errors import ErrorCode, NotFound

NOTIFICATION_NOT_FOUND = ErrorCode(NotFound, "not_found", _("Notification not found"))
