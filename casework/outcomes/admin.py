from django.contrib import admin

from casework.outcomes.models import InteractionOutcomeImpact, OutcomeDefinition


@admin.register(OutcomeDefinition)
class OutcomeDefinitionAdmin(admin.ModelAdmin):
    """Outcomes are disabled, never deleted (their tags must survive), and their key never changes."""

    list_display = ["name", "key", "category", "is_active", "is_reportable", "sort_order"]
    list_editable = ["sort_order", "is_active", "is_reportable"]
    list_filter = ["is_active", "is_reportable", "category"]
    search_fields = ["name", "key"]

    def get_readonly_fields(self, request, obj=None):
        return ["key"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InteractionOutcomeImpact)
class InteractionOutcomeImpactAdmin(admin.ModelAdmin):
    """Read-only: tags are written on the case timeline, through the services behind the API."""

    list_display = ["interaction", "outcome_definition", "impact", "attribution", "intensity", "created_at"]
    list_filter = ["outcome_definition", "attribution", "impact"]
    list_select_related = ["interaction", "outcome_definition"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
