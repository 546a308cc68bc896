"""What the crawler (tests/web/test_crawler.py) found, held by the test client so that it fails fast: the
navigation offers only pages the persona may open, the farm list's buttons are named by their visible text,
Nature Check and call-center statuses and the configuration screens' labels are in the reader's language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from casework.cases.plan.models import CaseRelationship, RelationshipType
from tests.accounts.factories import UserFactory
from tests.callcenter.factories import CitizenFactory
from tests.cases.factories import CaseFactory
from tests.naturecheck.factories import (
    ConsultantFactory,
    EmployeeFactory,
    FarmFactory,
    NatureCheckCaseFactory,
)

pytestmark = pytest.mark.django_db


def speaking(client, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def navigation(html: str) -> str:
    return re.search(r'<nav aria-label="[^"]*">.*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize(
    ("make_user", "landing"),
    [
        (EmployeeFactory, "web:naturecheck_farms"),
        (ConsultantFactory, "web:naturecheck_inbox"),
        (lambda: UserFactory(role_id="operator"), "web:callcenter_queue"),
    ],
    ids=["employee", "consultant", "operator"],
)
def test_the_navigation_offers_no_case_pages_to_a_role_that_may_not_open_them(client_as, make_user, landing):
    client = client_as(make_user())
    html = client.get(reverse(landing)).content.decode()
    nav = navigation(html)
    assert f'href="{reverse("web:case_list")}"' not in nav
    assert f'href="{reverse("web:dashboard")}"' not in nav
    assert client.get(reverse("web:case_list")).status_code == 403


def test_the_navigation_offers_the_case_pages_to_case_staff(client_as, caseworker):
    nav = navigation(client_as(caseworker).get(reverse("web:dashboard")).content.decode())
    assert f'href="{reverse("web:case_list")}"' in nav
    assert f'href="{reverse("web:dashboard")}"' in nav


def test_the_farm_lists_edit_and_delete_buttons_are_named_by_their_visible_text_in_hebrew(client_as):
    farm = FarmFactory(name="Bakkegården")
    html = speaking(client_as(EmployeeFactory()), "he").get(reverse("web:naturecheck_farms")).content.decode()
    row = re.search(rf'<tr id="farm-{farm.pk}">.*?</tr>', html, re.S).group(0)
    edit = re.search(
        rf'<a class="button" href="{reverse("web:naturecheck_farm_edit", args=[farm.pk])}"[^>]*>(.*?)</a>',
        row,
        re.S,
    )
    delete = re.search(
        rf'<a class="button" href="{reverse("web:naturecheck_farm_delete", args=[farm.pk])}"[^>]*>(.*?)</a>',
        row,
        re.S,
    )
    # The accessible name is the visible word followed by the farm's name (no aria-label to contradict it).
    assert "aria-label" not in edit.group(0) and "aria-label" not in delete.group(0)
    assert edit.group(1) == 'עריכה<span class="visually-hidden" dir="auto"> Bakkegården</span>'
    assert delete.group(1) == 'מחיקה<span class="visually-hidden" dir="auto"> Bakkegården</span>'


def test_a_farms_case_in_progress_says_so_in_hebrew(client_as):
    case = NatureCheckCaseFactory(status="InProgress")
    html = (
        speaking(client_as(EmployeeFactory()), "he")
        .get(reverse("web:naturecheck_farm", args=[case.farm.pk]))
        .content.decode()
    )
    assert "בטיפול" in html
    assert "In progress" not in html


def test_the_configuration_screens_name_peoples_fields_in_danish(client_as, admin):
    client = speaking(client_as(admin), "da")
    users = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "Fornavn" in users and "Efternavn" in users
    assert "First name" not in users and "Last name" not in users
    form = client.get(reverse("admin:accounts_user_change", args=[admin.pk])).content.decode()
    assert "Fornavn" in form and "First name" not in form


def test_the_configuration_screens_show_a_citizens_status_and_call_result_fields_in_hebrew(client_as, admin):
    CitizenFactory(status="Pending")
    client = speaking(client_as(admin), "he")
    citizens = client.get(reverse("admin:callcenter_citizenrecord_changelist")).content.decode()
    assert "ממתין" in citizens and "Pending" not in re.sub(r"<[^>]*>", "", citizens)
    form = client.get(reverse("admin:callcenter_citizenrecord_add")).content.decode()
    assert "יש ממ״ד" in form and "mamad" not in form


def test_the_configuration_screens_show_case_links_in_danish(client_as, admin):
    CaseRelationship.objects.create(
        case=CaseFactory(), related_case=CaseFactory(), relationship_type=RelationshipType.BLOCKED_BY
    )
    html = (
        speaking(client_as(admin), "da")
        .get(reverse("admin:cases_caserelationship_changelist"))
        .content.decode()
    )
    assert "Blokeret af" in html and "Blocked by" not in html


def test_the_inputs_of_an_editable_change_list_are_named_by_column_and_row(client_as, admin):
    html = client_as(admin).get(reverse("admin:cases_casetype_changelist")).content.decode()
    inputs = re.findall(r'<input[^>]*name="form-\d+-(?:sort_order|is_active)"[^>]*>', html)
    assert inputs
    for tag in inputs:
        assert re.search(r'aria-label="(Sort order|Active): [^"]+"', tag), tag
