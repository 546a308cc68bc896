"""The derived stores (`casework.core.derived`): after rows written behind the services' back, `rebuild_all()`
makes every store equal its recount again."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from casework.cases import search
from casework.cases import services as case_services
from casework.cases.models import Case, CaseNote
from casework.core import derived
from casework.outcomes.models import InteractionOutcomeImpact
from tests.cases.factories import CaseFactory, case_type, status
from tests.cases.test_tally import assert_tally_matches_the_cases
from tests.contacts.factories import ContactFactory
from tests.outcomes.factories import OutcomeDefinitionFactory
from tests.outcomes.test_report_scale import as_counts, counted_through_the_notes, report

pytestmark = pytest.mark.django_db

STORES = ["search rows", "case tally", "report columns"]


def stale_stores() -> list[str]:
    return [store.name for store in derived.stores() if not store.matches_recount()]


def assert_every_store_matches_its_recount() -> None:
    assert stale_stores() == []
    assert_tally_matches_the_cases()
    assert as_counts(report()) == counted_through_the_notes()
    for tag in InteractionOutcomeImpact.objects.select_related("interaction__case"):
        assert tag.interaction_created_at == tag.interaction.created_at
        assert tag.interaction_created_by_id == tag.interaction.created_by_id
        assert tag.interaction_type == tag.interaction.note_type
        assert tag.client_id == tag.interaction.case.contact_id


@pytest.fixture
def through_the_services(manager):
    """Cases, a note and its outcome tag written the proper way: every store exact."""
    definition = OutcomeDefinitionFactory()
    contact = ContactFactory()
    cases = [
        case_services.open_case(
            actor=manager, contact_id=contact.pk, case_type_id=case_type().pk, title=f"Case {i}"
        )
        for i in range(3)
    ]
    note = case_services.add_note(
        actor=manager,
        case_id=cases[0].pk,
        content="Called",
        note_type="call",
        outcome_impacts=[{"outcome_definition_id": definition.pk}],
    )
    assert_every_store_matches_its_recount()
    return {"cases": cases, "note": note, "definition": definition, "contact": contact}


def insert_behind_the_services_back(written, manager) -> list[Case]:
    """Cases, a note and a tag bulk-inserted, as a bulk load writes them."""
    cases = Case.objects.bulk_create(
        CaseFactory.build(contact=written["contact"], status=status("Active"), title=f"Quokka bulk {i}")
        for i in range(2)
    )
    notes = CaseNote.objects.bulk_create(
        [CaseNote(case=cases[0], content="Met in bulk", note_type="meeting", created_by=manager)]
    )
    InteractionOutcomeImpact.objects.bulk_create(
        [InteractionOutcomeImpact(interaction=notes[0], outcome_definition=written["definition"])]
    )
    return cases


def lose_search_row(case: Case) -> None:
    table = "cases_case_search" if connection.vendor == "postgresql" else "cases_case_fts"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE case_id = %s", [case.pk.hex])


def check_pending_foreign_keys() -> None:
    """Check the foreign keys written so far now, as a commit would: PostgreSQL alters no table with checks
    pending."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_every_derived_store_is_registered_in_rebuild_order_with_its_recount():
    assert [store.name for store in derived.stores()] == STORES
    assert all(store.matches_recount is not None for store in derived.stores())


def test_rebuild_all_makes_every_store_match_its_recount_after_writes_behind_the_services_back(
    through_the_services, manager
):
    written = through_the_services
    bulk = insert_behind_the_services_back(written, manager)
    Case.objects.filter(pk=written["cases"][2].pk).update(priority="urgent", is_urgent=True)
    CaseNote.objects.filter(pk=written["note"].pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    lose_search_row(written["cases"][1])
    assert stale_stores() == STORES

    derived.rebuild_all()

    assert_every_store_matches_its_recount()
    assert set(Case.objects.search("quokka")) == set(bulk)
    found_again = written["cases"][1]
    assert list(Case.objects.search(found_again.case_number)) == [found_again]


def test_after_a_bulk_insert_rebuild_all_fills_in_only_what_the_new_rows_lack(through_the_services, manager):
    written = through_the_services
    postgresql = connection.vendor == "postgresql"
    if postgresql:  # as `casework generate` loads: the search rows are written after the rows
        check_pending_foreign_keys()
        search.suspend_search_sync()
    bulk = insert_behind_the_services_back(written, manager)
    assert "case tally" in stale_stores()

    derived.rebuild_all(only_missing=True)
    if postgresql:
        check_pending_foreign_keys()
        search.resume_search_sync()

    assert_every_store_matches_its_recount()
    assert set(Case.objects.search("quokka")) == set(bulk)
