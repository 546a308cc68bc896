"""URLs of the caseworker web UI (server-rendered pages + HTMX fragments)."""

from django.urls import path

from casework.web.views import (
    auth,
    callcenter,
    case_panels,
    cases,
    contacts,
    dashboard,
    intake,
    naturecheck,
    notifications,
    outcomes,
)

app_name = "web"
urlpatterns = [
    path("", dashboard.home, name="dashboard"),
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
    path("cases/<uuid:case_id>/documents/", case_panels.upload_document, name="upload_document"),
    path("documents/<uuid:document_id>/download/", case_panels.download_document, name="download_document"),
    path(
        "cases/<uuid:case_id>/milestones/<uuid:milestone_id>/",
        case_panels.toggle_milestone,
        name="toggle_milestone",
    ),
    path("cases/<uuid:case_id>/services/", case_panels.add_service, name="add_service"),
    path("cases/<uuid:case_id>/services/<uuid:service_id>/", case_panels.edit_service, name="edit_service"),
    path(
        "cases/<uuid:case_id>/services/<uuid:service_id>/remove/",
        case_panels.remove_service,
        name="remove_service",
    ),
    path("cases/<uuid:case_id>/relationships/", case_panels.add_relationship, name="add_relationship"),
    path(
        "cases/<uuid:case_id>/relationships/search/",
        case_panels.find_cases_to_link,
        name="find_cases_to_link",
    ),
    path(
        "cases/<uuid:case_id>/relationships/<uuid:relationship_id>/remove/",
        case_panels.remove_relationship,
        name="remove_relationship",
    ),
    path(
        "documents/<uuid:document_id>/versions/",
        case_panels.add_document_version,
        name="add_document_version",
    ),
    path(
        "cases/<uuid:case_id>/notes/<uuid:note_id>/outcomes/",
        outcomes.tag_note,
        name="tag_note",
    ),
    path("reports/outcomes/", outcomes.report, name="outcomes_report"),
    path("reports/outcomes.csv", outcomes.report_csv, name="outcomes_report_csv"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read_all"),
    path("notifications/<uuid:notification_id>/read/", notifications.mark_read, name="notification_read"),
    path("contacts/search/", intake.contact_search, name="contact_search"),
    path("contacts/new/", intake.contact_create, name="contact_create"),
    path("contacts/<uuid:contact_id>/", contacts.contact_detail, name="contact_detail"),
    # Nature Check (Danish unless the user picked a language)
    path("naturecheck/", naturecheck.farm_list, name="naturecheck_farms"),
    path("naturecheck/farms/new/", naturecheck.farm_create, name="naturecheck_farm_create"),
    path("naturecheck/farms/<uuid:farm_id>/", naturecheck.farm_detail, name="naturecheck_farm"),
    path("naturecheck/farms/<uuid:farm_id>/edit/", naturecheck.farm_edit, name="naturecheck_farm_edit"),
    path("naturecheck/farms/<uuid:farm_id>/delete/", naturecheck.farm_delete, name="naturecheck_farm_delete"),
    path("naturecheck/farms/<uuid:farm_id>/assign/", naturecheck.assign, name="naturecheck_assign"),
    path(
        "naturecheck/cases/<uuid:case_id>/status/", naturecheck.change_status, name="naturecheck_case_status"
    ),
    path("naturecheck/inbox/", naturecheck.inbox, name="naturecheck_inbox"),
    # Call center (Hebrew unless the user picked a language)
    path("callcenter/", callcenter.queue, name="callcenter_queue"),
    path("callcenter/next/", callcenter.next_citizen, name="callcenter_next"),
    path("callcenter/citizens/<int:citizen_id>/", callcenter.call, name="callcenter_call"),
    path("callcenter/citizens/<int:citizen_id>/106/", callcenter.case_106, name="callcenter_106"),
    path("callcenter/admin/", callcenter.admin, name="callcenter_admin"),
    path("callcenter/admin/import/", callcenter.import_list, name="callcenter_import"),
    path("callcenter/admin/export/", callcenter.export_list, name="callcenter_export"),
    path("callcenter/admin/clear/", callcenter.clear_list, name="callcenter_clear"),
]
