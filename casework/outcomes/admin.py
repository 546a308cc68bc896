from uuid import UUID

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from casework.core.errors import DomainError
from casework.core.field_labels import LabelledListEditable
from casework.core.permissions import can
from casework.outcomes import errors, services
from casework.outcomes.access import MANAGE
from casework.outcomes.models import InteractionOutcomeImpact, OutcomeDefinition


class OutcomeDefinitionForm(forms.ModelForm):
    class Meta:
        model = OutcomeDefinition
        fields = ["key", "name", "description", "category", "is_active", "is_reportable", "sort_order"]

    def clean_key(self) -> str:
        key = (self.cleaned_data.get("key") or "").strip()
        if not services.KEY_PATTERN.match(key):
            raise forms.ValidationError(
                _(
                    "A key is 1-150 lowercase letters, digits, '_', '.' or '-', starting with a letter or digit."
                )
            )
        return key


@admin.register(OutcomeDefinition)
class OutcomeDefinitionAdmin(LabelledListEditable, admin.ModelAdmin):
    """Outcomes are disabled, never deleted (their tags must survive), and their key never changes.

    Their display order is set above the list, by dragging a row or with its move buttons, through
    `services.reorder_definitions` (all or nothing, audited), not by editing sort orders one by one."""

    change_list_template = "admin/outcomes/outcomedefinition/change_list.html"
    form = OutcomeDefinitionForm
    list_display = ["name", "key", "category", "is_active", "is_reportable", "sort_order"]
    list_editable = ["is_active", "is_reportable"]
    list_filter = ["is_active", "is_reportable", "category"]
    search_fields = ["name", "key"]

    def get_readonly_fields(self, request, obj=None):
        return ["key"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Through the outcome services, as the API does, so the same rules hold and each change is audited."""
        fields = {
            name: form.cleaned_data[name] for name in services.DEFINITION_FIELDS if name in form.cleaned_data
        }
        if change:
            saved = services.update_definition(obj.pk, actor=request.user, changes=fields)
        else:
            saved = services.create_definition(actor=request.user, key=form.cleaned_data["key"], **fields)
        # The admin goes on with `obj` (its message, its log entry, the address of the saved row).
        obj.pk = saved.pk
        obj._state.adding = False

    def get_urls(self):
        reorder = path(
            "reorder/",
            self.admin_site.admin_view(self.reorder_view),
            name="outcomes_outcomedefinition_reorder",
        )
        return [reorder, *super().get_urls()]

    def may_reorder(self, request: HttpRequest) -> bool:
        return can(request.user, MANAGE) and self.has_change_permission(request)  # type: ignore[arg-type]

    def changelist_view(self, request, extra_context=None):
        context = {
            "may_reorder": self.may_reorder(request),
            "ordered_definitions": list(OutcomeDefinition.objects.in_display_order()),
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    def reorder_view(self, request: HttpRequest) -> HttpResponse:
        """Save a new display order: `ordered_ids` (every definition, in order, as the script sends it) or
        `move=<id>:up|down` (one step, as the buttons send it without a script). JSON for the script, else back
        to the list with a message."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.may_reorder(request):
            raise PermissionDenied
        wants_json = "application/json" in request.headers.get("Accept", "")
        try:
            ordered_ids = self._requested_order(request)
            definitions = services.reorder_definitions(actor=request.user, ordered_ids=ordered_ids)
        except DomainError as exc:
            message = _("The order could not be saved: %(reason)s") % {"reason": exc.message}
            if wants_json:
                return JsonResponse({"message": message}, status=exc.status_code)
            self.message_user(request, message, messages.ERROR)
        else:
            message = _("Order saved.")
            if wants_json:
                return JsonResponse({"message": message, "orderedIds": [str(d.pk) for d in definitions]})
            self.message_user(request, message, messages.SUCCESS)
        return redirect(reverse("admin:outcomes_outcomedefinition_changelist"))

    @staticmethod
    def _requested_order(request: HttpRequest) -> list[UUID]:
        move = request.POST.get("move", "")
        try:
            if move:
                moved_id, _sep, direction = move.partition(":")
                order = list(OutcomeDefinition.objects.in_display_order().values_list("pk", flat=True))
                index = order.index(UUID(moved_id))
                other = index - 1 if direction == "up" else index + 1 if direction == "down" else -1
                if 0 <= other < len(order):
                    order[index], order[other] = order[other], order[index]
                return order
            return [UUID(value) for value in request.POST.getlist("ordered_ids")]
        except ValueError as exc:
            raise errors.UNKNOWN_ID(field="orderedIds") from exc


@admin.register(InteractionOutcomeImpact)
class InteractionOutcomeImpactAdmin(admin.ModelAdmin):
    """Read-only: tags are written on the case timeline, through the services behind the API."""

    list_display = ["interaction", "outcome_definition", "impact", "attribution", "intensity", "created_at"]
    list_filter = ["outcome_definition", "attribution", "impact"]
    list_select_related = ["interaction", "outcome_definition"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
