from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "casework.outcomes"
    label = "outcomes"
