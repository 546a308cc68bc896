"""Translated display names for the configuration the migrations seed and the domain's fixed choices.

Shared by the UI, the timeline and the error messages, so it lives in the kernel.

Statuses, case types and custom fields are rows admins may edit, stored in English; the UI shows the
translation of a seeded name and falls back to the stored text for anything configured later.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STATUS = {
    "Intake": _("Intake"),
    "Under Review": _("Under Review"),
    "Active": _("Active"),
    "Pending Client": _("Pending Client"),
    "Pending External": _("Pending External"),
    "In Progress": _("In Progress"),
    "On Hold": _("On Hold"),
    "Ready for Closure": _("Ready for Closure"),
    "Closed - Successful": _("Closed - Successful"),
    "Closed - Unsuccessful": _("Closed - Unsuccessful"),
    "Closed - Referred": _("Closed - Referred"),
    "Cancelled": _("Cancelled"),
}

STATUS_TYPE = {
    "intake": _("Intake"),
    "active": _("Active"),
    "review": _("Review"),
    "closed": _("Closed"),
    "cancelled": _("Cancelled"),
}

CASE_TYPE = {
    "General Support": _("General Support"),
    "Crisis Intervention": _("Crisis Intervention"),
    "Counseling": _("Counseling"),
    "Legal Assistance": _("Legal Assistance"),
    "Housing": _("Housing"),
    "Employment": _("Employment"),
    "Healthcare": _("Healthcare"),
    "Financial Assistance": _("Financial Assistance"),
}

PRIORITY = {
    "low": pgettext_lazy("priority", "Low"),
    "medium": pgettext_lazy("priority", "Medium"),
    "high": pgettext_lazy("priority", "High"),
    "urgent": pgettext_lazy("priority", "Urgent"),
}

SOURCE = {
    "phone": _("Phone"),
    "email": _("Email"),
    "walk-in": _("Walk-in"),
    "referral": _("Referral"),
    "web": _("Web"),
    "other": _("Other"),
}

NOTE_TYPE = {
    "note": _("Note"),
    "email": _("Email"),
    "call": _("Call"),
    "meeting": _("Meeting"),
    "update": _("Update"),
    "status_change": _("Status change"),
}

# The demo's outcome definitions (casework/devdata/demo/outcomes.py), by name; outcomes configured later show as stored.
OUTCOME = {
    "Housing stabilized": _("Housing stabilized"),
    "Eviction prevented": _("Eviction prevented"),
    "Employment obtained": _("Employment obtained"),
    "Employment maintained": _("Employment maintained"),
    "Benefits secured": _("Benefits secured"),
    "Crisis resolved": _("Crisis resolved"),
    "Connected to health care": _("Connected to health care"),
    "Legal issue resolved": _("Legal issue resolved"),
}

NOTE_SUBJECT = {
    "Case opened": _("Case opened"),
    "Assignment changed": _("Assignment changed"),
}

# Custom field labels and options of the seeded case types, keyed by field key / option value.
FIELD = {
    "request_summary": _("What the client asks for"),
    "risk_level": _("Risk level"),
    "safety_plan_in_place": _("Safety plan in place"),
    "presenting_issue": _("Presenting issue"),
    "previous_counseling": _("Has had counseling before"),
    "legal_area": _("Area of law"),
    "court_date": _("Court date"),
    "household_size": _("Household size"),
    "current_situation": _("Current situation"),
    "income_level": _("Income level"),
    "employment_status": _("Employment status"),
    "skills": _("Skills"),
    "has_insurance": _("Has health insurance"),
    "needs": _("Health needs"),
    "amount_requested": _("Amount requested"),
}

OPTION = {
    "low": _("low"),
    "moderate": _("moderate"),
    "high": _("high"),
    "housing": _("housing"),
    "family": _("family"),
    "immigration": _("immigration"),
    "employment": _("employment"),
    "benefits": _("benefits"),
    "criminal": _("criminal"),
    "other": _("other"),
    "below_poverty": _("below the poverty line"),
    "above_moderate": _("above moderate"),
    "unemployed": _("unemployed"),
    "part_time": _("part time"),
    "full_time": _("full time"),
    "student": _("student"),
}

# Case fields as named in the change history.
CASE_FIELD = {
    "case_number": _("Case number"),
    "contact": _("Contact"),
    "case_type": _("Case type"),
    "status": _("Status"),
    "priority": _("Priority"),
    "title": _("Title"),
    "description": _("Description"),
    "source": _("Source"),
    "referral_source": _("Referral source"),
    "intake_date": _("Intake date"),
    "opened_date": _("Opened"),
    "closed_date": _("Closed"),
    "due_date": _("Due date"),
    "assigned_to": _("Assigned to"),
    "assigned_team": _("Team"),
    "outcome": _("Outcome"),
    "outcome_notes": _("Outcome notes"),
    "closure_reason": _("Closure reason"),
    "intake_data": _("Intake answers"),
    "custom_data": _("Custom data"),
    "is_urgent": _("Urgent"),
    "requires_followup": _("Needs follow-up"),
    "followup_date": _("Follow-up date"),
    "tags": _("Tags"),
    "created_by": _("Created by"),
    "created_at": _("Created"),
}

DOCUMENT_TYPE = {
    "intake": pgettext_lazy("document type", "Intake"),
    "assessment": _("Assessment"),
    "consent": _("Consent"),
    "report": _("Report"),
    "correspondence": _("Correspondence"),
    "other": pgettext_lazy("document type", "Other"),
}

ACCESS_LEVEL = {
    "public": _("Public"),
    "standard": _("Standard"),
    "restricted": _("Restricted"),
    "confidential": _("Confidential"),
}

SERVICE_TYPE = {
    "counseling": pgettext_lazy("service type", "Counseling"),
    "legal": _("Legal"),
    "financial": _("Financial"),
    "housing": pgettext_lazy("service type", "Housing"),
    "healthcare": _("Healthcare"),
    "education": _("Education"),
    "employment": _("Employment"),
    "other": pgettext_lazy("service type", "Other"),
}

SERVICE_STATUS = {
    "scheduled": _("Scheduled"),
    "completed": pgettext_lazy("service status", "Completed"),
    "cancelled": pgettext_lazy("service status", "Cancelled"),
    "no_show": _("No show"),
}

RELATIONSHIP_TYPE = {
    "duplicate": _("Duplicate of"),
    "related": _("Related to"),
    "parent": _("Parent of"),
    "child": _("Child of"),
    "blocked_by": _("Blocked by"),
    "blocks": _("Blocks"),
}

TABLES = {
    "status": STATUS,
    "status_type": STATUS_TYPE,
    "case_type": CASE_TYPE,
    "priority": PRIORITY,
    "source": SOURCE,
    "note_type": NOTE_TYPE,
    "note_subject": NOTE_SUBJECT,
    "outcome": OUTCOME,
    "field": FIELD,
    "option": OPTION,
    "case_field": CASE_FIELD,
    "document_type": DOCUMENT_TYPE,
    "access_level": ACCESS_LEVEL,
    "service_type": SERVICE_TYPE,
    "service_status": SERVICE_STATUS,
    "relationship_type": RELATIONSHIP_TYPE,
}


def label(kind: str, value: Any) -> Any:
    """The translated name of `value` in table `kind`, or the value itself when it has no translation."""
    if value is None:
        return ""
    return TABLES[kind].get(str(value), value)


def field_label(definition: dict[str, Any]) -> Any:
    """A custom field's label: the translation of a seeded field when its label is still the seeded one."""
    return FIELD.get(definition["key"], definition.get("label") or definition["key"])
