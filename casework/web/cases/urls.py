"""The case list, intake, the case detail page with its own forms, and the contact pages."""

from django.urls import path

from casework.web.cases import reads, views
from casework.web.shell import case_page

case_page.add_section("case", reads.case_section)

urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/bulk-assign/", views.bulk_assign, name="bulk_assign"),
    path("cases/new/", views.new_case, name="intake"),
    path("cases/new/fields/", views.intake_fields, name="intake_fields"),
    path("cases/<uuid:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<uuid:case_id>/status/", views.change_status, name="change_status"),
    path("cases/<uuid:case_id>/status/form/", views.status_form, name="status_form"),
    path("cases/<uuid:case_id>/edit/", views.edit_case, name="edit_case"),
    path("cases/<uuid:case_id>/notes/", views.add_note, name="add_note"),
    path("cases/<uuid:case_id>/assign/", views.assign, name="assign"),
    path("contacts/search/", views.contact_search, name="contact_search"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/matches/", views.contact_matches, name="contact_matches"),
    path("contacts/<uuid:contact_id>/", views.contact_detail, name="contact_detail"),
]
