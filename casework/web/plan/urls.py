"""The case plan's panels: milestones, services delivered, related cases."""

from django.urls import path

from casework.web.plan import reads, views
from casework.web.shell import case_page

case_page.add_section(views.SECTION, reads.plan_section)

urlpatterns = [
    path(
        "cases/<uuid:case_id>/milestones/<uuid:milestone_id>/",
        views.toggle_milestone,
        name="toggle_milestone",
    ),
    path("cases/<uuid:case_id>/services/", views.add_service, name="add_service"),
    path("cases/<uuid:case_id>/services/<uuid:service_id>/", views.edit_service, name="edit_service"),
    path(
        "cases/<uuid:case_id>/services/<uuid:service_id>/remove/",
        views.remove_service,
        name="remove_service",
    ),
    path("cases/<uuid:case_id>/relationships/", views.add_relationship, name="add_relationship"),
    path(
        "cases/<uuid:case_id>/relationships/search/",
        views.find_cases_to_link,
        name="find_cases_to_link",
    ),
    path(
        "cases/<uuid:case_id>/relationships/<uuid:relationship_id>/remove/",
        views.remove_relationship,
        name="remove_relationship",
    ),
]
