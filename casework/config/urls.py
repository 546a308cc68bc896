from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from casework.config.api import api


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("healthz", healthz),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("casework.web.urls")),
]
