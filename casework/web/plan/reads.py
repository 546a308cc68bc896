"""Reads of the case plan's panels: milestones with progress, services delivered, related cases, and the forms
that edit them (a form the user just sent, with its errors, takes the place of a fresh one)."""

from typing import Any

from casework.cases.models import Case
from casework.cases.plan.models import CaseMilestone, CaseRelationship, DeliveredService
from casework.cases.plan.querysets import MilestoneProgress
from casework.core.permissions import can
from casework.web.plan.forms import MilestoneToggleForm, RelationshipForm, ServiceForm
from casework.web.shell.case_page import Sent


def plan_section(user: Any, case: Case, sent: Sent) -> dict[str, Any]:
    """What the milestones, services and relationships panels show of `case` to `user`.

    `sent` may hold the forms "service-new", "service-<id>" and "link" with their errors.
    """
    editable = can(user, "cases.change")
    milestones = list(CaseMilestone.objects.of_case(case.pk).for_list())
    services = list(DeliveredService.objects.of_case(case.pk).for_list())
    if editable:
        for service in services:
            service.edit_form = sent.get(f"service-{service.pk}") or ServiceForm.for_service(service)
            service.edit_open = f"service-{service.pk}" in sent
    return {
        "services": services,
        "service_form": (sent.get("service-new") or ServiceForm(prefix="service-new")) if editable else None,
        "service_form_open": "service-new" in sent,
        "milestones": milestones,
        "milestone_progress": MilestoneProgress.of(milestones),
        "milestone_form": MilestoneToggleForm(),
        "relationships": list(CaseRelationship.objects.of_case(case.pk).for_list()),
        "relationship_form": (sent.get("link") or RelationshipForm()) if editable else None,
    }
