"""The UI's views through the Django test client: pages render, rules are the services', errors show by field."""

import re

import pytest
from django.urls import reverse

from casework.cases import services
from casework.cases.models import Case, CaseNote
from casework.contacts.models import Contact
from casework.notifications.services import notify
from tests.accounts.factories import PASSWORD
from tests.cases.factories import CaseFactory, case_type, days_from_today, status
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


def detail_url(case: Case) -> str:
    return reverse("web:case_detail", args=[case.pk])


# --- sign in, sign out, access ---


@pytest.mark.parametrize(
    "url",
    ["/", "/cases/", "/cases/new/", "/cases/new/fields/", "/contacts/search/"],
)
def test_every_page_sends_an_anonymous_visitor_to_sign_in(client_as, url):
    response = client_as(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=")


def test_an_htmx_request_without_a_session_is_redirected_by_header(client_as):
    response = client_as(None).get("/cases/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("web:login")


def test_signing_in_with_email_and_password_opens_the_dashboard(client, caseworker):
    response = client.post(reverse("web:login"), {"username": caseworker.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")
    assert client.get("/").status_code == 200


def test_signing_in_with_a_wrong_password_shows_the_error(client, caseworker):
    response = client.post(reverse("web:login"), {"username": caseworker.email, "password": "nope"})
    assert response.status_code == 200
    assert "The email or password is not right" in response.content.decode()


def test_sign_in_is_throttled_per_account(client, caseworker, settings):
    settings.LOGIN_RATE_PER_ACCOUNT = "2/h"
    for _ in range(2):
        client.post(reverse("web:login"), {"username": caseworker.email, "password": "nope"})
    response = client.post(reverse("web:login"), {"username": caseworker.email, "password": PASSWORD})
    assert "Too many sign-in attempts" in response.content.decode()


def test_signing_out_ends_the_session(client_as, caseworker):
    client = client_as(caseworker)
    response = client.post(reverse("web:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_a_role_without_the_permission_gets_the_403_page(client_as, viewer):
    response = client_as(viewer).get(reverse("web:intake"))
    assert response.status_code == 403
    assert "cases.create" in response.content.decode()


def test_a_missing_case_is_404(client_as, caseworker):
    response = client_as(caseworker).get("/cases/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


# --- dashboard ---


def test_dashboard_shows_figures_lists_and_notifications(client_as, caseworker):
    mine = CaseFactory(assigned_to=caseworker, due_date=days_from_today(-2), title="Leaking roof")
    CaseFactory(title="Nobody has this")
    notify(recipient=caseworker, kind="test", title="You got a case", target=mine)
    response = client_as(caseworker).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leaking roof" in html
    assert "Nobody has this" in html
    assert "You got a case" in html
    assert "Opened and closed per week" in html


def test_dashboard_reads_a_fixed_number_of_queries(client_as, caseworker, django_assert_max_num_queries):
    for _ in range(5):
        CaseFactory(assigned_to=caseworker, due_date=days_from_today(1))
    client = client_as(caseworker)
    with django_assert_max_num_queries(20):
        client.get("/")


# --- case list ---


def test_case_list_filters_searches_and_sorts_from_the_query_string(client_as, caseworker):
    CaseFactory(title="Alpha eviction", priority="high", is_urgent=True)
    CaseFactory(title="Beta benefits", priority="low")
    client = client_as(caseworker)
    html = client.get("/cases/", {"q": "eviction"}).content.decode()
    assert "Alpha eviction" in html and "Beta benefits" not in html
    html = client.get("/cases/", {"priority": "low"}).content.decode()
    assert "Beta benefits" in html and "Alpha eviction" not in html
    html = client.get("/cases/", {"urgent": "on"}).content.decode()
    assert "Alpha eviction" in html and "Beta benefits" not in html
    html = client.get("/cases/", {"sort": "title"}).content.decode()
    assert html.index("Alpha eviction") < html.index("Beta benefits")
    html = client.get("/cases/", {"sort": "-title"}).content.decode()
    assert html.index("Beta benefits") < html.index("Alpha eviction")


def test_an_invalid_filter_value_is_ignored(client_as, caseworker):
    CaseFactory(title="Still listed")
    response = client_as(caseworker).get("/cases/", {"priority": "bogus", "case_type": "x", "sort": "drop"})
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


def test_case_list_as_htmx_returns_only_the_results_fragment(client_as, caseworker):
    CaseFactory(title="In the fragment")
    response = client_as(caseworker).get("/cases/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "In the fragment" in html
    assert "<html" not in html


def test_case_list_pages(client_as, caseworker):
    for n in range(30):
        CaseFactory(title=f"Case {n:02d}")
    client = client_as(caseworker)
    first = client.get("/cases/", {"sort": "title"}).content.decode()
    second = client.get("/cases/", {"sort": "title", "page": 2}).content.decode()
    assert "Case 00" in first and "Case 29" not in first
    assert "Case 29" in second and "Page 2 of 2" in second


def test_case_list_query_count_does_not_grow_with_rows(client_as, caseworker, django_assert_max_num_queries):
    for _ in range(25):
        CaseFactory()
    client = client_as(caseworker)
    with django_assert_max_num_queries(13):  # 12, and the page's read record (audit.PersonalDataRead)
        client.get("/cases/")


def test_bulk_assign_assigns_each_case_and_reports_per_row(client_as, manager, caseworker):
    first, second = CaseFactory(), CaseFactory()
    response = client_as(manager).post(
        reverse("web:bulk_assign"),
        {"cases": [first.pk, second.pk], "assigned_to": caseworker.pk, "reason": "Spread the load"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "2 of 2 cases assigned" in response.content.decode()
    assert Case.objects.filter(assigned_to=caseworker).count() == 2


def test_bulk_assign_reports_a_refused_row(client_as, manager, caseworker):
    from casework.accounts.models import Team

    team = Team.objects.create(name="Housing Team")  # the caseworker is no member
    case = CaseFactory()
    response = client_as(manager).post(
        reverse("web:bulk_assign"),
        {"cases": [case.pk], "assigned_to": caseworker.pk, "assigned_team": team.pk},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "0 of 1 cases assigned" in html
    assert "is not a member of Housing Team" in html


def test_bulk_assign_is_for_managers_only(client_as, caseworker):
    case = CaseFactory()
    response = client_as(caseworker).post(reverse("web:bulk_assign"), {"cases": [case.pk]})
    assert response.status_code == 403


# --- intake ---


def intake_post(contact: Contact, type_name: str, **extra):
    data = {
        "contact": contact.pk,
        "case_type": case_type(type_name).pk,
        "title": "Needs a flat",
        "priority": "high",
    }
    data.update(extra)
    return data


def test_intake_fields_follow_the_chosen_case_type(client_as, caseworker):
    html = (
        client_as(caseworker)
        .get("/cases/new/fields/", {"case_type": case_type("Housing").pk})
        .content.decode()
    )
    assert 'name="intake_household_size"' in html
    assert 'name="intake_income_level"' in html


def test_intake_opens_the_case_and_shows_it(client_as, caseworker):
    contact = ContactFactory()
    response = client_as(caseworker).post(
        "/cases/new/", intake_post(contact, "Housing", intake_household_size="3", intake_income_level="low")
    )
    case = Case.objects.get(contact=contact)
    assert response.status_code == 302
    assert response["Location"] == detail_url(case)
    assert case.intake_data == {"household_size": 3, "income_level": "low"}
    assert case.priority == "high"


def test_intake_shows_the_services_custom_field_error_next_to_the_field(client_as, caseworker):
    contact = ContactFactory()
    response = client_as(caseworker).post(
        "/cases/new/", intake_post(contact, "Housing", intake_household_size="40")
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert re.search(
        r'<ul class="errorlist" id="id_intake_household_size_error"><li>Must be at most 30</li>', html
    )
    assert 'aria-invalid="true"' in html
    assert not Case.objects.exists()


def test_intake_required_custom_field_is_asked_for(client_as, caseworker):
    response = client_as(caseworker).post("/cases/new/", intake_post(ContactFactory(), "Housing"))
    assert 'id="id_intake_household_size_error"><li>Household size is required' in response.content.decode()
    danish = client_as(caseworker).post(
        "/cases/new/", intake_post(ContactFactory(), "Housing"), headers={"Accept-Language": "da"}
    )
    assert (
        'id="id_intake_household_size_error"><li>Husstandens størrelse skal udfyldes.'
        in danish.content.decode()
    )


def test_intake_without_a_contact_says_so(client_as, caseworker):
    data = intake_post(ContactFactory(), "General Support")
    del data["contact"]
    response = client_as(caseworker).post("/cases/new/", data)
    assert response.status_code == 422
    assert "Choose a contact." in response.content.decode()


def test_contact_search_lists_matches_as_choices(client_as, caseworker):
    ContactFactory(first_name="Ingrid", last_name="Holm")
    ContactFactory(first_name="Other", last_name="Person")
    html = client_as(caseworker).get("/contacts/search/", {"contact_q": "ingr"}).content.decode()
    assert "Ingrid Holm" in html and "Other Person" not in html
    assert 'type="radio" name="contact"' in html


def test_a_contact_registered_inline_is_chosen(client_as, caseworker):
    response = client_as(caseworker).post(
        "/contacts/new/", {"new_contact-first_name": "Nora", "new_contact-last_name": "Berg"}
    )
    contact = Contact.objects.get(first_name="Nora")
    html = response.content.decode()
    assert f'value="{contact.pk}" checked' in html
    assert contact.created_by == caseworker


def test_an_inline_contact_without_a_name_shows_the_error(client_as, caseworker):
    response = client_as(caseworker).post("/contacts/new/", {"new_contact-first_name": "Nora"})
    assert "id_new_contact-last_name_error" in response.content.decode()
    assert not Contact.objects.exists()


# --- case detail ---


def test_case_detail_shows_header_allowed_transitions_timeline_and_history(client_as, caseworker):
    case = CaseFactory(title="Roof", is_urgent=True, due_date=days_from_today(3))
    CaseNote.objects.create(case=case, content="Secret staff remark", is_internal=True)
    client = client_as(caseworker)
    response = client.get(detail_url(case))
    html = response.content.decode()
    assert response.status_code == 200
    assert case.case_number in html
    status_select = html[
        html.index('id="id_new_status"') : html.index("</select>", html.index('id="id_new_status"'))
    ]
    assert "Under Review" in status_select and "Cancelled" in status_select
    assert "Closed - Successful" not in status_select  # not reachable from Intake
    assert "Secret staff remark" in html and "Internal" in html
    assert 'name="row_version"' in html


def test_case_detail_reads_a_fixed_number_of_queries(client_as, manager, django_assert_max_num_queries):
    case = CaseFactory()
    for _ in range(5):
        CaseNote.objects.create(case=case, content="x")
    client = client_as(manager)
    with django_assert_max_num_queries(30):
        client.get(detail_url(case))


def test_the_status_form_asks_for_a_reason_only_where_the_target_needs_one(client_as, caseworker):
    case = CaseFactory()
    url = reverse("web:status_form", args=[case.pk])
    client = client_as(caseworker)
    assert (
        'name="reason" maxlength' not in client.get(url, {"new_status": status("Active").pk}).content.decode()
    )
    assert 'id="id_reason"' in client.get(url, {"new_status": status("Cancelled").pk}).content.decode()


def test_changing_the_status_goes_through_the_workflow(client_as, caseworker):
    case = CaseFactory()
    response = client_as(caseworker).post(
        reverse("web:change_status", args=[case.pk]), {"new_status": status("Active").pk, "row_version": 1}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status.name == "Active"


def test_a_status_needing_a_reason_is_refused_without_one(client_as, caseworker):
    case = CaseFactory()
    response = client_as(caseworker).post(
        reverse("web:change_status", args=[case.pk]), {"new_status": status("Cancelled").pk, "row_version": 1}
    )
    assert response.status_code == 422
    assert "Moving to Cancelled requires a reason." in response.content.decode()
    case.refresh_from_db()
    assert case.status.name == "Intake"


def test_a_status_not_allowed_from_here_is_not_offered(client_as, caseworker):
    case = CaseFactory()
    response = client_as(caseworker).post(
        reverse("web:change_status", args=[case.pk]),
        {"new_status": status("Closed - Successful").pk, "row_version": 1},
    )
    assert response.status_code == 422
    assert "id_new_status_error" in response.content.decode()


def test_a_viewer_cannot_change_the_status(client_as, viewer):
    case = CaseFactory()
    response = client_as(viewer).post(
        reverse("web:change_status", args=[case.pk]), {"new_status": status("Active").pk, "row_version": 1}
    )
    assert response.status_code == 403


def test_adding_a_note_puts_it_on_the_timeline(client_as, caseworker):
    case = CaseFactory()
    response = client_as(caseworker).post(
        reverse("web:add_note", args=[case.pk]),
        {"note_type": "call", "content": "Called the landlord", "is_internal": "on"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Called the landlord" in response.content.decode()
    note = case.notes.get()
    assert note.is_internal and note.note_type == "call" and note.created_by == caseworker


def test_an_empty_note_shows_the_error_by_the_field(client_as, caseworker):
    case = CaseFactory()
    response = client_as(caseworker).post(reverse("web:add_note", args=[case.pk]), {"note_type": "note"})
    assert response.status_code == 422
    assert "id_content_error" in response.content.decode()


def test_editing_saves_the_details(client_as, caseworker):
    case = CaseFactory(title="Old")
    response = client_as(caseworker).post(
        reverse("web:edit_case", args=[case.pk]),
        {"edit-title": "New", "edit-priority": "urgent", "edit-row_version": 1},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.priority, case.row_version) == ("New", "urgent", 2)


def test_a_stale_edit_shows_the_conflict_and_a_reload_button(client_as, caseworker):
    case = CaseFactory(title="Old")
    services.update_case(case.pk, actor=caseworker, changes={"title": "Theirs"}, expected_version=1)
    response = client_as(caseworker).post(
        reverse("web:edit_case", args=[case.pk]),
        {"edit-title": "Mine", "edit-priority": "low", "edit-row_version": 1},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this case" in html
    assert ">Reload</a>" in html
    case.refresh_from_db()
    assert case.title == "Theirs"


def test_a_manager_assigns_the_case(client_as, manager, caseworker):
    case = CaseFactory()
    response = client_as(manager).post(
        reverse("web:assign", args=[case.pk]), {"assign-assigned_to": caseworker.pk, "assign-row_version": 1}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == caseworker


def test_the_assignment_forms_offer_a_team_only_once_a_team_exists(client_as, manager, caseworker):
    from casework.accounts.models import Team

    case = CaseFactory()
    client = client_as(manager)
    detail, listing = reverse("web:case_detail", args=[case.pk]), reverse("web:case_list")
    assert 'name="assign-assigned_team"' not in client.get(detail).content.decode()
    assert 'name="assigned_team"' not in client.get(listing).content.decode()
    # Without the field the case is still assigned, to a person and no team.
    response = client.post(
        reverse("web:assign", args=[case.pk]), {"assign-assigned_to": caseworker.pk, "assign-row_version": 1}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.assigned_to, case.assigned_team) == (caseworker, None)

    Team.objects.create(name="Housing Team")

    assert 'name="assign-assigned_team"' in client.get(detail).content.decode()
    assert 'name="assigned_team"' in client.get(listing).content.decode()


def test_a_caseworker_cannot_assign(client_as, caseworker):
    case = CaseFactory()
    response = client_as(caseworker).post(reverse("web:assign", args=[case.pk]), {"assign-row_version": 1})
    assert response.status_code == 403


# --- contact ---


def test_contact_page_lists_open_and_closed_cases(client_as, caseworker):
    contact = ContactFactory(first_name="Karen", last_name="Lund")
    CaseFactory(contact=contact, title="Open one")
    CaseFactory(contact=contact, title="Closed one", status=status("Closed - Successful"))
    CaseFactory(title="Someone else's")
    html = client_as(caseworker).get(reverse("web:contact_detail", args=[contact.pk])).content.decode()
    assert "Karen Lund" in html and "Open one" in html and "Closed one" in html
    assert "Someone else" not in html


# --- languages ---


def test_danish_labels_and_dates(client_as, caseworker):
    case = CaseFactory(due_date=days_from_today(0).replace(year=2031, month=3, day=9))
    client = client_as(caseworker)
    client.cookies["django_language"] = "da"
    html = client.get(detail_url(case)).content.decode()
    assert '<html lang="da" dir="ltr">' in html
    assert "Skift status" in html and "Tilføj notat" in html
    assert "09.03.2031" in html  # the Danish short date, the one date format of the page


def test_hebrew_pages_are_right_to_left(client_as, caseworker):
    client = client_as(caseworker)
    client.cookies["django_language"] = "he"
    html = client.get("/cases/").content.decode()
    assert '<html lang="he" dir="rtl">' in html
    assert "תיקים" in html


def test_the_language_switch_sets_the_language(client_as, caseworker):
    client = client_as(caseworker)
    response = client.post("/i18n/setlang/", {"language": "da", "next": "/cases/"})
    assert response.status_code == 302
    assert 'lang="da"' in client.get("/cases/").content.decode()


@pytest.mark.parametrize(
    ("role", "landing"),
    [("employee", "/naturecheck/"), ("consultant", "/naturecheck/inbox/"), ("operator", "/callcenter/")],
)
def test_staff_of_other_modules_land_on_their_own_page(client, role, landing):
    from tests.accounts.factories import UserFactory

    user = UserFactory(role_id=role)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == landing


def test_favicon_ico_answers_with_the_icon_every_page_names(client_as, caseworker):
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    icon = static("web/favicon.svg")
    response = client_as(None).get("/favicon.ico")  # asked for by the browser, signed in or not
    assert response.status_code == 302 and response["Location"] == icon
    assert finders.find("web/favicon.svg")
    for user, path in ((None, reverse("web:login")), (caseworker, reverse("web:dashboard"))):
        assert (
            f'<link rel="icon" href="{icon}" type="image/svg+xml">'
            in client_as(user).get(path).content.decode()
        )
