from django.contrib import admin

from gongkai.bodies.models import Absence, Body, BodyVersion, RoleAssignment


class BodyVersionInline(admin.TabularInline):
    model = BodyVersion
    fk_name = "body"
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "credit_code", "established_on", "dissolved_on"]
    search_fields = ["code", "credit_code", "versions__name"]
    inlines = [BodyVersionInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["body", "user", "role", "backup", "valid_from", "valid_to"]
    list_filter = ["role", "body"]


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["user", "starts_on", "ends_on", "reason"]
