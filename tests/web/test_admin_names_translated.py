"""The configuration screens (the Django admin) name Casework's apps, models and field labels in the reader's
language: in Danish and Hebrew nothing of the index is left in English (#14)."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Not Casework's: django-tasks-db names its app in a plain string, no translation can reach it.
THIRD_PARTY = {"Tasks Database Backend"}
# Words that are the same in that language ("team", plural "teams", is the Danish word the caseworker UI uses).
SAME_WORD = {"da": {"Teams"}, "he": set()}


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
