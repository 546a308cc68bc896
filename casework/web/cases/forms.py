"""Forms of the case screens: the list's filters, intake, the case detail's forms, assigning.

They parse and present input; the services decide what is allowed."""

from typing import Any
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.accounts.models import Team, User
from casework.accounts.querysets import case_workers
from casework.cases.filters import MAX_SEARCH_LENGTH, CaseFilter
from casework.cases.models import Case, CaseStatus, CaseType, NoteType
from casework.cases.querysets import SORTS
from casework.contacts.models import Contact
from casework.core import labels
from casework.outcomes.models import OutcomeDefinition
from casework.web.shell.forms import BLANK, DATE_WIDGET, UserChoiceField


def _choices(table: dict[str, Any], *, blank: bool = True) -> list[tuple[str, Any]]:
    return ([BLANK] if blank else []) + list(table.items())


class CaseTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(labels.label("case_type", obj.name))


class StatusChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(labels.label("status", obj.name))


class OutcomeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(labels.label("outcome", obj.name))


def assignee_filter_people() -> Any:
    """Whom the case list's Assignee filter offers: the people a case may be assigned to, and anyone who holds a
    case now (a role changed, an account deactivated); never a viewer, operator or consultant with no case."""
    holders = Case.objects.filter(assigned_to__isnull=False).values("assigned_to")
    return User.objects.filter(Q(pk__in=case_workers().values("pk")) | Q(pk__in=holders)).order_by(
        "first_name", "last_name", "email"
    )


SORT_CHOICES = [(key, key) for name in SORTS for key in (name, f"-{name}")]


class CaseFilterForm(forms.Form):
    """The case list's filters, read from the query string so a filtered view can be bookmarked."""

    q = forms.CharField(label=_("Search"), required=False)
    case_type = CaseTypeChoiceField(
        label=_("Type"), queryset=CaseType.objects.filter(is_active=True), required=False, empty_label="—"
    )
    state = forms.ChoiceField(
        label=_("Open or closed"),
        required=False,
        choices=[BLANK, ("open", _("Open")), ("finished", _("Closed or cancelled"))],
    )
    status = StatusChoiceField(
        label=_("Status"), queryset=CaseStatus.objects.filter(is_active=True), required=False, empty_label="—"
    )
    priority = forms.ChoiceField(label=_("Priority"), required=False, choices=_choices(labels.PRIORITY))
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.filter(is_active=True), required=False, empty_label="—"
    )
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[
            BLANK,
            ("overdue", _("Overdue")),
            ("week", _("Due this week")),
            ("none", _("No due date")),
        ],
    )
    urgent = forms.BooleanField(label=_("Urgent only"), required=False)
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = [(str(u.pk), u.full_name or u.email) for u in assignee_filter_people()]
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ChoiceField)
        assignee.choices = [
            BLANK,
            ("me", _("Me")),
            ("none", _("Nobody (unassigned)")),
            *people,
        ]
        # A filter with no choice but "—" only takes room; it appears once the first team exists.
        if not Team.objects.filter(is_active=True).exists():
            del self.fields["team"]

    def case_filter(self, *, user: User) -> CaseFilter:
        """The cleaned filters as the case list's `CaseFilter` (after `is_valid()`; a value that did not clean is
        left out, so the others still apply). "Me" is the user; "nobody" is neither a user nor a team."""
        values = self.cleaned_data
        assignee = values.get("assignee") or ""
        assigned_to = (
            user.pk if assignee == "me" else UUID(assignee) if assignee not in ("", "none") else None
        )
        return CaseFilter(
            # The API refuses a longer search; the list, which shows no error for a filter, searches its start.
            search=(values.get("q") or "")[:MAX_SEARCH_LENGTH] or None,
            case_type_id=_pk(values.get("case_type")),
            state=values.get("state") or None,
            status_id=_pk(values.get("status")),
            priority=values.get("priority") or None,
            assigned_to=assigned_to,
            unassigned=True if assignee == "none" else None,
            assigned_team_id=_pk(values.get("team")),
            due=values.get("due") or None,
            is_urgent=True if values.get("urgent") else None,
        )


def _pk(obj: Any) -> Any:
    return getattr(obj, "pk", None)


class AssignFields(forms.Form):
    # Only people whose role may work cases are offered (read per form, in __init__: which roles those are is
    # data); the service refuses anyone else.
    assigned_to = UserChoiceField(
        label=_("Assign to"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )
    assigned_team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.filter(is_active=True),
        required=False,
        empty_label=_("No team"),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assigned_to = self.fields["assigned_to"]
        assert isinstance(assigned_to, forms.ModelChoiceField)
        assigned_to.queryset = case_workers()
        # A choice of "No team" alone only takes room; the field appears once the first team exists (and
        # without it the case is assigned to no team, as choosing "No team" would).
        if not Team.objects.filter(is_active=True).exists():
            del self.fields["assigned_team"]


class BulkAssignForm(AssignFields):
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"),
        queryset=Case.objects.all(),
        error_messages={"required": _("Select at least one case.")},
    )


class AssignForm(AssignFields):
    prefix = "assign"
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class ContactInlineForm(forms.Form):
    """A new client registered from the intake form."""

    prefix = "new_contact"
    use_required_attribute = False  # its inputs sit inside the intake form, which must submit without them
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


def intake_field(definition: dict[str, Any]) -> forms.Field:
    """A form field for one custom field definition. Rules (required, ranges, lengths) are left to the
    service, which checks them for the API too; the field only converts the text the browser sends."""
    kind = definition["type"]
    label = labels.field_label(definition)
    common: dict[str, Any] = {
        "label": format_lazy("{} *", label) if definition.get("required") else label,
        "required": False,
        "help_text": definition.get("help_text", ""),
    }
    if kind == "textarea":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind == "integer":
        return forms.IntegerField(**common)
    if kind == "number":
        return forms.DecimalField(**common)
    if kind == "boolean":
        return forms.BooleanField(**common)
    if kind == "date":
        return forms.DateField(widget=DATE_WIDGET, **common)
    options = [(o, labels.label("option", o)) for o in definition.get("options", [])]
    if kind == "select":
        return forms.ChoiceField(choices=[BLANK, *options], **common)
    if kind == "multiselect":
        return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, choices=options, **common)
    return forms.CharField(**common)


class IntakeForm(forms.Form):
    """A new case: the contact, the case type, the case's details and that type's intake questions.

    The intake questions are fields named `intake_<key>`, built from the case type's custom field definitions.
    """

    use_required_attribute = False  # the server shows every error next to its field, in the user's language

    contact = forms.ModelChoiceField(
        label=_("Contact"),
        queryset=Contact.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose a contact."), "invalid_choice": _("Choose a contact.")},
    )
    case_type = CaseTypeChoiceField(
        label=_("Case type"), queryset=CaseType.objects.filter(is_active=True), empty_label="—"
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=_choices(labels.PRIORITY, blank=False), initial="medium"
    )
    source = forms.ChoiceField(label=_("Source"), choices=_choices(labels.SOURCE), required=False)
    referral_source = forms.CharField(label=_("Referred by"), max_length=255, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_WIDGET)
    is_urgent = forms.BooleanField(label=_("Urgent"), required=False)

    def __init__(self, *args: Any, case_type: CaseType | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chosen_type = case_type
        self.definitions = list(case_type.custom_fields or []) if case_type else []
        for definition in self.definitions:
            self.fields[f"intake_{definition['key']}"] = intake_field(definition)

    @property
    def intake_fields(self) -> list[forms.BoundField]:
        return [self[f"intake_{d['key']}"] for d in self.definitions]

    @property
    def required_intake_keys(self) -> set[str]:
        return {d["key"] for d in self.definitions if d.get("required")}

    @property
    def service_fields(self) -> dict[str, str]:
        """Where each field the service may name in an error is shown on this form."""
        mapping = {"contact_id": "contact", "case_type_id": "case_type", "intake_data": "case_type"}
        mapping.update({f"intake_data.{d['key']}": f"intake_{d['key']}" for d in self.definitions})
        return mapping

    def intake_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for definition in self.definitions:
            value = self.cleaned_data.get(f"intake_{definition['key']}")
            if definition["type"] == "number" and value is not None:
                value = str(value)
            if definition["type"] == "date" and value is not None:
                value = value.isoformat()
            data[definition["key"]] = value
        return data


class StatusChangeForm(forms.Form):
    """Move a case to one of the statuses its current status allows."""

    new_status = StatusChoiceField(label=_("New status"), queryset=CaseStatus.objects.none(), empty_label="—")
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = case.status.can_transition_to.filter(is_active=True).order_by("sort_order")
        field = self.fields["new_status"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = self.targets
        self.initial.setdefault("row_version", case.row_version)

    def chosen_status(self) -> CaseStatus | None:
        """The status picked so far (valid or not yet submitted), to show its reason field."""
        raw = self["new_status"].value()
        try:
            return self.targets.filter(pk=raw).first() if raw else None
        except (ValueError, ValidationError):
            return None


class CaseEditForm(forms.Form):
    """A case's details, with the version they were read at so a stale save is refused."""

    prefix = "edit"

    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=_choices(labels.PRIORITY, blank=False))
    source = forms.ChoiceField(label=_("Source"), choices=_choices(labels.SOURCE), required=False)
    referral_source = forms.CharField(label=_("Referred by"), max_length=255, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_WIDGET)
    is_urgent = forms.BooleanField(label=_("Urgent"), required=False)
    requires_followup = forms.BooleanField(label=_("Needs follow-up"), required=False)
    followup_date = forms.DateField(label=_("Follow-up date"), required=False, widget=DATE_WIDGET)
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_case(cls, case: Case) -> "CaseEditForm":
        return cls(initial={name: getattr(case, name) for name in cls.base_fields})

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "row_version"}


class NoteForm(forms.Form):
    note_type = forms.ChoiceField(
        label=pgettext_lazy("note form", "Kind"),
        choices=[(k, v) for k, v in labels.NOTE_TYPE.items() if k != NoteType.STATUS_CHANGE],
        initial=NoteType.NOTE,
    )
    subject = forms.CharField(label=_("Subject"), max_length=255, required=False)
    content = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
    is_internal = forms.BooleanField(label=_("Internal (staff only)"), required=False)
    is_important = forms.BooleanField(label=_("Important"), required=False)
    outcome_impacts = OutcomeChoiceField(
        label=_("Outcomes this note shows an impact on"),
        queryset=OutcomeDefinition.objects.active().in_display_order(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_outcome_impacts(self) -> list[dict[str, Any]] | None:
        """The ticked outcomes as tags (impact) saved with the note, or None for none."""
        chosen = self.cleaned_data.get("outcome_impacts") or []
        return [{"outcome_definition_id": d.pk, "impact": True} for d in chosen] or None
