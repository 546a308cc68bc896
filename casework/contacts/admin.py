from django.contrib import admin

from casework.audit.admin import RecordsPersonalDataReads
from casework.contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(RecordsPersonalDataReads, admin.ModelAdmin):
    read_audit_kind = "contact"
    list_display = ["last_name", "first_name", "email", "phone", "city"]
    search_fields = ["first_name", "last_name", "email", "phone"]
