"""A contact's page: their details and every case they have, open and closed."""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.cases.models import Case
from casework.contacts.models import Contact
from casework.web.views.base import staff_page


@require_GET
@staff_page("contacts.view")
def contact_detail(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise Http404("Contact not found")
    cases = Case.objects.filtered(contact_id=contact.pk).for_list().sorted_by("-created_at")
    return render(request, "web/contact_detail.html", {"contact": contact, "cases": cases})
