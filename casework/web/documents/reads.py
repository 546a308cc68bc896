"""Reads of the documents panel: the case's documents the user may see, with their versions, and the forms that
add documents and versions (a form the user just sent, with its errors, takes the place of a fresh one)."""

from typing import Any

from casework.cases.models import Case
from casework.core.permissions import can
from casework.documents.access import filing_levels
from casework.documents.models import CaseDocument
from casework.documents.querysets import with_versions
from casework.web.documents.forms import DocumentUploadForm, DocumentVersionForm
from casework.web.shell.case_page import Sent


def documents_section(user: Any, case: Case, sent: Sent) -> dict[str, Any]:
    """What the documents panel shows of `case` to `user`.

    `sent` may hold the forms "upload" and "version-<document id>" with their errors.
    """
    documents = with_versions(
        CaseDocument.objects.of_case(case.pk).latest_versions().visible_to(user).for_list()
    )
    levels = filing_levels(user, case)
    if can(user, "cases.change"):
        for document in documents:
            key = f"version-{document.pk}"
            document.version_form = sent.get(key) or DocumentVersionForm(prefix=key)  # type: ignore[attr-defined]
            document.version_open = key in sent  # type: ignore[attr-defined]
    return {
        "documents": documents,
        "upload_form": sent.get("upload") or (DocumentUploadForm(levels=levels) if levels else None),
    }
