"""Call center screens (Hebrew unless the user picked a language): the operator's queue and call form, the
106 page, and the admins' import, export, clear and progress. Every write is one call to
`casework.callcenter.services`.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.audit.services import record_read
from casework.callcenter import conf, errors, services
from casework.callcenter.access import get_citizen_for_user
from casework.callcenter.csvfiles import OPTIONAL_IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, read_citizens
from casework.callcenter.models import CitizenRecord, CitizenStatus
from casework.core.errors import Conflict, NotFound, PermissionDenied
from casework.core.permissions import can
from casework.web.callcenter import reads
from casework.web.callcenter.forms import CHECKS, CallResultForm, CaseNumberForm, ClearForm, ImportForm
from casework.web.shell.language import default_language
from casework.web.shell.pages import staff_page
from casework.web.shell.service_calls import call_service

LANGUAGE = "he"
AWAITING_LIST_SIZE = 20


def _name(citizen: CitizenRecord) -> str:
    return f"{citizen.first_name} {citizen.last_name}"


# --- the operator's queue --------------------------------------------------------------------------------------


def _queue_page(request: HttpRequest, *, empty: bool = False) -> HttpResponse:
    user: Any = request.user
    held = reads.held_by(user, now=timezone.now())
    awaiting = list(reads.awaiting_106_case()[:AWAITING_LIST_SIZE])
    retrying = reads.waiting_for_retry(now=timezone.now())[:AWAITING_LIST_SIZE]
    shown = [*([held] if held else []), *awaiting, *(row["citizen"] for row in retrying)]
    record_read(
        actor=user, kind="citizen", ids=[c.pk for c in shown], query={"page": "queue"}, path=request.path
    )
    context = {
        "held": held,
        "awaiting": awaiting,
        "awaiting_total": reads.awaiting_106_case().count(),
        "empty": empty,
        "retrying": retrying,
        "can_manage": can(user, "callcenter.manage"),
    }
    return render(request, "web/callcenter/queue.html", context)


@require_GET
@default_language(LANGUAGE)
@staff_page("callcenter.work")
def queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request)


@require_POST
@default_language(LANGUAGE)
@staff_page("callcenter.work")
def next_citizen(request: HttpRequest) -> HttpResponse:
    citizen = services.take_next_citizen(operator=request.user)  # type: ignore[arg-type]
    if citizen is None:
        return _queue_page(request, empty=True)
    return redirect("web:callcenter_call", citizen_id=citizen.pk)


def _call_page(
    request: HttpRequest,
    citizen: CitizenRecord,
    *,
    form: CallResultForm | None = None,
    lock_error: str = "",
    status: int = 200,
) -> HttpResponse:
    user: Any = request.user
    mine = citizen.status == CitizenStatus.IN_PROGRESS and citizen.locked_by_id == user.pk
    if not lock_error and not mine:
        # Opened from a link or the history: say why there is no form instead of letting a submit fail.
        if citizen.status == CitizenStatus.IN_PROGRESS:
            lock_error, status = errors.LOCKED_BY_ANOTHER_OPERATOR().message, 409
        else:
            lock_error, status = errors.NOT_IN_PROGRESS().message, 409
    form = form or CallResultForm.for_citizen(citizen)
    context = {
        "citizen": citizen,
        "form": form,
        "checks": [form[name] for name in CHECKS],
        "lock_error": lock_error,
        "show_form": mine and not lock_error,
        "attempts": reads.attempts(citizen),
    }
    return render(request, "web/callcenter/call.html", context, status=status)


@require_http_methods(["GET", "POST"])
@default_language(LANGUAGE)
@staff_page("callcenter.work")
def call(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = get_citizen_for_user(request.user, citizen_id)
    if request.method == "GET":
        record_read(actor=request.user, kind="citizen", ids=[citizen.pk], path=request.path)
        return _call_page(request, citizen)
    form = CallResultForm(request.POST)
    if not form.is_valid():
        return _call_page(request, citizen, form=form, status=422)
    called = call_service(
        form,
        lambda: services.submit_call_result(
            citizen.pk,
            operator=request.user,  # type: ignore[arg-type]
            result=form.result(),
        ),
        conflicts=(PermissionDenied, Conflict),
    )
    if called.conflict and called.error is not None:
        fresh = get_citizen_for_user(request.user, citizen_id)
        return _call_page(
            request, fresh, form=form, lock_error=called.conflict, status=called.error.status_code
        )
    if called.value is None:
        return _call_page(request, citizen, form=form, status=422)
    citizen = called.value
    if reads.is_awaiting_106_case(citizen):
        return redirect("web:callcenter_106", citizen_id=citizen.pk)
    saved = _("The call with %(name)s was saved.") % {"name": _name(citizen)}
    next_attempt = reads.next_attempt_at(citizen)
    if next_attempt is not None:
        saved += " " + _("Next attempt after %(time)s.") % {
            "time": date_format(timezone.localtime(next_attempt), "TIME_FORMAT")
        }
    messages.success(request, saved)
    return redirect("web:callcenter_queue")


@require_http_methods(["GET", "POST"])
@default_language(LANGUAGE)
@staff_page("callcenter.work")
def case_106(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """The citizen nobody could reach: a message to copy into the municipality's 106 system, and the number of
    the ticket opened there."""
    citizen = get_citizen_for_user(request.user, citizen_id)
    if request.method == "GET":
        record_read(actor=request.user, kind="citizen", ids=[citizen.pk], path=request.path)
    form = CaseNumberForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        called = call_service(
            form,
            lambda: services.open_callcenter_case(
                citizen_id=citizen.pk,
                case_number=form.cleaned_data["case_number"],
                actor=request.user,  # type: ignore[arg-type]
            ),
            fields={"caseNumber": "case_number", "id": ""},
            conflicts=(),
            passes=(NotFound,),
        )
        if called.value is not None:
            messages.success(
                request,
                _("106 case %(number)s saved for %(name)s.")
                % {"number": called.value.callcenter_case_number, "name": _name(citizen)},
            )
            return redirect("web:callcenter_queue")
        if called.error is not None:
            status = called.error.status_code
    existing = getattr(citizen, "callcenter_case", None)
    context = {
        "citizen": citizen,
        "form": form,
        "attempts": reads.attempts(citizen),
        "hotline_url": conf.hotline_url(),
        "existing": existing,
    }
    return render(request, "web/callcenter/case_106.html", context, status=status)


# --- the admins' list tools ------------------------------------------------------------------------------------


def _admin_page(
    request: HttpRequest, *, import_form: ImportForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "progress": reads.progress(),
        "import_form": import_form or ImportForm(),
        "import_columns": {"required": REQUIRED_IMPORT_COLUMNS, "optional": OPTIONAL_IMPORT_COLUMNS},
    }
    return render(request, "web/callcenter/admin.html", context, status=status)


@require_GET
@default_language(LANGUAGE)
@staff_page("callcenter.manage")
def admin(request: HttpRequest) -> HttpResponse:
    return _admin_page(request)


@require_POST
@default_language(LANGUAGE)
@staff_page("callcenter.manage")
def import_list(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _admin_page(request, import_form=form, status=422)
    called = call_service(
        form,
        lambda: services.import_citizens(rows=read_citizens(form.cleaned_data["file"]), actor=request.user),  # type: ignore[arg-type]
        fields=lambda _field: "file",
        conflicts=(),
    )
    if called.error is not None:
        return _admin_page(request, import_form=form, status=called.error.status_code)
    messages.success(request, _("%(n)s citizens imported.") % {"n": called.value})
    return redirect("web:callcenter_admin")


@require_GET
@staff_page("callcenter.manage")
def export_list(
    request: HttpRequest,
) -> Any:  # a StreamingHttpResponse, which staff_page's type does not name
    """The same streamed CSV as `GET /api/admin/citizens` (the API takes bearer tokens; this the session)."""
    filename, lines = services.export_citizens(
        actor=request.user,  # type: ignore[arg-type]
        include_phones=request.GET.get("include") == "phones",
    )
    return StreamingHttpResponse(
        lines,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@require_http_methods(["GET", "POST"])
@default_language(LANGUAGE)
@staff_page("callcenter.manage")
def clear_list(request: HttpRequest) -> HttpResponse:
    form = ClearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        citizens, cases = services.clear_citizens(actor=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("Deleted %(citizens)s citizens and %(cases)s 106 cases.")
            % {"citizens": citizens, "cases": cases},
        )
        return redirect("web:callcenter_admin")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "progress": reads.progress()}
    return render(request, "web/callcenter/clear.html", context, status=status)
