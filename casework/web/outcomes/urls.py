"""Outcomes: tagging a timeline note, and the outcomes report with its CSV export."""

from django.urls import path

from casework.web.outcomes import reads, views
from casework.web.shell import case_page

case_page.add_note_part("outcomes", reads.tag_timeline_notes)

urlpatterns = [
    path("cases/<uuid:case_id>/notes/<uuid:note_id>/outcomes/", views.tag_note, name="tag_note"),
    path("reports/outcomes/", views.report, name="outcomes_report"),
    path("reports/outcomes.csv", views.report_csv, name="outcomes_report_csv"),
]
