"""Outcomes in the UI: tagging a timeline note with outcomes, and the outcomes report with its CSV export."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.cases.access import get_case_for_user
from casework.cases.models import CaseNote
from casework.core.spreadsheets import csv_lines
from casework.outcomes.access import get_interaction_for_user
from casework.outcomes.services import save_interaction_outcomes
from casework.reports.outcomes_export import export_outcomes_report, report_for
from casework.web.outcomes import reads
from casework.web.outcomes.forms import OutcomesReportForm
from casework.web.outcomes.reads import TAG, outcomes_form
from casework.web.shell.pages import is_htmx, staff_page
from casework.web.shell.service_calls import call_service

REPORTS = "reports.view"


@require_POST
@staff_page(TAG)
def tag_note(request: HttpRequest, case_id: UUID, note_id: UUID) -> HttpResponse:
    """Save a note's outcome tags (replace mode); answers with the note's outcomes block."""
    case = get_case_for_user(request.user, case_id, permission=TAG)
    get_interaction_for_user(request.user, case.pk, note_id, permission=TAG)
    note = reads.with_outcome_tags(CaseNote.objects.filter(pk=note_id)).get()
    form = outcomes_form(note, reads.tagging_definitions(), request.POST)
    saved = False
    if form.is_valid():
        called = call_service(
            form,
            lambda: save_interaction_outcomes(
                actor=request.user,
                case_id=case.pk,
                interaction_id=note.pk,
                impacts=form.impacts(),
                mode="replace",
            ),
            fields=form.field_for_error,
            conflicts=(),
        )
        saved = called.ok
    if not is_htmx(request):
        if saved:
            messages.success(request, _("Outcomes saved."))
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(reverse("web:case_detail", args=[case.pk]) + f"#note-{note.pk}")
    if saved:
        note = reads.with_outcome_tags(CaseNote.objects.filter(pk=note_id)).get()
        form = outcomes_form(note, reads.tagging_definitions())
    else:
        form.focus_first_error()
    note.outcomes_form = form  # type: ignore[attr-defined]
    return render(request, "web/partials/note_outcomes.html", {"note": note, "saved": saved})


def _report_context(form: OutcomesReportForm) -> dict[str, Any]:
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        filters = form.filters()
        report = report_for(**filters)
        context.update(
            chart=reads.report_chart(report, date_from=filters["date_from"], date_to=filters["date_to"]),
            bucket=filters["bucket"],
            query=form.data.urlencode(),  # type: ignore[attr-defined]  # a QueryDict (from_query)
        )
    return context


@require_GET
@staff_page(REPORTS)
def report(request: HttpRequest) -> HttpResponse:
    form = OutcomesReportForm.from_query(request.GET)
    context = _report_context(form)
    return render(request, "web/outcomes_report.html", context, status=200 if form.is_valid() else 422)


@require_GET
@staff_page(REPORTS)
def report_csv(request: HttpRequest) -> Any:  # a StreamingHttpResponse, which staff_page's type does not name
    """The same report as a streamed CSV download (neutralised cells; the export is audited)."""
    form = OutcomesReportForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "web/outcomes_report.html", _report_context(form), status=422)
    filters = form.filters()
    rows = export_outcomes_report(actor=request.user, **filters)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    name = f"outcomes-{filters['date_from']:%Y-%m-%d}-{filters['date_to']:%Y-%m-%d}-{filters['bucket']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
