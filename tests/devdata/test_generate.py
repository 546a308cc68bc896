"""`casework generate`: the asked counts, unique case numbers behind raised counters, consistent dates, valid
foreign keys, the same rows for the same seed (on SQLite and PostgreSQL)."""

import hashlib
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from casework.callcenter.models import CallcenterCase, CitizenRecord
from casework.cases.models import Case, CaseNote, CaseNumberCounter, CaseStatus
from casework.contacts.models import Contact
from casework.devdata.generate import rows
from casework.devdata.generate.load import BULK_TABLES, outcome_definitions
from casework.devdata.generate.sinks import BulkLoadSchema
from casework.naturecheck.models import ACTIVE_STATUSES, Farm, NatureCheckCase
from casework.outcomes.models import InteractionOutcomeImpact

pytestmark = pytest.mark.django_db(transaction=False)

SIZES = ["--contacts", "40", "--cases", "250", "--notes-per-case", "3", "--citizens", "150", "--farms", "20"]
AS_OF = ["--as-of", "2026-03-02"]

TABLES = [
    "accounts_user",
    "contacts_contact",
    "cases_case",
    "cases_casenote",
    "outcomes_interactionoutcomeimpact",
    "documents_casedocument",
    "naturecheck_farmer",
    "naturecheck_farm",
    "naturecheck_naturecheckcase",
    "callcenter_citizenrecord",
    "callcenter_callcentercase",
    "cases_casenumbercounter",
]


def generate(*args: str) -> str:
    out = io.StringIO()
    call_command("generate", *SIZES, *AS_OF, "--no-progress", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def fingerprint() -> dict[str, str]:
    """A digest of every generated table's rows, in id order, with the ids of non-generated rows left out."""
    digests = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            order = "day" if table == "cases_casenumbercounter" else "id"
            cursor.execute(f"SELECT * FROM {table} ORDER BY {order}")
            digest = hashlib.sha256()
            for row in cursor.fetchall():
                digest.update(repr([str(value) for value in row]).encode())
            digests[table] = digest.hexdigest()
    return digests


def test_generation_writes_the_asked_counts_with_unique_numbers_and_consistent_dates():
    generate("--seed", "11")

    assert Contact.objects.count() == 40
    assert Case.objects.count() == 250
    assert CaseNote.objects.count() == 250 * 3
    assert CitizenRecord.objects.count() == 150
    assert Farm.objects.count() == 20
    numbers = list(Case.objects.values_list("case_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    per_day = Counter(number.rsplit("-", 1)[0] for number in numbers)
    counters = {f"CASE-{c.day:%y%m%d}": c.last_number for c in CaseNumberCounter.objects.all()}
    assert all(counters[day] >= count for day, count in per_day.items())
    assert max(int(n.rsplit("-", 1)[1]) for n in numbers) <= max(counters.values())

    by_type = dict(CaseStatus.objects.values_list("pk", "status_type"))
    for status_id, intake, opened, closed in Case.objects.values_list(
        "status_id", "intake_date", "opened_date", "closed_date"
    ):
        kind = by_type[status_id]
        if kind in ("closed", "cancelled"):
            assert closed is not None and closed >= intake
        else:
            assert closed is None
            assert (opened is None) == (kind == "intake")
        assert opened is None or opened >= intake
    # Every case starts its timeline with the intake note; some notes carry outcome tags; some citizens a 106 case.
    assert CaseNote.objects.filter(subject="Case opened").count() == 250
    assert InteractionOutcomeImpact.objects.exists()
    assert 0 < CallcenterCase.objects.count() < CitizenRecord.objects.count()
    active = Counter(
        NatureCheckCase.objects.filter(status__in=ACTIVE_STATUSES).values_list("farm_id", flat=True)
    )
    assert all(n == 1 for n in active.values())
    connection.check_constraints()  # foreign keys (deferred on both databases) and SQLite's checks


def test_the_same_seed_gives_the_same_rows_whatever_the_workers_and_another_seed_other_rows(monkeypatch):
    outcome_definitions()  # configuration the generator adds when missing, with random ids: kept out of the runs
    runs = []
    for seed, workers, chunk in (("5", "1", 20_000), ("5", "2", 40), ("6", "1", 20_000)):
        # Small chunks, so two worker processes share the days.
        monkeypatch.setattr(rows, "BATCH_CASES", chunk)
        with transaction.atomic():
            generate("--seed", seed, "--workers", workers)
            runs.append(fingerprint())
            transaction.set_rollback(True)

    assert runs[0] == runs[1]
    assert runs[0]["cases_case"] != runs[2]["cases_case"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk-load mode is PostgreSQL's")
def test_the_indexes_and_keys_dropped_for_the_load_come_back_as_they_were():
    schema = BulkLoadSchema(BULK_TABLES)
    before = schema.definitions()

    output = generate("--seed", "9")

    assert "indexes + keys" in output  # dropped and built again
    assert schema.definitions() == before
    assert any(" FOREIGN KEY " in f" {definition}" for _, _, definition in before)
    connection.check_constraints()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk load writes PostgreSQL's search rows")
@pytest.mark.parametrize("cases_before", [0, 1], ids=["into-no-cases", "next-to-a-case"])
def test_the_bulk_load_writes_the_search_rows_the_trigger_would_and_turns_it_back_on(manager, cases_before):
    from casework.cases import services
    from tests.cases.factories import case_type
    from tests.contacts.factories import ContactFactory

    def open_case(title: str) -> Case:
        return services.open_case(
            actor=manager, contact_id=ContactFactory().pk, case_type_id=case_type().pk, title=title
        )

    # A case already there keeps the row its trigger wrote; an empty cases table has its search rows rewritten.
    before = [open_case("Quixotic request, opened before the load") for _ in range(cases_before)]
    with connection.cursor() as cursor:
        # Their foreign keys checked now, as a commit would: PostgreSQL alters no table with checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    output = generate("--seed", "13")

    assert "search rows" in output  # written after the rows, the insert trigger off meanwhile
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(DISTINCT case_id) FROM cases_case_search")
        assert cursor.fetchone() == (250 + cases_before, 250 + cases_before)
        cursor.execute(
            """
            SELECT count(*) FROM cases_case AS c
              LEFT JOIN contacts_contact AS contact ON contact.id = c.contact_id
              LEFT JOIN cases_case_search AS search ON search.case_id = c.id
             WHERE search.document IS DISTINCT FROM cases_case_search_document(
                       c.case_number, c.title, c.description, contact.first_name, contact.last_name)
            """
        )
        assert cursor.fetchone() == (0,)
        cursor.execute(
            "SELECT tgenabled FROM pg_trigger "
            "WHERE tgrelid = 'cases_case'::regclass AND tgname = 'cases_case_search_insert'"
        )
        assert cursor.fetchone() == ("O",)
    generated = Case.objects.exclude(pk__in=[case.pk for case in before]).order_by("case_number").first()
    assert generated is not None
    assert generated in Case.objects.search(generated.case_number)
    after = open_case("Zanzibar paperwork")
    assert list(Case.objects.search("zanzibar")) == [after]
    assert list(Case.objects.search("quixotic")) == before


def test_a_second_run_with_the_same_seed_is_refused_and_a_new_case_gets_the_next_number():
    generate("--seed", "3")
    with pytest.raises(CommandError, match="already in this database"):
        generate("--seed", "3")

    from casework.cases.numbering import next_case_number

    busiest = CaseNumberCounter.objects.order_by("-last_number").first()
    assert busiest is not None
    number = next_case_number(busiest.day)
    assert number == f"CASE-{busiest.day:%y%m%d}-{busiest.last_number + 1:05d}"
    assert not Case.objects.filter(case_number=number).exists()


def test_generated_cases_are_in_the_dashboard_tally_and_their_tags_in_the_outcomes_report():
    from casework.cases import tallies

    generate("--seed", "12")

    # The rows bypass the services, so the load rebuilds what the services keep in step with each write.
    assert tallies.stored() == tallies.recount()
    tags = InteractionOutcomeImpact.objects.select_related("interaction__case")
    assert tags.exists()
    for tag in tags:
        assert tag.interaction_created_at == tag.interaction.created_at
        assert tag.interaction_type == tag.interaction.note_type
        assert tag.client_id == tag.interaction.case.contact_id
