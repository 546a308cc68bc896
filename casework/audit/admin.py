import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.audit.models import AuditEvent, PersonalDataRead
from casework.audit.services import record_event
from casework.core.spreadsheets import csv_lines, neutralise


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
