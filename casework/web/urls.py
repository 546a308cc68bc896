"""URLs of the caseworker web UI (server-rendered pages + HTMX fragments): every area's own `urls`.

Importing an area's `urls` also registers what it adds to the case detail page (`web.shell.case_page`).
"""

from django.urls import include, path

app_name = "web"
urlpatterns = [
    path("", include("casework.web.dashboard.urls")),
    path("", include("casework.web.shell.urls")),
    path("", include("casework.web.oidc.urls")),  # single sign-on (404 unless configured)
    path("", include("casework.web.cases.urls")),
    path("", include("casework.web.documents.urls")),
    path("", include("casework.web.plan.urls")),
    path("", include("casework.web.outcomes.urls")),
    # Nature Check (Danish unless the user picked a language)
    path("", include("casework.web.naturecheck.urls")),
    # Call center (Hebrew unless the user picked a language)
    path("", include("casework.web.callcenter.urls")),
]
