from django.apps import AppConfig


class NaturecheckConfig(AppConfig):
    name = "casework.naturecheck"
    label = "naturecheck"
