from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static import admin as _registers_static_admin  # noqa: F401 (before unregister)
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as _registers_totp_admin  # noqa: F401 (before unregister)
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.accounts.mfa.services import reset_second_factor
from casework.accounts.models import Role, Team, User
from casework.accounts.services import configures_system

# django-otp's own screens would show and edit the secrets of authenticators, unaudited: second factors change
# only through the services (a user's set-up, the "Reset second factor" action below).
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "description"]
    search_fields = ["code", "name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "role",
        "is_active",
        "last_login",
    ]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["last_login", "date_joined", "token_version"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name")}),
        (_("Access"), {"fields": ("role", "is_active", "is_staff", "is_superuser", "token_version")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),)
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset second factor (the user sets it up again)"))
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            reset_second_factor(user, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d user was reset; their API tokens are revoked.",
                "The second factors of %(count)d users were reset; their API tokens are revoked.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        # A role change here must move the configuration-screen access with it.
        obj.is_staff = obj.is_superuser = configures_system(obj.role)
        super().save_model(request, obj, form, change)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    filter_horizontal = ["members"]
