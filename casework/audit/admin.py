from django.contrib import admin

from casework.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "verb", "target_type", "target_repr", "actor", "ip"]
    list_filter = ["verb", "target_type"]
    search_fields = ["target_id", "target_repr"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The audit trail is append-only: not even an administrator deletes from it (issue 8).
        return False
