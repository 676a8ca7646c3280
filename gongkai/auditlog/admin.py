from django.contrib import admin

from gongkai.auditlog.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the admin can look, never add, change or delete."""

    list_display = ["at", "actor_name", "body", "action", "summary", "legal_basis"]
    list_filter = ["action", "body"]
    search_fields = ["summary", "actor_name", "target_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
