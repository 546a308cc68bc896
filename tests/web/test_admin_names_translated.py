"""The configuration screens (the Django admin) name Casework's apps, models and field labels in the reader's
language: in Danish and Hebrew nothing of the index, of a list's column headers or of a form's labels is left in
English (#14)."""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin as django_admin
from django.contrib.admin.utils import label_for_field
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Not Casework's: django-tasks-db names its app in a plain string, no translation can reach it.
THIRD_PARTY = {"Tasks Database Backend"}
# Words that are the same in that language ("team", plural "teams", is the Danish word the caseworker UI uses).
SAME_WORD = {"da": {"Teams"}, "he": set()}
# Field labels that are the same word in that language: the Danish UI says status, team, data, version, type; a
# CVR number, an ID and a URL are called so in Danish. Hebrew writes none of them in Latin letters.
SAME_LABEL = {"da": {"Status", "Team", "Data", "Version", "Type", "ID", "URL", "CVR"}, "he": set()}
# The fields django-simple-history adds to a historical model (history_id, history_date, ...): its own labels.
HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}


def casework_models() -> list[type[models.Model]]:
    return sorted(
        (model for model in apps.get_models() if model.__module__.startswith("casework.")),
        key=lambda model: model._meta.label,
    )


def field_names(model: type[models.Model]) -> dict[str, str]:
    """{field name: its label in the active language} of every concrete and many-to-many field of `model`."""
    return {
        field.name: str(field.verbose_name)
        for field in model._meta.get_fields()
        if ((field.concrete or field.many_to_many) and not field.auto_created) or field.name == "id"
        if field.name not in HISTORY_FIELDS
    }


def registered_casework_admins() -> list[tuple[str, django_admin.ModelAdmin]]:
    return sorted(
        (model._meta.label, model_admin)
        for model, model_admin in django_admin.site._registry.items()
        if model.__module__.startswith("casework.")
    )


def admin_labels(model_admin: django_admin.ModelAdmin, request) -> set[str]:
    """The column headers of the change list and the labels of the add form (editable and read-only fields)."""
    model = model_admin.model
    labels = {
        str(label_for_field(name, model, model_admin)) for name in model_admin.get_list_display(request)
    }
    form = model_admin.get_form(request, None)
    labels |= {str(field.label) for field in form.base_fields.values() if field.label}
    labels |= {
        str(label_for_field(name, model, model_admin, form=form))
        for name in model_admin.get_readonly_fields(request)
    }
    labels.discard("")
    return labels


class IndexNames(HTMLParser):
    """The app names (the `<caption>` of each app's table) and model names (`<th scope="row"><a>`) of the index."""

    def __init__(self) -> None:
        super().__init__()
        self.apps: list[str] = []
        self.models: list[str] = []
        self._into: list[str] | None = None
        self._in_row_header = False
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "caption":
            self._into, self._text = self.apps, ""
        elif tag == "th" and ("scope", "row") in attrs:
            self._in_row_header = True
        elif tag == "a" and self._in_row_header:
            self._into, self._text = self.models, ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("caption", "a") and self._into is not None:
            self._into.append(" ".join(self._text.split()))
            self._into = None
        elif tag == "th":
            self._in_row_header = False

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._text += data


def index_names(client: Client, language: str) -> tuple[list[str], list[str]]:
    client.cookies["django_language"] = language
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'lang="{language}"' in page
    names = IndexNames()
    names.feed(page)
    return names.apps, names.models


def change_list_headers(client: Client, language: str, model: str) -> list[str]:
    client.cookies["django_language"] = language
    page = client.get(reverse(f"admin:{model}_changelist")).content.decode()
    return [header.split("</a>")[0].rsplit(">", 1)[-1] for header in page.split('<div class="text">')[1:]]


@pytest.mark.parametrize("language", ["da", "he"])
def test_every_app_and_model_name_of_the_admin_index_is_translated(client_as, admin, language):
    client = client_as(admin)
    english_apps, english_models = index_names(client, "en")
    assert "Accounts" in english_apps and "Users" in english_models and "Case types" in english_models

    apps, models = index_names(client, language)

    assert len(apps) == len(english_apps) and len(models) == len(english_models)
    english = set(english_apps + english_models) - THIRD_PARTY - SAME_WORD[language]
    assert [name for name in apps + models if name in english] == []


@pytest.mark.parametrize("language", ["da", "he"])
@pytest.mark.parametrize("model", ["accounts_user", "accounts_role", "cases_casetype", "cases_casestatus"])
def test_the_single_word_column_headers_of_configuration_lists_are_translated(
    client_as, admin, language, model
):
    client = client_as(admin)
    english = change_list_headers(client, "en", model)
    single_words = {header for header in english if header and " " not in header}
    assert single_words

    translated = change_list_headers(client, language, model)

    assert len(translated) == len(english)
    assert [header for header in translated if header in single_words] == []


@pytest.mark.parametrize("language", ["da", "he"])
def test_every_field_of_every_casework_model_is_named_in_the_language(language):
    models_ = casework_models()
    assert {"cases.Case", "callcenter.CitizenRecord", "naturecheck.Farm"} <= {m._meta.label for m in models_}
    untranslated = []
    for model in models_:
        with translation.override("en"):
            english = field_names(model)
        with translation.override(language):
            translated = field_names(model)
        untranslated += [
            f"{model._meta.label}.{name}: {label}"
            for name, label in english.items()
            if translated[name] == label and label not in SAME_LABEL[language]
        ]

    assert untranslated == []


@pytest.mark.parametrize("language", ["da", "he"])
@pytest.mark.parametrize("label", [label for label, _ in registered_casework_admins()])
def test_the_columns_and_form_labels_of_every_configuration_screen_are_translated(admin, language, label):
    model_admin = dict(registered_casework_admins())[label]
    request = RequestFactory().get("/admin/")
    request.user = admin
    with translation.override("en"):
        english = admin_labels(model_admin, request)
    assert english

    with translation.override(language):
        translated = admin_labels(model_admin, request)

    assert sorted((english & translated) - SAME_LABEL[language]) == []
