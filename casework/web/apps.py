from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "casework.web"
    label = "web"
    verbose_name = "Caseworker web UI"
