from django.contrib import admin

from casework.contacts.models import Contact


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "phone", "city"]
    search_fields = ["first_name", "last_name", "email", "phone"]
