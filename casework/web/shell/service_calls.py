"""One service call made for a form: its value, or its refusal shown where the user looks.

Every write view does the same: call one service; a conflict (a stale version, by default) is shown above the
page with its own status; any other domain error goes next to the form field it names (or above the form) and
the form is shown again. `call_service` is that, once; the view still decides what each outcome answers.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.forms import BaseForm

from casework.core.errors import ConcurrentModification, DomainError
from casework.web.shell import messages as shell_messages

T = TypeVar("T")

# Where the form shows an error about a service field: service name → form field name (None: above the form),
# or a function of the error's field (for fields that carry an index, `impacts.2.intensity`).
FieldNames = Mapping[str, str | None] | Callable[[str | None], str | None]


@dataclass(frozen=True)
class ServiceCall(Generic[T]):
    """What became of the call: `value` when it succeeded, else the `error` (a `conflict` has its text)."""

    value: T | None = None
    error: DomainError | None = None
    conflict: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def call_service(
    form: BaseForm | None,
    call: Callable[[], T],
    *,
    fields: FieldNames | None = None,
    conflicts: tuple[type[DomainError], ...] = (ConcurrentModification,),
    passes: tuple[type[DomainError], ...] = (),
) -> ServiceCall[T]:
    """Run `call`. A `conflicts` error comes back as `conflict`; an error of `passes` is raised on (to the
    view, or to `staff_page`'s 404 and 403 pages); any other domain error is put on `form` (when there is one)
    in the reader's language, and its text is `message`."""
    try:
        return ServiceCall(value=call())
    except passes:
        raise
    except conflicts as exc:
        text = shell_messages.translated(exc)
        return ServiceCall(error=exc, conflict=text, message=text)
    except DomainError as exc:
        if form is not None:
            shell_messages.add_to_form(form, exc, _named(fields, exc))
        return ServiceCall(error=exc, message=shell_messages.translated(exc))


def _named(fields: FieldNames | None, error: DomainError) -> dict[str, str] | None:
    """`fields` as `add_to_form` takes them: a function is asked about this error's field; no form field is
    named "", so "" puts the error above the form."""
    if fields is None:
        return None
    if callable(fields):
        return {error.field or "": fields(error.field) or ""}
    return {service: name or "" for service, name in fields.items()}
