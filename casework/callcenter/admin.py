from typing import Any

from django.contrib import admin

from casework.audit.admin import RecordsPersonalDataReads
from casework.callcenter.models import CallcenterCase, CallcenterConfiguration, CitizenRecord


class CallcenterCaseInline(admin.StackedInline):
    model = CallcenterCase
    extra = 0
    readonly_fields = ["created_at", "updated_at"]


@admin.register(CitizenRecord)
class CitizenRecordAdmin(RecordsPersonalDataReads, admin.ModelAdmin):
    read_audit_kind = "citizen"
    list_display = [
        "id",
        "fid",
        "last_name",
        "first_name",
        "street_name",
        "building_number",
        "status",
    ]
    list_filter = ["status", "is_answered_the_call", "is_dead", "is_left_the_city"]
    search_fields = ["fid", "first_name", "last_name", "phone1", "phone2", "phone3"]
    # Queue state changes only through the services (queue, call result, lock release).
    readonly_fields = [
        "status",
        "locked_by",
        "locked_until",
        "last_updated_by",
        "last_updated_at",
        "created_at",
        "appearance_count",
        "first_appearance_at",
        "second_appearance_at",
        "third_appearance_at",
    ]
    inlines = [CallcenterCaseInline]
    show_full_result_count = False


@admin.register(CallcenterCase)
class CallcenterCaseAdmin(admin.ModelAdmin):
    list_display = ["callcenter_case_number", "citizen", "created_at"]
    search_fields = ["callcenter_case_number", "citizen__last_name", "citizen__fid"]
    raw_id_fields = ["citizen"]


@admin.register(CallcenterConfiguration)
class CallcenterConfigurationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "retry_delay_minutes", "updated_at"]

    def has_add_permission(self, request: Any) -> bool:
        # One row: the configuration, not a list of them.
        return not CallcenterConfiguration.objects.exists()
