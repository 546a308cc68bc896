"""The call center (Hebrew unless the user picked a language): the operators' queue and calls, the admins' list."""

from django.urls import path

from casework.web.callcenter import views

urlpatterns = [
    path("callcenter/", views.queue, name="callcenter_queue"),
    path("callcenter/next/", views.next_citizen, name="callcenter_next"),
    path("callcenter/citizens/<int:citizen_id>/", views.call, name="callcenter_call"),
    path("callcenter/citizens/<int:citizen_id>/106/", views.case_106, name="callcenter_106"),
    path("callcenter/admin/", views.admin, name="callcenter_admin"),
    path("callcenter/admin/import/", views.import_list, name="callcenter_import"),
    path("callcenter/admin/export/", views.export_list, name="callcenter_export"),
    path("callcenter/admin/clear/", views.clear_list, name="callcenter_clear"),
]
