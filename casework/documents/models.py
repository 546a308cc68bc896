"""Files attached to cases, with confidentiality levels and a version chain."""

from django.conf import settings
from django.db import models

from casework.core.models import TimestampedModel


class DocumentAccessLevel(models.TextChoices):
    PUBLIC = "public", "Public"
    STANDARD = "standard", "Standard"
    RESTRICTED = "restricted", "Restricted"
    CONFIDENTIAL = "confidential", "Confidential"


class CaseDocument(TimestampedModel):
    """A file attached to a case, with its confidentiality level and version chain."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="documents")
    document_name = models.CharField(max_length=255)
    document_type = models.CharField(max_length=30, blank=True)
    description = models.TextField(blank=True)
    file = models.FileField(upload_to="case-documents/%Y/%m/", max_length=500, blank=True)
    file_size = models.BigIntegerField(default=0)
    mime_type = models.CharField(max_length=100, blank=True)
    access_level = models.CharField(
        max_length=20, choices=DocumentAccessLevel.choices, default=DocumentAccessLevel.STANDARD
    )
    version = models.PositiveIntegerField(default=1)
    parent_document = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="versions"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["case", "-created_at"], name="casedocument_case_idx")]

    def __str__(self) -> str:
        return self.document_name
