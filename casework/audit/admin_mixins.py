"""The read audit in the configuration screens: a ModelAdmin mixin for the screens that show people (contacts,
citizens, farmers). Each page of the list (with its search and filters) and each opened record leave one
`PersonalDataRead`, as the API's and the web's reads do: one INSERT per page, naming the records shown."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from casework.audit.services import record_read


class PersonalDataReadAdmin:
    """Put before `admin.ModelAdmin` in the bases; `read_audit_kind` names the kind of record (`contact` ...)."""

    read_audit_kind: str = ""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if response.status_code == 200 and changelist is not None:
            # The page's rows: evaluated here, and the same list is what the template then shows (no 2nd query).
            ids = [obj.pk for obj in changelist.result_list]
            record_read(
                actor=request.user,
                kind=self.read_audit_kind,
                ids=ids,
                query={key: request.GET.get(key) for key in sorted(request.GET)},
                path=request.path,
            )
        return response

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        shown = (getattr(response, "context_data", None) or {}).get("original")
        if response.status_code == 200 and shown is not None and shown.pk is not None:
            record_read(actor=request.user, kind=self.read_audit_kind, ids=[shown.pk], path=request.path)
        return response
