from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casework.audit.admin import RecordsPersonalDataReads
from casework.naturecheck.models import Farm, Farmer, NatureCheckCase


@admin.register(Farmer)
class FarmerAdmin(RecordsPersonalDataReads, admin.ModelAdmin):
    read_audit_kind = "farmer"
    list_display = ["__str__", "email", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["email", "contact__first_name", "contact__last_name"]
    raw_id_fields = ["contact"]


@admin.register(Farm)
class FarmAdmin(admin.ModelAdmin):
    list_display = ["name", "cvr", "city", "owner"]
    search_fields = ["name", "cvr", "city"]
    list_select_related = ["owner__contact"]
    raw_id_fields = ["owner"]
    readonly_fields = ["row_version"]


@admin.register(NatureCheckCase)
class NatureCheckCaseAdmin(SimpleHistoryAdmin):
    """Read-mostly: assignments and updates go through the API so notifications and history stay right."""

    list_display = ["farm", "consultant", "status", "priority", "assigned_at"]
    list_filter = ["status", "priority"]
    search_fields = ["farm__name", "farm__cvr", "consultant__email"]
    list_select_related = ["farm", "consultant"]
    readonly_fields = [f.name for f in NatureCheckCase._meta.concrete_fields]

    def has_add_permission(self, request):
        return False
