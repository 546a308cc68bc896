"""Reads of the case detail's panels: documents, services, milestones with progress, related cases."""

from typing import Any

from casework.cases.models import Case, CaseMilestone, CaseRelationship, CaseService
from casework.cases.plan_querysets import MilestoneProgress
from casework.documents.access import filing_levels
from casework.documents.models import CaseDocument
from casework.documents.querysets import with_versions
from casework.web.forms import DocumentUploadForm, MilestoneToggleForm


def case_panels(user: Any, case: Case, *, upload_form: DocumentUploadForm | None = None) -> dict[str, Any]:
    """What the documents, services, milestones and relationships panels show of `case` to `user`."""
    documents = with_versions(
        CaseDocument.objects.of_case(case.pk).latest_versions().visible_to(user).for_list()
    )
    levels = filing_levels(user, case)
    milestones = list(CaseMilestone.objects.of_case(case.pk).for_list())
    return {
        "documents": documents,
        "upload_form": upload_form or (DocumentUploadForm(levels=levels) if levels else None),
        "services": list(CaseService.objects.of_case(case.pk).for_list()),
        "milestones": milestones,
        "milestone_progress": MilestoneProgress.of(milestones),
        "milestone_form": MilestoneToggleForm(),
        "relationships": list(CaseRelationship.objects.of_case(case.pk).for_list()),
    }
