"""Nature Check (Danish unless the user picked a language): farms, their cases, the consultant's inbox."""

from django.urls import path

from casework.web.naturecheck import views

urlpatterns = [
    path("naturecheck/", views.farm_list, name="naturecheck_farms"),
    path("naturecheck/farms/new/", views.farm_create, name="naturecheck_farm_create"),
    path("naturecheck/farms/<uuid:farm_id>/", views.farm_detail, name="naturecheck_farm"),
    path("naturecheck/farms/<uuid:farm_id>/edit/", views.farm_edit, name="naturecheck_farm_edit"),
    path("naturecheck/farms/<uuid:farm_id>/delete/", views.farm_delete, name="naturecheck_farm_delete"),
    path("naturecheck/farms/<uuid:farm_id>/assign/", views.assign, name="naturecheck_assign"),
    path("naturecheck/cases/<uuid:case_id>/status/", views.change_status, name="naturecheck_case_status"),
    path("naturecheck/inbox/", views.inbox, name="naturecheck_inbox"),
]
