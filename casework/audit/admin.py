import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.audit.models import AuditEvent, PersonalDataRead
from casework.audit.services import record_event, record_read
from casework.core.spreadsheets import csv_lines, neutralise


# The read audit in the configuration screens, for the admins of the models that hold people (contacts, citizens,
# farmers): each page of the list (with its search and filters) and each opened record leave one
# `PersonalDataRead`, as the API's and the web's reads do: one INSERT per page, naming the records shown.
class RecordsPersonalDataReads:
    """Put before `admin.ModelAdmin` in the bases; `read_audit_kind` names the kind of record (`contact` ...)."""

    read_audit_kind: str = ""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if response.status_code == 200 and changelist is not None:
            # The page's rows: evaluated here, and the same list is what the template then shows (no 2nd query).
            ids = [obj.pk for obj in changelist.result_list]
            record_read(
                actor=request.user,
                kind=self.read_audit_kind,
                ids=ids,
                query={key: request.GET.get(key) for key in sorted(request.GET)},
                path=request.path,
            )
        return response

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        shown = (getattr(response, "context_data", None) or {}).get("original")
        if response.status_code == 200 and shown is not None and shown.pk is not None:
            record_read(actor=request.user, kind=self.read_audit_kind, ids=[shown.pk], path=request.path)
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """The audit trail is append-only: not even an administrator adds, changes or deletes from it (issue 8)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "verb", "target_type", "target_repr", "actor", "ip"]
    list_filter = ["verb", "target_type"]
    search_fields = ["target_id", "target_repr"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]


READ_COLUMNS = ("created_at", "actor", "ip", "kind", "scope", "record_ids", "query", "path")


def _read_row(read: PersonalDataRead) -> list[str]:
    actor = read.actor.email if read.actor else ""
    cells = [
        read.created_at.isoformat(),
        actor,
        read.ip or "",
        read.kind,
        read.scope,
        read.record_ids,
        json.dumps(read.query, ensure_ascii=False, sort_keys=True),
        read.path,
    ]
    return [neutralise(cell) for cell in cells]


@admin.action(description="Export the selected reads as CSV")
def export_reads_csv(modeladmin: Any, request: HttpRequest, queryset: Any) -> StreamingHttpResponse:
    """Every selected read (or, with "select all", every read the filters match) as CSV, streamed, its cells
    neutralised against spreadsheet formulas. The export itself is audited like every export of personal data."""
    admin_user: Any = request.user
    # The export has no row of its own to name, so the event is filed under the exporting admin.
    record_event(actor=admin_user, verb="audit.reads_exported", target=admin_user, data={})
    rows = (
        _read_row(read) for read in queryset.select_related("actor").order_by("-created_at", "-id").iterator()
    )
    lines = (line.encode() for line in csv_lines([list(READ_COLUMNS)]))
    body = (line.encode() for line in csv_lines(rows))
    name = f"personal-data-reads-{timezone.now():%Y-%m-%d-%H-%M-%S}.csv"
    return StreamingHttpResponse(
        (chunk for part in (lines, body) for chunk in part),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@admin.register(PersonalDataRead)
class PersonalDataReadAdmin(ReadOnlyAdmin):
    """Who read which personal data: readable by admins, filterable by kind, scope and reader, exportable."""

    list_display = ["created_at", "actor", "kind", "scope", "record_count", "ip", "path"]
    list_filter = ["kind", "scope", "created_at"]
    search_fields = ["record_ids", "actor__email", "path"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    readonly_fields = [f.name for f in PersonalDataRead._meta.fields]
    actions = [export_reads_csv]
    show_full_result_count = False

    @admin.display(description=_("Records"))
    def record_count(self, read: PersonalDataRead) -> int:
        return len(read.record_ids.split())
