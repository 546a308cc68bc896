"""The Nature Check screens through the Django test client: Danish by default, the employee's farm list and
dialogs, assigning and updating a case, the conflict on a stale version, and the consultant's inbox."""

import pytest
from django.conf import settings
from django.urls import reverse

from casework.naturecheck import services
from casework.naturecheck.models import Farm, NatureCheckCase
from casework.notifications.models import Notification
from tests.contacts.factories import ContactFactory
from tests.naturecheck.factories import (
    ConsultantFactory,
    EmployeeFactory,
    FarmerFactory,
    FarmFactory,
    NatureCheckCaseFactory,
)

pytestmark = pytest.mark.django_db

FARMS = reverse("web:naturecheck_farms")
INBOX = reverse("web:naturecheck_inbox")


@pytest.fixture
def employee():
    return EmployeeFactory(email="sofie.hansen@arla.example", first_name="Sofie", last_name="Hansen")


@pytest.fixture
def consultant():
    return ConsultantFactory(email="mette.jensen@naturtjek.example", first_name="Mette", last_name="Jensen")


@pytest.fixture
def other_consultant():
    return ConsultantFactory(email="lars.nielsen@naturtjek.example", first_name="Lars", last_name="Nielsen")


@pytest.fixture
def farm():
    contact = ContactFactory(first_name="Jens", last_name="Mikkelsen", email="jens@enggaarden.example")
    owner = FarmerFactory(contact=contact, email="jens@enggaarden.example")
    return FarmFactory(
        name="Enggården", cvr="12345678", street="Engvej 12", postal_code="7400", city="Herning", owner=owner
    )


def farm_url(farm: Farm) -> str:
    return reverse("web:naturecheck_farm", args=[farm.pk])


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- language and access ---


def test_the_farm_list_is_danish_when_no_language_was_chosen(client_as, employee, farm):
    response = client_as(employee).get(FARMS, headers={"Accept-Language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "da"
    assert '<html lang="da"' in html
    assert "Gårde" in html and "Ikke tilføjet" in html


def test_the_farm_list_is_english_when_english_was_chosen(client_as, employee, farm):
    html = in_english(client_as(employee)).get(FARMS).content.decode()
    assert '<html lang="en"' in html
    assert "Farms" in html and "Not added" in html and "Ikke tilføjet" not in html


@pytest.mark.parametrize(
    "url",
    [FARMS, INBOX, reverse("web:naturecheck_farm_create")],
)
def test_an_anonymous_visitor_is_sent_to_sign_in(client_as, url):
    response = client_as(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_roles_without_nature_check_get_the_403_page_in_danish(client_as, caseworker):
    response = client_as(caseworker).get(FARMS)
    assert response.status_code == 403
    assert "naturecheck.view" in response.content.decode()
    assert '<html lang="da"' in response.content.decode()


def test_a_consultant_cannot_add_farms_or_assign(client_as, consultant, farm):
    client = client_as(consultant)
    assert client.get(reverse("web:naturecheck_farm_create")).status_code == 403
    response = client.post(reverse("web:naturecheck_assign", args=[farm.pk]), {"consultant": consultant.pk})
    assert response.status_code == 403
    assert not NatureCheckCase.objects.exists()


def test_an_employee_has_no_inbox(client_as, employee):
    assert client_as(employee).get(INBOX).status_code == 403


def test_the_nav_shows_nature_check_entries_by_permission(client_as, employee, consultant):
    employee_html = client_as(employee).get(FARMS).content.decode()
    assert reverse("web:naturecheck_farms") in employee_html and INBOX not in employee_html
    consultant_html = client_as(consultant).get(INBOX).content.decode()
    assert INBOX in consultant_html and reverse("web:callcenter_queue") not in consultant_html


# --- the farm list ---


def test_the_farm_list_shows_added_and_not_added_filters_searches_and_sorts_by_name(
    client_as, employee, consultant, farm
):
    assigned = FarmFactory(name="Bakkegården", cvr="87654321")
    NatureCheckCaseFactory(farm=assigned, consultant=consultant)
    FarmFactory(name="Aagården", cvr="11112222")
    client = client_as(employee)
    html = client.get(FARMS).content.decode()
    assert html.index("Aagården") < html.index("Bakkegården") < html.index("Enggården")
    row = html[html.index(f'id="farm-{assigned.pk}"') :]
    assert row.index("Tilføjet") < row.index("</tr>")
    html = client.get(FARMS, {"filter": "assigned"}).content.decode()
    assert "Bakkegården" in html and "Enggården" not in html
    html = client.get(FARMS, {"filter": "unassigned"}).content.decode()
    assert "Enggården" in html and "Bakkegården" not in html
    html = client.get(FARMS, {"q": "8765"}).content.decode()
    assert "Bakkegården" in html and "Aagården" not in html
    html = client.get(FARMS, {"q": "enggå"}, headers={"HX-Request": "true"}).content.decode()
    assert "Enggården" in html and "<html" not in html


def test_the_farm_list_is_paginated_with_a_fixed_number_of_queries(
    client_as, employee, consultant, django_assert_max_num_queries
):
    for _ in range(30):
        NatureCheckCaseFactory(consultant=consultant)
    client = client_as(employee)
    with django_assert_max_num_queries(12):
        html = client.get(FARMS).content.decode()
    assert "Side 1 af 2" in html
    assert "30 gårde" in html


# --- farm dialogs ---


def farm_data(**overrides):
    data = {
        "name": "Højgården",
        "cvr": "23456789",
        "street": "Højvej 3",
        "postal_code": "8600",
        "city": "Silkeborg",
        "country": "",
        "owner_first_name": "Karen",
        "owner_last_name": "Holm",
        "owner_email": "karen@hoejgaarden.example",
    }
    return {**data, **overrides}


def test_the_add_farm_dialog_is_an_htmx_fragment(client_as, employee):
    response = client_as(employee).get(reverse("web:naturecheck_farm_create"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<dialog class="modal"' in html and "<html" not in html
    assert "CVR-nummer" in html


def test_adding_a_farm_redirects_by_header_with_a_danish_message(client_as, employee):
    client = client_as(employee)
    response = client.post(
        reverse("web:naturecheck_farm_create"), farm_data(), headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == FARMS
    farm = Farm.objects.get(cvr="23456789")
    assert (farm.country, farm.owner.email) == ("Danmark", "karen@hoejgaarden.example")
    assert "Gården Højgården er tilføjet." in client.get(FARMS).content.decode()


def test_a_taken_cvr_number_is_shown_on_the_cvr_field_in_danish(client_as, employee, farm):
    response = client_as(employee).post(reverse("web:naturecheck_farm_create"), farm_data(cvr="12345678"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "En gård med CVR-nummer &#x27;12345678&#x27; findes allerede i systemet." in html
    assert 'id="id_cvr_error"' in html


def test_an_invalid_cvr_number_is_refused_by_the_service(client_as, employee):
    response = client_as(employee).post(
        reverse("web:naturecheck_farm_create"), farm_data(cvr="1234"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200  # htmx shows the dialog again
    assert "CVR-nummeret skal bestå af præcis 8 cifre." in response.content.decode()
    assert not Farm.objects.filter(cvr="1234").exists()


def test_editing_a_farm_saves_through_the_service_and_a_stale_version_conflicts(client_as, employee, farm):
    client = client_as(employee)
    url = reverse("web:naturecheck_farm_edit", args=[farm.pk])
    form = client.get(url).content.decode()
    assert 'value="Enggården"' in form and 'name="row_version"' in form
    data = farm_data(
        name="Enggården Øst", cvr="12345678", owner_email="jens@enggaarden.example", row_version=1
    )
    assert client.post(url, data).status_code == 302
    farm.refresh_from_db()
    assert (farm.name, farm.row_version) == ("Enggården Øst", 2)
    response = client.post(url, {**data, "name": "Stale"})
    html = response.content.decode()
    assert response.status_code == 409
    # The same employee saved version 2 a moment ago: the banner says it was them, in another tab.
    assert "Du har ændret gården i en anden fane eller et andet vindue" in html
    assert "en anden bruger" not in html.lower()
    farm.refresh_from_db()
    assert farm.name == "Enggården Øst"


def test_a_stale_farm_edit_keeps_the_input_shows_what_another_user_changed_and_lets_it_be_reapplied(
    client_as, employee, farm
):
    colleague = EmployeeFactory(first_name="Karen", last_name="Holm")
    services.update_farm(farm.pk, actor=colleague, changes={"city": "Ikast"}, expected_version=1)
    client = client_as(employee)
    url = reverse("web:naturecheck_farm_edit", args=[farm.pk])
    submitted = farm_data(
        name="Enggården Nord",
        cvr="12345678",
        street="Engvej 14",
        postal_code="7400",
        city="Herning",
        owner_first_name="Jens",
        owner_last_name="Mikkelsen",
        owner_email="jens@enggaarden.example",
        row_version=1,
    )
    # From the farm list's dialog (htmx), which shows the dialog again with the banner.
    response = client.post(url, submitted, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert '<dialog class="modal"' in html
    assert "En anden bruger (Karen Holm) har ændret gården, mens du redigerede den." in html
    assert "Din værdi" in html and "Nuværende værdi" in html
    # Only the city changed meanwhile: the reader's city beside the current one, no other row.
    assert '<th scope="row">By</th><td dir="auto">Herning</td><td dir="auto">Ikast</td>' in html
    assert '<th scope="row">Gårdens navn</th>' not in html
    # The form keeps what was typed, aimed at the current version; submitting it re-applies it.
    assert 'value="Enggården Nord"' in html and 'value="Engvej 14"' in html
    assert 'name="row_version" value="2"' in html
    assert "Anvend mine værdier" in html and "Kassér mine ændringer" in html
    farm.refresh_from_db()
    assert (farm.name, farm.city, farm.row_version) == ("Enggården", "Ikast", 2)

    again = client.post(url, {**submitted, "row_version": 2})
    assert again.status_code == 302
    farm.refresh_from_db()
    assert (farm.name, farm.street, farm.city, farm.row_version) == (
        "Enggården Nord",
        "Engvej 14",
        "Herning",
        3,
    )


def test_the_farm_and_case_conflict_banners_are_one_partial(client_as, employee, consultant, farm):
    """The farm edit and the case update show the same banner (web/partials/stale_edit.html)."""
    services.update_farm(farm.pk, actor=employee, changes={"city": "Ikast"}, expected_version=1)
    case = NatureCheckCaseFactory(farm=farm, consultant=consultant)
    services.update_case(case.pk, actor=employee, expected_version=1, changes={"notes": "Ring først"})
    client = client_as(employee)
    farm_edit = client.post(
        reverse("web:naturecheck_farm_edit", args=[farm.pk]),
        farm_data(cvr="12345678", owner_email="jens@enggaarden.example", row_version=1),
    )
    case_update = client.post(
        reverse("web:naturecheck_assign", args=[farm.pk]),
        {"consultant": consultant.pk, "notes": "Hunden er løs", "case_id": case.pk, "row_version": 1},
    )
    for response in (farm_edit, case_update):
        assert response.status_code == 409
        assert "web/partials/stale_edit.html" in [t.name for t in response.templates]


def test_a_farm_with_an_active_case_is_not_deleted_and_the_dialog_says_why(
    client_as, employee, consultant, farm
):
    NatureCheckCaseFactory(farm=farm, consultant=consultant)
    client = client_as(employee)
    url = reverse("web:naturecheck_farm_delete", args=[farm.pk])
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Gården har aktive Natur Check opgaver og kan ikke slettes." in response.content.decode()
    assert client.post(url).status_code == 409
    assert Farm.objects.filter(pk=farm.pk).exists()


def test_deleting_a_farm_without_an_active_case(client_as, employee, farm):
    client = client_as(employee)
    url = reverse("web:naturecheck_farm_delete", args=[farm.pk])
    assert "Slet gården" in client.get(url, headers={"HX-Request": "true"}).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not Farm.objects.filter(pk=farm.pk).exists()


# --- assigning and updating ---


def test_the_assignment_form_lists_consultants_by_name_with_their_active_case_counts(
    client_as, employee, consultant, other_consultant, farm
):
    NatureCheckCaseFactory(consultant=consultant)
    NatureCheckCaseFactory(consultant=consultant)
    html = client_as(employee).get(farm_url(farm)).content.decode()
    assert html.index("Lars Nielsen (0 aktive opgaver)") < html.index("Mette Jensen (2 aktive opgaver)")
    assert "Lav natur Check opgave" in html
    for label in ("Lav", "Normal", "Høj", "Haster"):
        assert f">{label}</option>" in html


def test_assigning_a_farm_creates_the_case_and_says_so_in_danish(client_as, employee, consultant, farm):
    client = client_as(employee)
    response = client.post(
        reverse("web:naturecheck_assign", args=[farm.pk]),
        {"consultant": consultant.pk, "priority": "High", "notes": "Se mosen"},
    )
    assert response.status_code == 302
    case = NatureCheckCase.objects.get(farm=farm)
    assert (case.consultant, case.assigned_by, case.priority, case.status) == (
        consultant,
        employee,
        "High",
        "Assigned",
    )
    assert Notification.objects.filter(recipient=consultant, kind="naturecheck.case_assigned").count() == 1
    html = client.get(response["Location"]).content.decode()
    assert "Natur Check opgave er oprettet for Enggården." in html
    assert "Tilføjet" in html


def test_a_farm_with_an_active_case_offers_the_update_form_pre_filled(client_as, employee, consultant, farm):
    NatureCheckCaseFactory(farm=farm, consultant=consultant, priority="Urgent", notes="Ring først")
    html = client_as(employee).get(farm_url(farm)).content.decode()
    assert "Opdater Natur Check opgave" in html and "Lav natur Check opgave" not in html
    assert f'<option value="{consultant.pk}" selected>' in html
    assert '<option value="Urgent" selected>Haster</option>' in html
    assert "Ring først</textarea>" in html
    assert 'name="row_version" value="1"' in html


def test_updating_the_case_reassigns_and_says_so_in_danish(
    client_as, employee, consultant, other_consultant, farm
):
    case = NatureCheckCaseFactory(farm=farm, consultant=consultant)
    client = client_as(employee)
    response = client.post(
        reverse("web:naturecheck_assign", args=[farm.pk]),
        {
            "consultant": other_consultant.pk,
            "priority": "Low",
            "notes": "",
            "case_id": case.pk,
            "row_version": 1,
        },
        follow=True,
    )
    assert "Natur Check opgave er opdateret for Enggården." in response.content.decode()
    case.refresh_from_db()
    assert (case.consultant, case.priority, case.row_version) == (other_consultant, "Low", 2)


def test_a_stale_version_keeps_the_input_shows_what_another_user_changed_and_lets_it_be_reapplied(
    client_as, employee, consultant, other_consultant, farm
):
    case = NatureCheckCaseFactory(farm=farm, consultant=consultant)
    colleague = EmployeeFactory(first_name="Karen", last_name="Holm")
    services.update_case(case.pk, actor=colleague, expected_version=1, changes={"notes": "Ring efter kl. 10"})
    client = client_as(employee)
    submitted = {
        "consultant": other_consultant.pk,
        "priority": "High",
        "notes": "Hunden er løs",
        "case_id": case.pk,
        "row_version": 1,
    }
    response = client.post(reverse("web:naturecheck_assign", args=[farm.pk]), submitted)
    html = response.content.decode()
    assert response.status_code == 409
    assert "En anden bruger (Karen Holm) har ændret opgaven, mens du redigerede den." in html
    assert "Din værdi" in html and "Nuværende værdi" in html
    # Only the notes changed meanwhile: the reader's notes beside the current notes.
    assert '<td dir="auto">Hunden er løs</td><td dir="auto">Ring efter kl. 10</td>' in html
    # The form keeps what was typed, aimed at the current version, so submitting re-applies it.
    assert "Hunden er løs</textarea>" in html
    assert f'<option value="{other_consultant.pk}" selected>' in html
    assert 'name="row_version" value="2"' in html
    assert "Anvend mine værdier" in html
    case.refresh_from_db()
    assert case.consultant == consultant

    again = client.post(reverse("web:naturecheck_assign", args=[farm.pk]), {**submitted, "row_version": 2})
    assert again.status_code == 302
    case.refresh_from_db()
    assert (case.consultant, case.notes, case.row_version) == (other_consultant, "Hunden er løs", 3)


def test_a_conflict_with_the_same_users_other_tab_says_so(client_as, employee, consultant, farm):
    case = NatureCheckCaseFactory(farm=farm, consultant=consultant)
    services.update_case(case.pk, actor=employee, expected_version=1, changes={"priority": "Urgent"})
    response = client_as(employee).post(
        reverse("web:naturecheck_assign", args=[farm.pk]),
        {"consultant": consultant.pk, "priority": "Low", "case_id": case.pk, "row_version": 1},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Du har ændret opgaven i en anden fane eller et andet vindue" in html
    assert "en anden bruger" not in html.lower()


def test_the_farm_case_history_keeps_the_earlier_assignment_after_a_reassignment(
    client_as, employee, consultant, other_consultant, farm
):
    client = client_as(employee)
    client.post(reverse("web:naturecheck_assign", args=[farm.pk]), {"consultant": consultant.pk})
    case = NatureCheckCase.objects.get(farm=farm)
    client.post(
        reverse("web:naturecheck_assign", args=[farm.pk]),
        {"consultant": other_consultant.pk, "case_id": case.pk, "row_version": case.row_version},
    )
    html = client.get(farm_url(farm)).content.decode()
    history = html[html.index('id="cases-heading"') :]
    assert "Mette Jensen" in history
    assert "Lars Nielsen" in history
    assert "omfordelt" in history


def test_the_update_heading_and_button_use_the_same_danish_words(client_as, employee, consultant, farm):
    NatureCheckCaseFactory(farm=farm, consultant=consultant)
    html = client_as(employee).get(farm_url(farm)).content.decode()
    assert html.count("Opdater Natur Check opgave") == 2
    assert "Opdater natur Check" not in html and "opgaven</h2>" not in html


def test_assigning_a_farm_someone_else_just_assigned_is_a_conflict(client_as, employee, consultant, farm):
    NatureCheckCaseFactory(farm=farm, consultant=consultant)
    response = client_as(employee).post(
        reverse("web:naturecheck_assign", args=[farm.pk]), {"consultant": consultant.pk}
    )
    assert response.status_code == 409
    assert "Gården har allerede en aktiv Natur Check opgave." in response.content.decode()


def test_assigning_without_a_consultant_marks_the_field(client_as, employee, farm):
    response = client_as(employee).post(reverse("web:naturecheck_assign", args=[farm.pk]), {"consultant": ""})
    assert response.status_code == 422
    assert 'id="id_consultant_error"' in response.content.decode()


def test_the_assignment_pages_are_fully_english_when_english_was_chosen(
    client_as, employee, consultant, farm
):
    client = in_english(client_as(employee))
    html = client.get(farm_url(farm)).content.decode()
    assert "Create Nature Check case" in html and "Lav natur Check opgave" not in html
    assert ">High</option>" in html and "Mette Jensen (0 active cases)" in html
    response = client.post(
        reverse("web:naturecheck_assign", args=[farm.pk]), {"consultant": consultant.pk}, follow=True
    )
    assert "Nature Check case created for Enggården." in response.content.decode()


def test_an_employee_can_cancel_the_active_case(client_as, employee, consultant, farm):
    case = NatureCheckCaseFactory(farm=farm, consultant=consultant)
    response = client_as(employee).post(
        reverse("web:naturecheck_case_status", args=[case.pk]),
        {"status": "Cancelled", "row_version": 1, "next": farm_url(farm)},
        follow=True,
    )
    case.refresh_from_db()
    assert case.status == "Cancelled"
    assert "Status ændret til Annulleret." in response.content.decode()


# --- the consultant's inbox ---


def test_an_empty_inbox_says_no_tasks_assigned(client_as, consultant):
    response = client_as(consultant).get(INBOX)
    assert response.status_code == 200
    assert "Ingen opgaver tildelt." in response.content.decode()


def test_the_inbox_lists_tasks_newest_first_with_farm_priority_notes_and_time(
    client_as, employee, consultant, farm
):
    second = FarmFactory(name="Højgården")
    services.assign_case(
        actor=employee, farm_id=farm.pk, consultant_id=consultant.pk, priority="Lav", notes="Første"
    )
    services.assign_case(
        actor=employee, farm_id=second.pk, consultant_id=consultant.pk, priority="Urgent", notes="Anden"
    )
    html = client_as(consultant).get(INBOX).content.decode()
    assert html.index("Højgården") < html.index("Enggården")
    assert "Haster" in html and "Anden" in html and "Lav" in html and "Første" in html
    assert "<time datetime=" in html


def test_a_consultant_starts_and_completes_their_own_case_from_the_inbox(
    client_as, employee, consultant, farm
):
    case = services.assign_case(actor=employee, farm_id=farm.pk, consultant_id=consultant.pk)
    client = client_as(consultant)
    html = client.get(INBOX).content.decode()
    assert "Start" in html and "Annuller opgave" not in html
    url = reverse("web:naturecheck_case_status", args=[case.pk])
    client.post(url, {"status": "InProgress", "row_version": 1, "next": INBOX})
    response = client.post(url, {"status": "Completed", "row_version": 2, "next": INBOX}, follow=True)
    case.refresh_from_db()
    assert case.status == "Completed"
    assert "Status ændret til Afsluttet." in response.content.decode()


def test_a_consultant_cannot_touch_another_consultants_case(
    client_as, employee, consultant, other_consultant, farm
):
    case = services.assign_case(actor=employee, farm_id=farm.pk, consultant_id=other_consultant.pk)
    response = client_as(consultant).post(
        reverse("web:naturecheck_case_status", args=[case.pk]), {"status": "InProgress", "row_version": 1}
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == "Assigned"


def test_the_inbox_shows_open_tasks_by_default_and_finished_ones_on_request_with_counts(
    client_as, employee, consultant, farm
):
    second = FarmFactory(name="Højgården")
    services.assign_case(actor=employee, farm_id=farm.pk, consultant_id=consultant.pk)
    done = services.assign_case(actor=employee, farm_id=second.pk, consultant_id=consultant.pk)
    services.change_case_status(done.pk, actor=consultant, status="InProgress", expected_version=1)
    services.change_case_status(done.pk, actor=consultant, status="Completed", expected_version=2)
    client = client_as(consultant)
    open_page = client.get(INBOX).content.decode()
    assert "Enggården" in open_page and "Højgården" not in open_page
    assert "Åbne (1)" in open_page and "Afsluttede (1)" in open_page
    finished = client.get(INBOX, {"show": "finished"}).content.decode()
    assert "Højgården" in finished and "Enggården" not in finished
    assert 'aria-current="page" href="?show=finished"' in finished
