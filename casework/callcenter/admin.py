from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casework.audit.admin_mixins import PersonalDataReadAdmin
from casework.callcenter.models import CallcenterCase, CallcenterConfiguration, CitizenRecord
from casework.core.field_labels import FieldLabels, column

NAME_LABELS = {"first_name": _("First name"), "last_name": _("Last name")}
# The operators' words for what they learn on a call (casework/web/callcenter/forms.py, CallResultForm).
CALL_RESULT_LABELS = {
    "is_answered_the_call": _("Answered the call"),
    "is_lonely": _("Lives alone"),
    "has_safe_room": _("Has a safe room (mamad)"),
    "has_private_shelter": _("Has a private shelter"),
    "has_public_shelter": _("Has a public shelter nearby"),
    "has_mobility_restriction": _("Has a mobility restriction"),
    "is_dead": _("Deceased"),
    "is_left_the_city": _("Has left the city permanently"),
    "family_number": _("Family members"),
    "is_address_wrong": _("The address is wrong"),
    "new_street_name": _("New street"),
    "new_building_number": _("New building number"),
    "new_flat_number": _("New flat number"),
    "has_temporary_address": _("Staying at a temporary address"),
    "is_temporary_abroad": _("Temporarily abroad"),
    "temporary_street_name": _("Temporary street"),
    "temporary_building_number": _("Temporary building number"),
    "temporary_flat_number": _("Temporary flat number"),
}


class CallcenterCaseInline(admin.StackedInline):
    model = CallcenterCase
    extra = 0
    readonly_fields = ["created_at", "updated_at"]


@admin.register(CitizenRecord)
class CitizenRecordAdmin(PersonalDataReadAdmin, FieldLabels, admin.ModelAdmin):
    read_audit_kind = "citizen"
    field_labels = NAME_LABELS | CALL_RESULT_LABELS
    list_display = [
        "id",
        "fid",
        column("last_name", NAME_LABELS["last_name"]),
        column("first_name", NAME_LABELS["first_name"]),
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
