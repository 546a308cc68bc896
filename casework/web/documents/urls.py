"""The documents panel: upload, new versions, download."""

from django.urls import path

from casework.web.documents import reads, views
from casework.web.shell import case_page

case_page.add_section(views.SECTION, reads.documents_section)

urlpatterns = [
    path("cases/<uuid:case_id>/documents/", views.upload_document, name="upload_document"),
    path("documents/<uuid:document_id>/download/", views.download_document, name="download_document"),
    path("documents/<uuid:document_id>/versions/", views.add_document_version, name="add_document_version"),
]
