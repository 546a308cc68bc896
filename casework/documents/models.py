"""Files attached to cases, with confidentiality levels and a version chain."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from casework.core.models import TimestampedModel, staff_member
from casework.documents.querysets import DocumentQuerySet


class DocumentAccessLevel(models.TextChoices):
    PUBLIC = "public", "Public"
    STANDARD = "standard", "Standard"
    RESTRICTED = "restricted", "Restricted"
    CONFIDENTIAL = "confidential", "Confidential"


class DocumentType(models.TextChoices):
    INTAKE = "intake", "Intake"
    ASSESSMENT = "assessment", "Assessment"
    CONSENT = "consent", "Consent"
    REPORT = "report", "Report"
    CORRESPONDENCE = "correspondence", "Correspondence"
    OTHER = "other", "Other"


class CaseDocument(TimestampedModel):
    """One version of a file attached to a case.

    A document is a chain of versions: the first has no `parent_document` and `version` 1; every later one
    points at the first and counts up. Exactly one row of a chain has `is_latest` (a partial unique constraint
    on the chain's root id); the type and access level are the same on every row of a chain, so each row can
    be authorized alone. `file` holds a name the server generated (`case-documents/<case>/<uuid>.<ext>`);
    the uploader's file name is only kept, sanitized, in `document_name`.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="documents", verbose_name=_("Case")
    )
    document_name = models.CharField(max_length=255, verbose_name=_("Name"))
    document_type = models.CharField(
        max_length=30,
        choices=DocumentType.choices,
        default=DocumentType.OTHER,
        verbose_name=_("Document type"),
    )
    description = models.TextField(blank=True, verbose_name=_("Description"))
    file = models.FileField(max_length=500, verbose_name=_("File"))
    file_size = models.BigIntegerField(default=0, verbose_name=_("Size"))
    mime_type = models.CharField(max_length=100, verbose_name=_("Content type"))
    access_level = models.CharField(
        max_length=20,
        choices=DocumentAccessLevel.choices,
        default=DocumentAccessLevel.STANDARD,
        verbose_name=_("Access level"),
    )
    version = models.PositiveIntegerField(default=1, verbose_name=_("Version"))
    parent_document = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("Previous version"),
    )
    is_latest = models.BooleanField(default=True, verbose_name=_("Latest version"))
    uploaded_by = staff_member(_("Uploaded by"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["case", "-created_at"], name="casedocument_case_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(access_level__in=[c.value for c in DocumentAccessLevel]),
                name="casedocument_access_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(document_type__in=[c.value for c in DocumentType]),
                name="casedocument_document_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(parent_document__isnull=True, version=1)
                | Q(parent_document__isnull=False, version__gt=1),
                name="casedocument_version_chain",
            ),
            models.UniqueConstraint(
                fields=["parent_document", "version"], name="casedocument_unique_version"
            ),
            models.UniqueConstraint(
                Coalesce("parent_document", "id"),
                condition=Q(is_latest=True),
                name="casedocument_one_latest_per_chain",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_name} (v{self.version})"

    @property
    def root_id(self):
        """The id of the chain's first version, which names the document as a whole."""
        return self.parent_document_id or self.pk
