from django.apps import AppConfig


class CallcenterConfig(AppConfig):
    name = "casework.callcenter"
    label = "callcenter"
