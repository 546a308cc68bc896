"""Intake: pick or register the contact, pick the case type, answer that type's intake questions."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.cases import services
from casework.cases.models import CaseType
from casework.contacts.models import Contact
from casework.contacts.services import create_contact
from casework.core.errors import DomainError
from casework.web.domain_messages import add_to_form
from casework.web.forms import ContactInlineForm, IntakeForm
from casework.web.views.base import staff_page

CONTACT_RESULTS = 10


def _case_type(pk: Any) -> CaseType | None:
    return CaseType.objects.filter(pk=pk, is_active=True).first() if pk else None


def _contact(pk: Any) -> Contact | None:
    try:
        return Contact.objects.filter(pk=pk).first() if pk else None
    except (ValueError, ValidationError):
        return None


def _page(request: HttpRequest, form: IntakeForm, *, status: int = 200, **extra: Any) -> HttpResponse:
    chosen = _contact(form["contact"].value())
    context = {
        "form": form,
        "chosen_contact": chosen,
        "contacts": [chosen] if chosen else [],
        "contact_form": ContactInlineForm(),
        **extra,
    }
    return render(request, "web/intake.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_page("cases.create")
def new_case(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        case_type = _case_type(request.GET.get("case_type"))
        initial = {"contact": request.GET.get("contact"), "case_type": case_type}
        return _page(request, IntakeForm(initial=initial, case_type=case_type))
    form = IntakeForm(request.POST, case_type=_case_type(request.POST.get("case_type")))
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = services.open_case(
                actor=request.user,  # type: ignore[arg-type]
                contact_id=data["contact"].pk,
                case_type_id=data["case_type"].pk,
                title=data["title"],
                description=data["description"],
                priority=data["priority"],
                source=data["source"],
                referral_source=data["referral_source"],
                due_date=data["due_date"],
                is_urgent=data["is_urgent"],
                intake_data=form.intake_data(),
            )
        except DomainError as exc:
            add_to_form(form, exc, form.service_fields)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.case_number})
            return redirect("web:case_detail", case_id=case.pk)
    return _page(request, form, status=422)


@require_GET
@staff_page("cases.create")
def intake_fields(request: HttpRequest) -> HttpResponse:
    """The intake questions of the case type just picked (an HTMX fragment of the intake form)."""
    form = IntakeForm(case_type=_case_type(request.GET.get("case_type")))
    return render(request, "web/partials/intake_fields.html", {"form": form})


@require_GET
@staff_page("contacts.view")
def contact_search(request: HttpRequest) -> HttpResponse:
    """Contacts matching what was typed so far, as radio buttons of the intake form."""
    text = (request.GET.get("contact_q") or "").strip()
    contacts = list(Contact.objects.search(text)[:CONTACT_RESULTS]) if text else []
    context = {"contacts": contacts, "searched": text, "chosen_contact": None}
    return render(request, "web/partials/contact_results.html", context)


@require_POST
@staff_page("contacts.create")
def contact_create(request: HttpRequest) -> HttpResponse:
    """Register a new client from the intake form; the answer is the picker with that contact chosen."""
    form = ContactInlineForm(request.POST)
    if not form.is_valid():
        return render(request, "web/partials/contact_picker.html", {"contact_form": form, "contacts": []})
    contact = create_contact(actor=request.user, **form.cleaned_data)
    context = {
        "contact_form": ContactInlineForm(),
        "contacts": [contact],
        "chosen_contact": contact,
        "created": True,
    }
    return render(request, "web/partials/contact_picker.html", context)
