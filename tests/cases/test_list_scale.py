"""The case list at scale: index-backed search, keyset cursors, deep pages and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.cases.models import Case
from casework.contacts.models import Contact
from tests.cases.factories import CaseFactory, days_from_today, status
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def found(api_as, viewer):
    """`found(**params)`: the case numbers GET /api/cases lists, every page of them."""
    api = api_as(viewer)

    def found(**params):
        response = api.get("/cases", limit=100, **params)
        assert response.status_code == 200, response.json()
        return {row["case_number"] for row in response.json()["cases"]}

    return found


@pytest.fixture
def eviction(db):
    contact = ContactFactory(first_name="Marisol", last_name="Quillfeather")
    return CaseFactory(
        case_number="CASE-251125-00042",
        contact=contact,
        title="Eviction notice received",
        description="Landlord served a 30-day notice; client wants to contest it.",
    )


@pytest.fixture
def benefits(db):
    contact = ContactFactory(first_name="Tobias", last_name="Wrenhaven")
    return CaseFactory(
        case_number="CASE-251124-00007",
        contact=contact,
        title="Help completing benefit application",
        description="Needs help with the housing benefit form.",
    )


def test_search_finds_a_case_by_its_contacts_name(found, eviction, benefits):
    assert found(search="Quillfeather") == {eviction.case_number}
    assert found(search="marisol") == {eviction.case_number}
    assert found(search="Tobias Wrenhaven") == {benefits.case_number}


def test_search_finds_a_case_by_a_word_of_its_title_or_description(found, eviction, benefits):
    assert found(search="eviction") == {eviction.case_number}
    assert found(search="landlord") == {eviction.case_number}
    assert found(search="housing") == {benefits.case_number}
    assert found(search="notice") == {eviction.case_number}


def test_search_finds_a_case_by_its_case_number_whole_or_begun(found, eviction, benefits):
    assert found(search="CASE-251125-00042") == {eviction.case_number}
    assert found(search="case-251124-00007") == {benefits.case_number}
    assert found(search="251125") == {eviction.case_number}
    assert found(search="00042") == {eviction.case_number}


def test_search_matches_the_beginnings_of_words(found, eviction, benefits):
    assert found(search="evict") == {eviction.case_number}
    assert found(search="hous") == {benefits.case_number}
    assert found(search="feather") == set()  # inside a word: not a match


def test_every_word_of_a_search_must_match_somewhere(found, eviction, benefits):
    assert found(search="eviction Quillfeather") == {eviction.case_number}
    assert found(search="eviction Wrenhaven") == set()
    assert found(search="help housing Tobias") == {benefits.case_number}


def test_searching_punctuation_alone_finds_nothing_and_blank_finds_everything(found, eviction, benefits):
    for text in ['"', "*", "%", "-", "'", "( ) : ^"]:
        assert found(search=text) == set(), text
    assert found(search="   ") == {eviction.case_number, benefits.case_number}


def test_search_combines_with_filters(found, eviction, benefits):
    Case.objects.filter(pk=eviction.pk).update(status=status("Active"))
    assert found(search="help", status_type="active") == set()
    assert found(search="eviction", status_type="active") == {eviction.case_number}


def test_the_total_of_a_search_with_filters_counts_the_matches_that_pass_them(api_as, viewer):
    contact = ContactFactory(last_name="Quillfeather")
    CaseFactory.create_batch(3, contact=contact, priority="high")
    CaseFactory.create_batch(2, contact=contact, priority="low")
    api = api_as(viewer)
    assert api.get("/cases", search="quill").json()["total"] == 5
    assert api.get("/cases", search="quill", priority="high").json()["total"] == 3


def test_search_follows_edits_of_the_case_and_renames_of_the_contact(found, eviction):
    eviction.title = "Rent arrears"
    eviction.save(update_fields=["title"])
    assert found(search="eviction") == set()
    assert found(search="arrears") == {eviction.case_number}
    Contact.objects.filter(pk=eviction.contact_id).update(last_name="Oakhurst")
    assert found(search="Quillfeather") == set()
    assert found(search="Oakhurst") == {eviction.case_number}
    Case.objects.filter(pk=eviction.pk).delete()
    assert found(search="arrears") == set()


def test_the_total_of_a_search_counts_every_match_not_just_the_page(api_as, viewer):
    contact = ContactFactory(last_name="Quillfeather")
    CaseFactory.create_batch(7, contact=contact)
    CaseFactory.create_batch(3)
    body = api_as(viewer).get("/cases", search="Quillfeather", limit=2).json()
    assert body["total"] == 7
    assert len(body["cases"]) == 2


# --- cursors -------------------------------------------------------------------------------------------------


def walk(api, **params):
    """Every page of the list, following next_cursor; returns the pages' ids."""
    pages = []
    response = api.get("/cases", **params).json()
    pages.append([row["id"] for row in response["cases"]])
    while response["next_cursor"]:
        response = api.get("/cases", cursor=response["next_cursor"], **params).json()
        pages.append([row["id"] for row in response["cases"]])
        assert len(pages) < 50, "the cursor does not advance"
    return pages


@pytest.mark.parametrize(
    "sort",
    [
        *("-created_at", "created_at", "due_date", "-due_date", "priority", "-priority"),
        *("status", "case_number", "-title", "updated_at"),
    ],
)
def test_cursor_pages_are_disjoint_and_together_the_whole_list(api_as, viewer, sort):
    for n, priority in enumerate(["low", "high", "medium", "urgent", "high", "low", "medium"] * 2):
        CaseFactory(
            priority=priority,
            title=f"Case {n % 3}",  # ties on the first key
            due_date=days_from_today(n % 4) if n % 3 else None,  # and nulls
            status=status("Active") if n % 2 else status("Intake"),
        )
    api = api_as(viewer)
    pages = walk(api, sort=sort, limit=3)
    listed = [case_id for page in pages for case_id in page]
    assert [len(page) for page in pages] == [3, 3, 3, 3, 2]
    assert len(set(listed)) == 14
    everything = [row["id"] for row in api.get("/cases", sort=sort, limit=100).json()["cases"]]
    assert listed == everything


def test_a_cursor_continues_where_the_page_ended(api_as, viewer):
    CaseFactory.create_batch(5)
    api = api_as(viewer)
    first = api.get("/cases", limit=2).json()
    second_by_page = api.get("/cases", limit=2, page=2).json()
    second_by_cursor = api.get("/cases", limit=2, cursor=first["next_cursor"]).json()
    assert second_by_cursor["cases"] == second_by_page["cases"]
    assert second_by_cursor["total"] == 5
    assert second_by_page["next_cursor"] == second_by_cursor["next_cursor"]
    last = api.get("/cases", limit=2, page=3).json()
    assert len(last["cases"]) == 1
    assert last["next_cursor"] is None


def test_a_cursor_keeps_its_place_when_newer_cases_arrive(api_as, viewer):
    CaseFactory.create_batch(4)
    api = api_as(viewer)
    first = api.get("/cases", limit=2).json()
    CaseFactory.create_batch(3)
    second = api.get("/cases", limit=2, cursor=first["next_cursor"]).json()
    seen = {row["id"] for row in first["cases"]}
    assert not seen & {row["id"] for row in second["cases"]}
    assert len(second["cases"]) == 2


@pytest.mark.parametrize("cursor", ["nonsense", "eyJrIjoxfQ", "e30", "W10"])
def test_a_cursor_the_list_did_not_give_is_422(api_as, viewer, cursor):
    response = api_as(viewer).get("/cases", cursor=cursor)
    assert response.status_code == 422
    assert response.json()["field"] == "cursor"


def test_a_cursor_from_another_sort_order_is_422(api_as, viewer):
    CaseFactory.create_batch(3)
    api = api_as(viewer)
    cursor = api.get("/cases", limit=1, sort="title").json()["next_cursor"]
    response = api.get("/cases", limit=1, sort="case_number", cursor=cursor)
    assert response.status_code == 422
    assert response.json()["field"] == "cursor"


def test_the_cursor_is_documented_in_the_openapi_schema(api_as, viewer):
    schema = api_as(viewer).get("/openapi.json").json()
    operation = schema["paths"]["/api/cases"]["get"]
    assert "cursor" in {parameter["name"] for parameter in operation["parameters"]}
    listed = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "next_cursor" in schema["components"]["schemas"][listed]["properties"]


# --- queries -------------------------------------------------------------------------------------------------


def queries_for(api, **params):
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/cases", **params)
    assert response.status_code == 200, response.json()
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status_type": "intake", "unassigned": "true"},
        {"search": "Quillfeather help"},
        {"page": 2},
        {"sort": "-priority"},
    ],
)
def test_the_list_takes_as_many_queries_for_one_row_as_for_a_hundred(api_as, viewer, params):
    contact = ContactFactory(last_name="Quillfeather")
    for case in CaseFactory.create_batch(120, contact=contact, title="Help wanted"):
        case.notes.create(content="A note")
    api = api_as(viewer)
    api.get("/cases")  # the token's first use is not what is measured
    one, hundred = queries_for(api, limit=1, **params), queries_for(api, limit=100, **params)
    assert one == hundred <= 4  # the token's user, the count, the page, the read record (audit)
    cursor = api.get("/cases", limit=1, **params).json()["next_cursor"]
    assert queries_for(api, limit=100, cursor=cursor, **params) == hundred


def test_a_deep_page_lists_the_same_rows_as_following_cursors(api_as, viewer):
    CaseFactory.create_batch(9)
    api = api_as(viewer)
    pages = walk(api, limit=2)
    for number, page in enumerate(pages, start=1):
        assert [row["id"] for row in api.get("/cases", limit=2, page=number).json()["cases"]] == page
