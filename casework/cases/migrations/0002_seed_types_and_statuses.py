"""Seed the eight case types and the twelve workflow statuses with their default transition graph.

The graph (docs/workflow.md explains it); a target marked * requires a reason:
  Intake              -> Under Review, Active, Cancelled*
  Under Review        -> Active, Pending Client, Pending External, On Hold*, Closed - Referred*, Cancelled*
  Active              -> Pending Client, Pending External, In Progress, On Hold*, Ready for Closure, Cancelled*
  Pending Client      -> Active, In Progress, On Hold*, Closed - Unsuccessful*, Cancelled*
  Pending External    -> Active, In Progress, On Hold*, Closed - Referred*, Cancelled*
  In Progress         -> Active, Pending Client, Pending External, On Hold*, Ready for Closure
  On Hold             -> Active, In Progress, Closed - Unsuccessful*, Cancelled*
  Ready for Closure   -> In Progress, Closed - Successful, Closed - Unsuccessful*, Closed - Referred*
  Closed - *          -> Active (reopen)
  Cancelled           -> Intake (reinstate)
"""

from django.db import migrations

HOUSEHOLD = {"key": "household_size", "label": "Household size", "type": "integer", "min": 1, "max": 30}
INCOME = {
    "key": "income_level",
    "label": "Income level",
    "type": "select",
    "options": ["below_poverty", "low", "moderate", "above_moderate"],
}

TYPES = [
    ("General Support", "General client support and assistance", "blue", "support", [
        {"key": "request_summary", "label": "What the client asks for", "type": "textarea"},
    ]),
    ("Crisis Intervention", "Immediate crisis response and intervention", "red", "alert", [
        {"key": "risk_level", "label": "Risk level", "type": "select", "options": ["low", "moderate", "high"]},
        {"key": "safety_plan_in_place", "label": "Safety plan in place", "type": "boolean"},
    ]),
    ("Counseling", "Mental health and counseling services", "purple", "psychology", [
        {"key": "presenting_issue", "label": "Presenting issue", "type": "textarea"},
        {"key": "previous_counseling", "label": "Has had counseling before", "type": "boolean"},
    ]),
    ("Legal Assistance", "Legal aid and advocacy services", "green", "gavel", [
        {"key": "legal_area", "label": "Area of law", "type": "select",
         "options": ["housing", "family", "immigration", "employment", "benefits", "criminal", "other"]},
        {"key": "court_date", "label": "Court date", "type": "date"},
    ]),
    ("Housing", "Housing assistance and placement", "orange", "home", [
        {**HOUSEHOLD, "required": True},
        {"key": "current_situation", "label": "Current situation", "type": "text"},
        INCOME,
    ]),
    ("Employment", "Job placement and career services", "teal", "work", [
        {"key": "employment_status", "label": "Employment status", "type": "select",
         "options": ["unemployed", "part_time", "full_time", "student", "other"]},
        {"key": "skills", "label": "Skills", "type": "textarea"},
    ]),
    ("Healthcare", "Medical and healthcare referrals", "pink", "medical", [
        {"key": "has_insurance", "label": "Has health insurance", "type": "boolean"},
        {"key": "needs", "label": "Health needs", "type": "textarea"},
    ]),
    ("Financial Assistance", "Financial aid and budgeting support", "yellow", "attach_money", [
        HOUSEHOLD,
        INCOME,
        {"key": "amount_requested", "label": "Amount requested", "type": "number", "min": 0},
    ]),
]

# name, status_type, description, color, requires_reason
STATUSES = [
    ("Intake", "intake", "Initial intake and assessment", "gray", False),
    ("Under Review", "active", "Case under review by staff", "blue", False),
    ("Active", "active", "Actively working on case", "green", False),
    ("Pending Client", "active", "Waiting for client response", "yellow", False),
    ("Pending External", "active", "Waiting for external response", "orange", False),
    ("In Progress", "active", "Services being provided", "cyan", False),
    ("On Hold", "review", "Case temporarily on hold", "purple", True),
    ("Ready for Closure", "review", "Case ready to be closed", "lime", False),
    ("Closed - Successful", "closed", "Case closed successfully", "darkgreen", False),
    ("Closed - Unsuccessful", "closed", "Case closed without success", "red", True),
    ("Closed - Referred", "closed", "Client referred to another service", "blue", True),
    ("Cancelled", "cancelled", "Case cancelled by client or staff", "gray", True),
]

TRANSITIONS = {
    "Intake": ["Under Review", "Active", "Cancelled"],
    "Under Review": ["Active", "Pending Client", "Pending External", "On Hold", "Closed - Referred", "Cancelled"],
    "Active": ["Pending Client", "Pending External", "In Progress", "On Hold", "Ready for Closure", "Cancelled"],
    "Pending Client": ["Active", "In Progress", "On Hold", "Closed - Unsuccessful", "Cancelled"],
    "Pending External": ["Active", "In Progress", "On Hold", "Closed - Referred", "Cancelled"],
    "In Progress": ["Active", "Pending Client", "Pending External", "On Hold", "Ready for Closure"],
    "On Hold": ["Active", "In Progress", "Closed - Unsuccessful", "Cancelled"],
    "Ready for Closure": ["In Progress", "Closed - Successful", "Closed - Unsuccessful", "Closed - Referred"],
    "Closed - Successful": ["Active"],
    "Closed - Unsuccessful": ["Active"],
    "Closed - Referred": ["Active"],
    "Cancelled": ["Intake"],
}


def seed(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    CaseStatus = apps.get_model("cases", "CaseStatus")
    for order, (name, description, color, icon, fields) in enumerate(TYPES, start=1):
        CaseType.objects.update_or_create(
            name=name,
            defaults={
                "description": description,
                "color": color,
                "icon": icon,
                "requires_intake": True,
                "custom_fields": fields,
                "sort_order": order,
            },
        )
    by_name = {}
    for order, (name, status_type, description, color, requires_reason) in enumerate(STATUSES, start=1):
        by_name[name], _ = CaseStatus.objects.update_or_create(
            name=name,
            defaults={
                "status_type": status_type,
                "description": description,
                "color": color,
                "sort_order": order,
                "requires_reason": requires_reason,
            },
        )
    for source, targets in TRANSITIONS.items():
        by_name[source].can_transition_to.set([by_name[t] for t in targets])


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
