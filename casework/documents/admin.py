from django.contrib import admin

from casework.documents.models import CaseDocument


@admin.register(CaseDocument)
class CaseDocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are added and removed through the API, which keeps files and rows in step."""

    list_display = [
        "document_name",
        "version",
        "is_latest",
        "access_level",
        "document_type",
        "case",
        "created_at",
    ]
    list_filter = ["access_level", "document_type", "is_latest"]
    search_fields = ["document_name", "case__case_number"]
    list_select_related = ["case"]
    readonly_fields = [f.name for f in CaseDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
