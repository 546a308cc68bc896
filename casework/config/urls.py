from django.contrib import admin
from django.urls import include, path

from casework.config.api import api
from casework.core.api import api_not_found
from casework.ops.health import healthz, readyz
from casework.ops.metrics import metrics_view
from casework.web.shell.views import admin_sign_in

urlpatterns = [
    # The configuration screens sign in through the web's sign-in (throttle, second factor), never their own form.
    path("admin/login/", admin_sign_in, name="admin_sign_in"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("api/<path:rest>", api_not_found),
    path("healthz", healthz),
    path("readyz", readyz),
    path("metrics", metrics_view),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("casework.web.urls")),
]
