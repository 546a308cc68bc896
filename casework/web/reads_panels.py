"""Reads of the case detail's panels: documents, services, milestones with progress, related cases, and the
forms that edit them (a form the user just sent, with its errors, takes the place of a fresh one)."""

from typing import Any

from django.forms import Form

from casework.cases.models import Case
from casework.cases.plan.models import CaseMilestone, CaseRelationship, DeliveredService
from casework.cases.plan.querysets import MilestoneProgress
from casework.core.permissions import can
from casework.documents.access import filing_levels
from casework.documents.models import CaseDocument
from casework.documents.querysets import with_versions
from casework.web.forms import DocumentUploadForm, MilestoneToggleForm
from casework.web.forms_panels import DocumentVersionForm, RelationshipForm, ServiceForm


def case_panels(
    user: Any,
    case: Case,
    *,
    upload_form: DocumentUploadForm | None = None,
    sent: dict[str, Form] | None = None,
    panel_conflict: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What the documents, services, milestones and relationships panels show of `case` to `user`.

    `sent` holds forms that came back with errors, by key: "service-new", "service-<id>", "link",
    "version-<document id>"; `panel_conflict` a stale-edit message by panel ("services").
    """
    sent = sent or {}
    documents = with_versions(
        CaseDocument.objects.of_case(case.pk).latest_versions().visible_to(user).for_list()
    )
    levels = filing_levels(user, case)
    editable = can(user, "cases.change")
    milestones = list(CaseMilestone.objects.of_case(case.pk).for_list())
    services = list(DeliveredService.objects.of_case(case.pk).for_list())
    if editable:
        for service in services:
            service.edit_form = sent.get(f"service-{service.pk}") or ServiceForm.for_service(service)
            service.edit_open = f"service-{service.pk}" in sent
        for document in documents:
            key = f"version-{document.pk}"
            document.version_form = sent.get(key) or DocumentVersionForm(prefix=key)  # type: ignore[attr-defined]
            document.version_open = key in sent  # type: ignore[attr-defined]
    return {
        "documents": documents,
        "upload_form": upload_form or (DocumentUploadForm(levels=levels) if levels else None),
        "services": services,
        "service_form": (sent.get("service-new") or ServiceForm(prefix="service-new")) if editable else None,
        "service_form_open": "service-new" in sent,
        "milestones": milestones,
        "milestone_progress": MilestoneProgress.of(milestones),
        "milestone_form": MilestoneToggleForm(),
        "relationships": list(CaseRelationship.objects.of_case(case.pk).for_list()),
        "relationship_form": (sent.get("link") or RelationshipForm()) if editable else None,
        "panel_conflict": panel_conflict or {},
    }
