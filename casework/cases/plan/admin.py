"""Admin screens for a case's plan: read-only, because links come in pairs and every change is audited, so
writes go through `casework.cases.plan.services` behind the API and the UI."""

from django.contrib import admin
from django.http import HttpRequest

from casework.cases.plan.models import CaseMilestone, CaseRelationship, DeliveredService


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CaseRelationship)
class CaseRelationshipAdmin(ReadOnlyAdmin):
    list_display = ["case", "relationship_type", "related_case", "created_by", "created_at"]
    list_filter = ["relationship_type"]
    search_fields = ["case__case_number", "related_case__case_number"]
    list_select_related = ["case", "related_case", "created_by"]


@admin.register(DeliveredService)
class DeliveredServiceAdmin(ReadOnlyAdmin):
    list_display = ["service_name", "case", "service_type", "service_date", "status", "cost", "currency"]
    list_filter = ["service_type", "status"]
    search_fields = ["service_name", "service_provider", "case__case_number"]
    list_select_related = ["case"]
    date_hierarchy = "service_date"


@admin.register(CaseMilestone)
class CaseMilestoneAdmin(ReadOnlyAdmin):
    list_display = ["milestone_name", "case", "sort_order", "due_date", "is_completed", "completed_date"]
    list_filter = ["is_completed"]
    search_fields = ["milestone_name", "case__case_number"]
    list_select_related = ["case"]
