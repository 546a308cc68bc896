"""The case list's filters, defined once for every front door.

`CaseFilter` names each filter, its type, its validation and its description; `CaseQuerySet.filtered` and
`search` give it its meaning. The API's `GET /api/cases` and the CSV/XLSX exports take it as query parameters
(`CaseFilters`, `CaseListFilters` add the sort, the page and the cursor); the web's filter form renders widgets and
labels in the user's language and hands its cleaned values to a `CaseFilter`. Either door then reads
`CaseFilter.cases()`, and the list's total through `CaseFilter.known_total()`.

Why a ninja `Schema` of our own rather than django-ninja's `FilterSchema` or django-filter: a `FilterSchema` turns
each field into one lookup, and half of these filters are not one lookup (`unassigned` is a pair, `due` counts
from today, `search` reads the search index), while the list must also know which filters are given to read its
total from the tally; django-filter's `FilterSet` is a form of its own with no ninja integration, a second form
beside the web's and a dependency for nothing either door lacks. A plain schema is the API's query contract as it
was (same names, defaults and 422s naming the field), and a value the web form passes is checked by the same rules.
"""

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from casework.cases import tallies
from casework.cases.models import Case
from casework.cases.querysets import CaseQuerySet, search_total
from casework.cases.schemas import PriorityName, SortName, StatusTypeName
from casework.core.schemas import IsoDate

StateName = Literal["open", "finished"]
DueName = Literal["overdue", "week", "none"]
MAX_SEARCH_LENGTH = 200


class CaseFilter(Schema):
    """Which cases a list shows: each given filter (not None) narrows it, all of them together."""

    contact_id: UUID | None = None
    case_type_id: UUID | None = None
    status_id: UUID | None = None
    status_type: StatusTypeName | None = None
    priority: PriorityName | None = None
    assigned_to: UUID | None = None
    assigned_team_id: UUID | None = None
    unassigned: bool | None = Field(None, description="true: only cases with neither a user nor a team")
    due_before: IsoDate | None = None
    is_urgent: bool | None = None
    search: str | None = Field(
        None,
        max_length=MAX_SEARCH_LENGTH,
        description="Words that must all start a word of the case number, title, description or contact name",
    )
    state: StateName | None = Field(
        None, description="open: in intake, active or review; finished: closed or cancelled"
    )
    due: DueName | None = Field(
        None,
        description="overdue: open and due before today; week: due from today to this week's Sunday; "
        "none: no due date",
    )

    def filters(self) -> dict[str, Any]:
        """The filters but the search, by the names `CaseQuerySet.filtered` and the tally take."""
        return {name: getattr(self, name) for name in CaseFilter.model_fields if name != "search"}

    def cases(self, *, today: dt.date | None = None) -> CaseQuerySet:
        """The matching cases, unordered; `today` (default: the local date) is the day `due` counts from."""
        return Case.objects.filtered(**self.filters(), today=today).search(self.search)

    def known_total(self) -> int | None:
        """How many cases match, where an index knows it without counting rows: the tally for tally filters, the
        search index for a search alone; None otherwise (the caller counts its query)."""
        filters = self.filters()
        if self.search and self.search.strip():
            return search_total(self.search) if all(value is None for value in filters.values()) else None
        return tallies.count_cases(**filters)


class CaseFilters(CaseFilter):
    """The filters with a sort and a page: the exports' parameters (which export every match)."""

    sort: SortName = "-created_at"
    page: int = Field(1, ge=1, le=1_000_000)
    limit: int = Field(20, ge=1, le=100)


class CaseListFilters(CaseFilters):
    """The list's parameters: the filters (shared with the exports) and a keyset cursor."""

    cursor: str | None = Field(
        None,
        max_length=1000,
        description="The `next_cursor` of the previous page: the next rows in the same sort order, however "
        "deep (keyset pagination); `page` is then ignored",
    )
