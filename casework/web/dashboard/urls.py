"""The dashboard (the UI's home page) and its inbox of notifications."""

from django.urls import path

from casework.web.dashboard import views

urlpatterns = [
    path("", views.home, name="dashboard"),
    path("notifications/read/", views.mark_all_read, name="notifications_read_all"),
    path("notifications/<uuid:notification_id>/read/", views.mark_read, name="notification_read"),
]
