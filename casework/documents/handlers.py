"""Reactions of the documents app to other apps' domain events."""

from typing import Any

from django.db import transaction

from casework.core.events import subscribe
from casework.documents.models import CaseDocument
from casework.documents.services import delete_files


@subscribe("case.deleting")
def remove_files_of_deleted_case(*, case: Any, **_: Any) -> None:
    """A deleted case takes its document rows with it (cascade); its stored files go once that commits."""
    names = [name for name in CaseDocument.objects.filter(case=case).values_list("file", flat=True) if name]
    if names:
        transaction.on_commit(lambda: delete_files(names))
