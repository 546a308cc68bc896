from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "casework.documents"
    label = "documents"
