"""URLs of the caseworker web UI (server-rendered pages + HTMX fragments)."""

from django.urls import path

from casework.web.views import auth, cases, contacts, dashboard, intake

app_name = "web"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("signin/", auth.sign_in, name="login"),
    path("signout/", auth.sign_out, name="logout"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/bulk-assign/", cases.bulk_assign, name="bulk_assign"),
    path("cases/new/", intake.new_case, name="intake"),
    path("cases/new/fields/", intake.intake_fields, name="intake_fields"),
    path("cases/<uuid:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<uuid:case_id>/status/", cases.change_status, name="change_status"),
    path("cases/<uuid:case_id>/status/form/", cases.status_form, name="status_form"),
    path("cases/<uuid:case_id>/edit/", cases.edit_case, name="edit_case"),
    path("cases/<uuid:case_id>/notes/", cases.add_note, name="add_note"),
    path("cases/<uuid:case_id>/assign/", cases.assign, name="assign"),
    path("contacts/search/", intake.contact_search, name="contact_search"),
    path("contacts/new/", intake.contact_create, name="contact_create"),
    path("contacts/<uuid:contact_id>/", contacts.contact_detail, name="contact_detail"),
]
