"""Domain errors shown in the UI: their English messages translated, and their `field` put on a form field.

Services raise `DomainError(message, field=...)` in English for the API; the UI recognises the messages it
knows and shows them in the user's language, falling back to the service's own text.
"""

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from casework.core.errors import ConcurrentModification, DomainError
from casework.core.labels import label

Translator = Callable[[re.Match[str]], str]

PATTERNS: list[tuple[re.Pattern[str], Translator]] = [
    (re.compile(r"^.+ is required$"), lambda m: _("This field is required.")),
    (re.compile(r"^Must not be empty$"), lambda m: _("This field is required.")),
    (re.compile(r"^Must be at least (\S+)$"), lambda m: _("Must be at least %(n)s.") % {"n": m[1]}),
    (re.compile(r"^Must be at most (\S+)$"), lambda m: _("Must be at most %(n)s.") % {"n": m[1]}),
    (re.compile(r"^At most (\d+) characters$"), lambda m: _("At most %(n)s characters.") % {"n": m[1]}),
    (re.compile(r"^Must be a whole number$"), lambda m: _("Enter a whole number.")),
    (re.compile(r"^Must be a number$"), lambda m: _("Enter a number.")),
    (re.compile(r"^Must be a date"), lambda m: _("Enter a valid date.")),
    (re.compile(r"^Must be (one of|a list drawn from):"), lambda m: _("Choose from the listed options.")),
    (
        re.compile(r"^A case cannot move from (.+) to (.+)$"),
        lambda m: (
            _("A case cannot move from %(from)s to %(to)s.")
            % {"from": label("status", m[1]), "to": label("status", m[2])}
        ),
    ),
    (
        re.compile(r"^Moving to (.+) requires a reason$"),
        lambda m: _("Moving to %(status)s requires a reason.") % {"status": label("status", m[1])},
    ),
    (re.compile(r"^No contact with this id$"), lambda m: _("Choose a contact.")),
    (re.compile(r"^No active case type with this id$"), lambda m: _("Choose a case type.")),
    (re.compile(r"^No active (user|team) with this id$"), lambda m: _("Choose an active user or team.")),
    (
        re.compile(r"^(.+) is not a member of (.+)$"),
        lambda m: _("%(user)s is not a member of %(team)s.") % {"user": m[1], "team": m[2]},
    ),
    (re.compile(r"^A note needs content$"), lambda m: _("Write the note.")),
    (
        re.compile(r"^Files of this type are not accepted$"),
        lambda m: _("Files of this type are not accepted."),
    ),
    (
        re.compile(r"^The file's content is not a .+ file, as its name says$"),
        lambda m: _("The file's content does not match its name."),
    ),
    (
        re.compile(r"^The file is larger than the (\d+) bytes allowed$"),
        lambda m: _("The file is larger than the %(n)s bytes allowed.") % {"n": m[1]},
    ),
    (re.compile(r"^The file is empty$"), lambda m: _("The file is empty.")),
    (
        re.compile(r"^The outcome (.+) is disabled$"),
        lambda m: _("The outcome %(outcome)s is no longer in use.") % {"outcome": label("outcome", m[1])},
    ),
    (re.compile(r"^No outcome with this id$"), lambda m: _("Choose an outcome from the list.")),
    (
        re.compile(r"^You may not file a document at an access level you could not see$"),
        lambda m: _("You may not file a document at an access level you could not see."),
    ),
]


def _by_code() -> dict[str, str]:
    """Errors the services raise with a stable code of their own, translated by that code (the message is then
    free to change); built per call so that each is in the request's language."""
    return {
        "end_before_start": _("The end time must be after the start time."),
        "duration_exceeds_span": _("The duration is longer than the time from start to end."),
        "negative_cost": _("A cost is zero or more."),
        "self_link": _("A case cannot be linked to itself."),
        "unknown_case": _("Choose a case."),
        "relationship_exists": _("These cases are already linked this way."),
        "relationship_contradicts": _("These cases are already linked the other way round."),
    }


def translated(error: DomainError) -> str:
    """The error's message in the active language (the service's English text when it is not known)."""
    if isinstance(error, ConcurrentModification):
        return _(
            "Someone else changed this case while you were editing it. "
            "Reload the page to see their changes, then make yours again."
        )
    by_code = _by_code().get(error.code)
    if by_code is not None:
        return by_code
    for pattern, translate in PATTERNS:
        match = pattern.match(error.message)
        if match:
            return translate(match)
    return error.message


def add_to_form(form: forms.BaseForm, error: DomainError, fields: dict[str, str] | None = None) -> None:
    """Show a service's error next to the form field it names (`fields` maps service names to form names);
    an error about no field of the form is shown above the form."""
    name: Any = (fields or {}).get(error.field or "", error.field)
    if name not in form.fields:
        name = None
    form.add_error(name, translated(error))
