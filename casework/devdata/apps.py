from django.apps import AppConfig


class DevdataConfig(AppConfig):
    name = "casework.devdata"
    label = "devdata"
