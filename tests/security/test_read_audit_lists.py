"""The list pages that name people leave a read record too: the case lists (web and API, which show each case's
client) and the configuration screens of contacts, citizens and farmers (their lists and their change forms).
One INSERT per page, naming the people shown and the query."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.audit.models import PersonalDataRead
from tests.callcenter.factories import CitizenFactory
from tests.cases.factories import CaseFactory
from tests.contacts.factories import ContactFactory
from tests.naturecheck.factories import FarmerFactory
from tests.security.test_read_audit import inserts_into_the_read_audit, reads

pytestmark = pytest.mark.django_db


# --- the case lists ---------------------------------------------------------------------------------------------


def test_a_page_of_the_api_case_list_records_the_clients_it_names(api_as, viewer):
    cases = [CaseFactory(title=f"Heating {i}") for i in range(3)]
    shared = CaseFactory(title="Heating again", contact=cases[0].contact)

    with CaptureQueriesContext(connection) as queries:
        body = api_as(viewer).get("/cases", search="Heating", limit=10).json()

    assert body["total"] == 4
    assert inserts_into_the_read_audit(queries) == 1
    [read] = reads()
    assert (read.actor, read.kind, read.scope, read.path) == (viewer, "contact", "list", "/api/cases")
    assert sorted(read.record_ids.split()) == sorted({str(c.contact_id) for c in [*cases, shared]})
    assert read.query["search"] == "Heating"
    assert read.query["limit"] == 10


def test_an_empty_page_of_the_api_case_list_records_its_query(api_as, viewer):
    CaseFactory(title="Heating")

    api_as(viewer).get("/cases", search="nothing like it")

    [read] = reads()
    assert (read.record_ids, read.query["search"]) == ("", "nothing like it")


def test_a_refused_case_list_records_nothing(api_as):
    CaseFactory()

    assert api_as(None).get("/cases").status_code == 401
    assert reads() == []


def test_a_page_of_the_web_case_list_records_the_clients_it_shows(client, viewer):
    cases = [CaseFactory() for _ in range(3)]
    client.force_login(viewer)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("web:case_list"), {"sort": "case_number"})

    assert page.status_code == 200
    assert inserts_into_the_read_audit(queries) == 1
    [read] = reads()
    assert (read.actor, read.kind, read.scope) == (viewer, "contact", "list")
    assert sorted(read.record_ids.split()) == sorted(str(c.contact_id) for c in cases)
    assert read.query == {"sort": "case_number"}
    for case in cases:
        assert case.contact.last_name in page.content.decode()


def test_the_web_case_lists_htmx_page_is_recorded_too(client, viewer):
    case = CaseFactory()
    client.force_login(viewer)

    client.get(reverse("web:case_list"), {"page": "1"}, headers={"HX-Request": "true"})

    [read] = reads()
    assert (read.record_ids, read.query) == (str(case.contact_id), {"page": "1"})


# --- the configuration screens ----------------------------------------------------------------------------------


@pytest.fixture
def admin_browser(admin) -> Client:
    browser = Client()
    browser.force_login(admin)
    return browser


SCREENS = {
    "contact": ("/admin/contacts/contact/", lambda: ContactFactory(last_name="Holmgaard")),
    "citizen": ("/admin/callcenter/citizenrecord/", lambda: CitizenFactory(last_name="Holmgaard")),
    "farmer": ("/admin/naturecheck/farmer/", lambda: FarmerFactory(contact__last_name="Holmgaard")),
}


@pytest.mark.parametrize("kind", sorted(SCREENS))
def test_a_page_of_the_admins_list_is_one_record_of_the_people_it_shows(kind, admin_browser, admin):
    url, make = SCREENS[kind]
    shown = [make() for _ in range(3)]

    with CaptureQueriesContext(connection) as queries:
        listing = admin_browser.get(url, {"q": "Holmgaard"})

    assert listing.status_code == 200
    assert inserts_into_the_read_audit(queries) == 1
    [read] = reads()
    assert (read.actor, read.kind, read.scope, read.path) == (admin, kind, "list", url)
    assert sorted(read.record_ids.split()) == sorted(str(p.pk) for p in shown)
    assert read.query == {"q": "Holmgaard"}


@pytest.mark.parametrize("kind", sorted(SCREENS))
def test_opening_a_person_in_the_admin_is_recorded(kind, admin_browser, admin):
    url, make = SCREENS[kind]
    person = make()

    form = admin_browser.get(f"{url}{person.pk}/change/")

    assert form.status_code == 200
    [read] = reads()
    assert (read.actor, read.kind, read.scope, read.record_ids) == (admin, kind, "record", str(person.pk))


def test_an_admin_screen_without_people_records_nothing(admin_browser):
    assert admin_browser.get("/admin/cases/casestatus/").status_code == 200
    assert admin_browser.get("/admin/contacts/contact/add/").status_code == 200

    assert PersonalDataRead.objects.count() == 0


# --- a case's page: it names the client ---------------------------------------------------------------------------


def test_reading_a_case_in_the_api_records_a_read_of_its_client(api_as, viewer):
    case = CaseFactory()

    with CaptureQueriesContext(connection) as queries:
        body = api_as(viewer).get(f"/cases/{case.pk}").json()

    assert body["contact"]["email"] == case.contact.email
    assert inserts_into_the_read_audit(queries) == 1
    [read] = reads()
    assert (read.actor, read.kind, read.scope) == (viewer, "contact", "record")
    assert read.record_ids == str(case.contact_id)
    assert read.path == f"/api/cases/{case.pk}"


def test_a_case_that_is_not_found_or_not_allowed_records_no_read(api_as, viewer):
    import uuid

    from tests.accounts.factories import UserFactory

    case = CaseFactory()
    operator = UserFactory(role_id="operator")

    assert api_as(viewer).get(f"/cases/{uuid.uuid4()}").status_code == 404
    assert api_as(operator).get(f"/cases/{case.pk}").status_code in (403, 404)
    assert reads() == []


def test_opening_a_case_page_records_a_read_of_its_client(caseworker):
    case = CaseFactory(assigned_to=caseworker)
    client = Client()
    client.force_login(caseworker)

    response = client.get(reverse("web:case_detail", args=[case.pk]))

    assert response.status_code == 200
    [read] = reads()
    assert (read.actor, read.kind, read.scope, read.record_ids) == (
        caseworker,
        "contact",
        "record",
        str(case.contact_id),
    )


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_read_record_is_one_statement_that_commits_without_waiting_for_the_disk(
    viewer,
):
    """PostgreSQL: the INSERT turns synchronous_commit off for its own transaction only (no BEGIN, SET LOCAL,
    COMMIT around it); the connection's setting is unchanged afterwards. SQLite: a plain INSERT."""
    from casework.audit.services import record_read

    contact = ContactFactory()
    with CaptureQueriesContext(connection) as queries:
        read = record_read(actor=viewer, kind="contact", ids=[contact.pk], path="/contacts/x/")

    assert len(queries.captured_queries) == 1
    assert PersonalDataRead.objects.get(pk=read.pk).record_ids == str(contact.pk)
    if connection.vendor == "postgresql":
        assert "set_config('synchronous_commit', 'off', true)" in queries.captured_queries[0]["sql"]
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
