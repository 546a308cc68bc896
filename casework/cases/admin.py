from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casework.cases.models import AssignmentRule, Case, CaseStatus, CaseType
from casework.core.custom_fields import validate_definitions
from casework.core.errors import ValidationFailed
from casework.core.field_labels import LabelledListEditable


class CaseTypeForm(forms.ModelForm):
    class Meta:
        model = CaseType
        fields = [
            "name",
            "description",
            "color",
            "icon",
            "is_active",
            "requires_intake",
            "average_duration_days",
            "custom_fields",
            "sort_order",
        ]

    def clean_custom_fields(self):
        try:
            return validate_definitions(self.cleaned_data["custom_fields"])
        except ValidationFailed as exc:
            raise forms.ValidationError(f"{exc.field}: {exc.message}") from exc


@admin.register(CaseType)
class CaseTypeAdmin(LabelledListEditable, admin.ModelAdmin):
    form = CaseTypeForm
    list_display = [
        "name",
        "color",
        "icon",
        "is_active",
        "requires_intake",
        "sort_order",
    ]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name"]


@admin.register(CaseStatus)
class CaseStatusAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status_type",
        "color",
        "sort_order",
        "requires_reason",
        "is_active",
    ]
    list_filter = ["status_type", "is_active"]
    filter_horizontal = ["can_transition_to"]


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(LabelledListEditable, admin.ModelAdmin):
    """Auto-assignment: tried in sort order when a case is opened without an assignee; blank conditions match any."""

    list_display = [
        "name",
        "sort_order",
        "is_active",
        "case_type",
        "priority",
        "source",
        "assign_to_user",
        "assign_to_team",
        "least_loaded_member",
    ]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active", "case_type", "priority", "source"]


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    """Read-mostly: case work happens through the services behind the API and UI."""

    list_display = ["case_number", "title", "status", "case_type", "priority", "assigned_to", "created_at"]
    list_filter = ["status__status_type", "case_type", "priority"]
    search_fields = ["case_number", "title", "contact__last_name"]
    list_select_related = ["status", "case_type", "assigned_to"]
    readonly_fields = [f.name for f in Case._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Deleting goes through the service, which keeps the audit trail and the dashboard tally.
    def delete_model(self, request, obj):
        from casework.cases.services import delete_case

        delete_case(obj.pk, actor=request.user)

    def delete_queryset(self, request, queryset):
        from casework.cases.services import delete_case

        for pk in queryset.values_list("pk", flat=True):
            delete_case(pk, actor=request.user)
