"""The banner for an edit made on a version someone changed meanwhile (optimistic concurrency, a stale
`row_version`): who changed it (the reader, in another tab or window, or another user, by name), each changed
field's submitted and current value side by side, and the reader's input kept in a form aimed at the current
version, so submitting it again re-applies it.

One piece for every edit form that shows it: `stale_edit` builds the banner, `web/partials/stale_edit.html`
shows it (`{% include ... with stale=stale form_id=... discard_url=... %}`), `aimed_at` re-aims the input.
"""

from collections.abc import Iterable
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What was edited → (the reader changed it elsewhere, someone else changed it).
SENTENCES = {
    "case": (
        gettext_lazy("You changed this case in another tab or window while you edited it here."),
        gettext_lazy("Another user (%(names)s) changed this case while you edited it."),
    ),
    "farm": (
        gettext_lazy("You changed this farm in another tab or window while you edited it here."),
        gettext_lazy("Another user (%(names)s) changed this farm while you edited it."),
    ),
}


def stale_edit(
    *,
    reader: Any,
    subject: str,
    authors: Iterable[Any],
    rows: Iterable[tuple[Any, str, str]],
) -> dict[str, Any]:
    """The banner's content. `authors` wrote the versions after the one the reader edited (a user, or None
    when unknown); `rows` are (label, the reader's value, the current value) for each field changed meanwhile.

    It says "you, in another tab" only when every later version is the reader's own."""
    authors = list(authors)
    others = [a for a in authors if a is None or a.pk != reader.pk]
    names = ", ".join(sorted({(a.full_name or a.email) if a is not None else _("unknown") for a in others}))
    same_user = bool(authors) and not others
    yours, theirs = SENTENCES[subject]
    return {
        "same_user": same_user,
        "names": names,
        "message": str(yours) if same_user else str(theirs) % {"names": names or _("unknown")},
        "rows": [{"label": label, "yours": mine, "current": now} for label, mine, now in rows],
    }


def aimed_at(data: QueryDict, row_version: int) -> QueryDict:
    """The submitted input as it was, with the current `row_version`: bound to a form, it re-applies."""
    bound = data.copy()
    bound["row_version"] = str(row_version)
    return bound
