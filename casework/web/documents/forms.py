"""Forms of the documents panel: a new document on a case, a new version of one.

They parse and present input; the documents services decide what is allowed.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.core import labels


class DocumentUploadForm(forms.Form):
    """A new document on a case. The access levels offered are those the user may file at (the service
    checks again); the file's size and kind are the service's to judge."""

    file = forms.FileField(label=_("File"))
    document_type = forms.ChoiceField(label=_("Document type"), choices=())
    access_level = forms.ChoiceField(label=_("Access level"), choices=())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, levels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        document_type: Any = self.fields["document_type"]
        access_level: Any = self.fields["access_level"]
        document_type.choices = list(labels.DOCUMENT_TYPE.items())
        access_level.choices = [(level, labels.ACCESS_LEVEL[level]) for level in levels]
        if "standard" in levels:
            self.fields["access_level"].initial = "standard"


class DocumentVersionForm(forms.Form):
    """A new version of a document; without a description the previous one carries over."""

    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), required=False, max_length=1000)
