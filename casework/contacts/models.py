"""Clients: the people cases are opened for."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from casework.contacts.querysets import ContactQuerySet
from casework.core.models import VersionedModel, staff_member


class Contact(VersionedModel):
    """A client of the organisation. A contact with cases cannot be deleted (the cases reference it)."""

    first_name = models.CharField(max_length=100, verbose_name=_("First name"))
    last_name = models.CharField(max_length=100, verbose_name=_("Last name"))
    email = models.EmailField(blank=True, verbose_name=_("Email"))
    phone = models.CharField(max_length=40, blank=True, verbose_name=_("Phone"))
    date_of_birth = models.DateField(null=True, blank=True, verbose_name=_("Date of birth"))
    street = models.CharField(max_length=200, blank=True, verbose_name=_("Street"))
    city = models.CharField(max_length=100, blank=True, verbose_name=_("City"))
    postal_code = models.CharField(max_length=20, blank=True, verbose_name=_("Postal code"))
    country = models.CharField(max_length=100, blank=True, verbose_name=_("Country"))
    notes = models.TextField(blank=True, verbose_name=_("Notes"))
    created_by = staff_member(_("Created by"))

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(Lower("last_name"), Lower("first_name"), name="contact_name_idx"),
            models.Index(fields=["email"], name="contact_email_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
