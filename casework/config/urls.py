from django.contrib import admin
from django.urls import include, path

from casework.config.api import api
from casework.core.api import api_not_found
from casework.ops.health import healthz, readyz
from casework.ops.metrics import metrics_view

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("api/<path:rest>", api_not_found),
    path("healthz", healthz),
    path("readyz", readyz),
    path("metrics", metrics_view),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("casework.web.urls")),
]
