from django.contrib import admin

from casework.audit.admin_mixins import PersonalDataReadAdmin
from casework.contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(PersonalDataReadAdmin, admin.ModelAdmin):
    read_audit_kind = "contact"
    list_display = ["last_name", "first_name", "email", "phone", "city"]
    search_fields = ["first_name", "last_name", "email", "phone"]
