"""Reads of personal data leave a record: who read which people's records, or which page of a list (and the query),
when and from where; one INSERT per request; kept for a configured number of days; admins read and export them."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.audit.models import PersonalDataRead
from casework.audit.services import purge_reads
from casework.ops import scheduler
from tests.callcenter.factories import CitizenFactory, handled_by
from tests.contacts.factories import ContactFactory
from tests.naturecheck.factories import EmployeeFactory, FarmFactory

pytestmark = pytest.mark.django_db


def reads() -> list[PersonalDataRead]:
    return list(PersonalDataRead.objects.order_by("id"))


def inserts_into_the_read_audit(queries: CaptureQueriesContext) -> int:
    table = PersonalDataRead._meta.db_table
    return sum(1 for q in queries.captured_queries if q["sql"].startswith("INSERT") and table in q["sql"])


# --- contacts ---------------------------------------------------------------------------------------------------


def test_a_page_of_the_contact_list_is_one_record_naming_the_reader_the_query_and_every_contact(
    api_as, viewer
):
    contacts = [ContactFactory(last_name=f"Holm{i}") for i in range(30)]

    with CaptureQueriesContext(connection) as queries:
        body = api_as(viewer).get("/contacts", search="Holm", limit=25, page=1).json()

    assert inserts_into_the_read_audit(queries) == 1
    [read] = reads()
    assert (read.actor, read.kind, read.scope, read.ip) == (viewer, "contact", "list", "127.0.0.1")
    assert read.record_ids.split() == [c["id"] for c in body["contacts"]]
    assert len(read.record_ids.split()) == 25
    assert read.query == {"search": "Holm", "page": 1, "limit": 25}
    assert read.path == "/api/contacts"
    assert {str(c.pk) for c in contacts} >= set(read.record_ids.split())


def test_reading_one_contact_is_recorded(api_as, viewer):
    contact = ContactFactory()

    assert api_as(viewer).get(f"/contacts/{contact.pk}").status_code == 200

    [read] = reads()
    assert (read.actor, read.kind, read.scope, read.record_ids) == (
        viewer,
        "contact",
        "record",
        str(contact.pk),
    )


def test_a_duplicate_search_at_intake_records_the_contacts_it_showed(api_as, caseworker):
    contact = ContactFactory(first_name="Ida", last_name="Lund", email="ida@lund.example")

    api_as(caseworker).get("/contacts/matches", email="IDA@lund.example")

    [read] = reads()
    assert (read.scope, read.record_ids, read.query["email"]) == ("list", str(contact.pk), "IDA@lund.example")


def test_a_refused_read_records_nothing(api_as, viewer):
    import uuid

    assert api_as(viewer).get(f"/contacts/{uuid.uuid4()}").status_code == 404
    assert reads() == []


def test_the_web_contact_page_is_recorded(client, viewer):
    contact = ContactFactory()
    client.force_login(viewer)

    assert client.get(reverse("web:contact_detail", args=[contact.pk])).status_code == 200

    [read] = reads()
    assert (read.actor, read.record_ids, read.scope) == (viewer, str(contact.pk), "record")


# --- citizens and farm owners -----------------------------------------------------------------------------------


@pytest.fixture
def operator(db):
    from tests.accounts.factories import UserFactory

    return UserFactory(role_id="operator")


def test_an_operator_reading_citizens_one_by_one_leaves_one_record_each(api_as, operator):
    citizens = [handled_by(operator, CitizenFactory()) for _ in range(3)]

    for citizen in citizens:
        assert api_as(operator).get(f"/citizens/{citizen.pk}").status_code == 200

    assert [(r.actor, r.kind, r.record_ids) for r in reads()] == [
        (operator, "citizen", str(c.pk)) for c in citizens
    ]


def test_the_citizen_the_queue_hands_out_and_the_admins_list_are_recorded(api_as, operator, admin):
    citizen = CitizenFactory()

    assert api_as(operator).get("/citizens/next").status_code == 200
    assert api_as(admin).get("/citizens", search="Noa").status_code == 200

    handed, listed = reads()
    assert (handed.actor, handed.scope, handed.record_ids) == (operator, "record", str(citizen.pk))
    assert (listed.actor, listed.scope, listed.record_ids, listed.query["search"]) == (
        admin,
        "list",
        str(citizen.pk),
        "Noa",
    )


def test_the_web_call_page_is_recorded(client, operator):
    citizen = handled_by(operator, CitizenFactory())
    client.force_login(operator)

    client.get(reverse("web:callcenter_call", args=[citizen.pk]))

    assert [(r.kind, r.record_ids) for r in reads()] == [("citizen", str(citizen.pk))]


def test_reading_farms_records_their_owners(api_as):
    employee = EmployeeFactory()
    farm = FarmFactory()

    api_as(employee).get("/naturecheck/farms")
    api_as(employee).get(f"/naturecheck/farms/{farm.pk}")

    listed, one = reads()
    assert (listed.kind, listed.scope, listed.record_ids) == ("farmer", "list", str(farm.owner_id))
    assert (one.kind, one.scope, one.record_ids) == ("farmer", "record", str(farm.owner_id))


# --- retention --------------------------------------------------------------------------------------------------


def test_reads_older_than_the_retention_are_purged_by_the_scheduled_job(settings, api_as, viewer):
    settings.READ_AUDIT_RETENTION_DAYS = 30
    ContactFactory()
    api_as(viewer).get("/contacts")
    api_as(viewer).get("/contacts")
    old, recent = reads()
    PersonalDataRead.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=31))

    [job] = [job for job in scheduler.jobs() if job.name == "purge_read_audit"]
    assert job.run(None) == 1

    assert reads() == [recent]
    assert purge_reads(days=0, now=timezone.now() + dt.timedelta(seconds=1)) == 1


# --- the admin --------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_browser(admin) -> Client:
    browser = Client()
    browser.force_login(admin)
    return browser


def test_admins_read_the_reads_in_the_admin_and_cannot_change_them(admin_browser, api_as, viewer):
    contact = ContactFactory()
    api_as(viewer).get(f"/contacts/{contact.pk}")
    [read] = reads()

    listing = admin_browser.get("/admin/audit/personaldataread/", {"q": str(contact.pk)})
    assert listing.status_code == 200
    assert str(viewer) in listing.content.decode()
    assert admin_browser.get(f"/admin/audit/personaldataread/{read.pk}/change/").status_code == 200
    assert admin_browser.get("/admin/audit/personaldataread/add/").status_code == 403
    assert admin_browser.get(f"/admin/audit/personaldataread/{read.pk}/delete/").status_code == 403


def test_admins_export_the_reads_as_csv(admin_browser, api_as, viewer):
    contacts = [ContactFactory(), ContactFactory()]
    for contact in contacts:
        api_as(viewer).get(f"/contacts/{contact.pk}")

    response = admin_browser.post(
        "/admin/audit/personaldataread/",
        {"action": "export_reads_csv", "_selected_action": [r.pk for r in reads()]},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "created_at,actor,ip,kind,scope,record_ids,query,path"
    assert len(lines) == 3
    assert {line.split(",")[5] for line in lines[1:]} == {str(c.pk) for c in contacts}
    assert all(f",{viewer.email}," in line for line in lines[1:])


def test_the_database_refuses_a_read_record_of_an_unknown_scope(viewer):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalDataRead.objects.create(actor=viewer, kind="contact", scope="everything", record_ids="1")
    assert not PersonalDataRead.objects.exists()
