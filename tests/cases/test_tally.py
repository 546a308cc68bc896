"""The dashboard's case tally stays equal to a recount of the cases, whatever the services do to them."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from casework.accounts.models import Team
from casework.cases import services, tallies
from casework.cases.models import Case, CaseStatus, CaseTally, CaseType
from casework.cases.querysets import case_summary
from casework.cases.services import assignment
from tests.accounts.factories import UserFactory
from tests.cases.factories import case_type, status
from tests.concurrency import run_at_once
from tests.conftest import postgres_only
from tests.contacts.factories import ContactFactory


def summary_counted_by_queries() -> dict:
    # A filter that keeps every case sends case_summary down its query path instead of the tally.
    return case_summary(Case.objects.filter(pk__isnull=False), today=timezone.localdate())


def assert_tally_matches_the_cases() -> None:
    assert tallies.stored() == tallies.recount()
    assert tallies.summary(today=timezone.localdate()) == summary_counted_by_queries()


def plain_types() -> list[CaseType]:
    """The active case types whose intake form has no required field."""
    types = CaseType.objects.filter(is_active=True).order_by("name")
    return [t for t in types if not any(d.get("required") for d in t.custom_fields)]


def open_some(actor, rng: random.Random, n: int, *, users, teams) -> list[Case]:
    types = plain_types()
    cases = []
    for i in range(n):
        user = rng.choice([None, *users])
        cases.append(
            services.open_case(
                actor=actor,
                contact_id=ContactFactory().pk,
                case_type_id=rng.choice(types).pk,
                title=f"Case {i}",
                priority=rng.choice(["low", "medium", "high", "urgent"]),
                assigned_to=user.pk if user else None,
                assigned_team_id=teams[0].pk if user is users[0] and rng.random() < 0.5 else None,
                due_date=timezone.localdate() + dt.timedelta(days=rng.randint(-20, 20)),
                is_urgent=rng.random() < 0.2,
            )
        )
    return cases


@pytest.fixture
def staff(db):
    users = [UserFactory(role_id="caseworker") for _ in range(3)]
    team = Team.objects.create(name="Housing desk")
    team.members.add(users[0])
    return users, [team]


@pytest.mark.django_db
def test_the_tally_equals_a_recount_after_a_random_mix_of_service_calls(manager, staff):
    users, teams = staff
    rng = random.Random(7)
    cases = open_some(manager, rng, 12, users=users, teams=teams)
    assert_tally_matches_the_cases()
    types = plain_types()
    assert len(types) > 1
    for step in range(60):
        case = Case.objects.get(pk=rng.choice(cases).pk)
        action = rng.choice(["update", "status", "status", "assign", "urgent"])
        if action == "update":
            services.update_case(
                case.pk,
                actor=manager,
                changes={
                    "priority": rng.choice(["low", "medium", "high", "urgent"]),
                    "case_type_id": rng.choice(types).pk,
                },
                expected_version=case.row_version,
            )
        elif action == "urgent":
            services.update_case(
                case.pk,
                actor=manager,
                changes={"is_urgent": not case.is_urgent},
                expected_version=case.row_version,
            )
        elif action == "status":
            targets = list(case.status.can_transition_to.filter(is_active=True))
            services.change_case_status(
                case.pk, actor=manager, new_status_id=rng.choice(targets).pk, reason=f"step {step}"
            )
        else:
            user = rng.choice([None, *users])
            team = teams[0] if user in (None, users[0]) and rng.random() < 0.5 else None
            assignment.assign_case(
                case.pk,
                actor=manager,
                assigned_to=getattr(user, "pk", None),
                assigned_team_id=getattr(team, "pk", None),
            )
    services.delete_case(cases.pop().pk, actor=manager)
    assert_tally_matches_the_cases()
    summary = tallies.summary(today=timezone.localdate())
    assert summary["total_cases"] == Case.objects.count() == 11


@pytest.mark.django_db
def test_the_summary_reads_closed_durations_from_the_tally(manager):
    case = services.open_case(
        actor=manager, contact_id=ContactFactory().pk, case_type_id=case_type().pk, title="Housing"
    )
    for name in ("Active", "Ready for Closure", "Closed - Successful"):
        services.change_case_status(case.pk, actor=manager, new_status_id=status(name).pk, reason="done")
    Case.objects.filter(pk=case.pk).update(intake_date=timezone.now() - dt.timedelta(days=3))
    tallies.rebuild()  # the intake date was moved behind the services' back
    assert tallies.summary(today=timezone.localdate())["average_case_duration_days"] == pytest.approx(
        3.0, abs=0.1
    )
    assert_tally_matches_the_cases()
    # Reopening clears the closed date: the case no longer counts towards the average.
    services.change_case_status(case.pk, actor=manager, new_status_id=status("Active").pk, reason="again")
    assert tallies.summary(today=timezone.localdate())["average_case_duration_days"] is None
    assert_tally_matches_the_cases()


@pytest.mark.django_db
def test_rebuild_recounts_the_tally_from_the_cases(manager, staff):
    users, teams = staff
    open_some(manager, random.Random(3), 8, users=users, teams=teams)
    CaseTally.objects.update(cases=99)
    assert tallies.rebuild() == CaseTally.objects.count()
    assert_tally_matches_the_cases()


@pytest.mark.django_db
def test_deleting_a_user_or_team_moves_their_cases_to_nobody_in_the_tally(manager, staff):
    users, teams = staff
    open_some(manager, random.Random(5), 10, users=users, teams=teams)
    services.open_case(
        actor=manager,
        contact_id=ContactFactory().pk,
        case_type_id=case_type().pk,
        title="Team case",
        assigned_to=users[0].pk,
        assigned_team_id=teams[0].pk,
    )
    users[0].delete()
    teams[0].delete()
    assert_tally_matches_the_cases()


@pytest.mark.django_db
def test_the_list_count_from_the_tally_equals_the_filtered_count(manager, staff):
    users, teams = staff
    open_some(manager, random.Random(11), 15, users=users, teams=teams)
    active = status("Active")
    for case in Case.objects.all()[:5]:
        services.change_case_status(case.pk, actor=manager, new_status_id=active.pk)
    filter_sets = [
        {},
        {"priority": "high"},
        {"status_id": active.pk},
        {"status_type": "intake"},
        {"assigned_to": users[1].pk, "is_urgent": False},
        {"assigned_team_id": teams[0].pk},
        {"unassigned": True},
        {"unassigned": False, "case_type_id": case_type().pk},
        {"priority": None, "is_urgent": True},
    ]
    for filters in filter_sets:
        assert tallies.count_cases(**filters) == Case.objects.filtered(**filters).count(), filters
    assert tallies.count_cases(contact_id=ContactFactory().pk) is None
    assert tallies.count_cases(due_before=timezone.localdate()) is None


@pytest.mark.django_db(transaction=True)
def test_simultaneous_status_changes_and_assignments_keep_the_tally_exact():
    manager = UserFactory(role_id="manager")
    users = [UserFactory(role_id="caseworker") for _ in range(2)]
    # Same type, priority and urgency: every case moves between the same few tally rows at once.
    cases = [
        services.open_case(
            actor=manager, contact_id=ContactFactory().pk, case_type_id=case_type().pk, title=f"Case {i}"
        )
        for i in range(8)
    ]
    active, review = status("Active"), status("Under Review")

    def work(i):
        case = cases[i]
        if i % 2:
            services.change_case_status(
                case.pk, actor=manager, new_status_id=(active if i % 4 == 1 else review).pk
            )
        else:
            assignment.assign_case(
                case.pk, actor=manager, assigned_to=users[i % 4 // 2].pk, assigned_team_id=None
            )
        return True

    assert run_at_once(len(cases), work) == [True] * len(cases)
    assert_tally_matches_the_cases()
    assert CaseStatus.objects.get(pk=active.pk).cases.count() == 2


@pytest.mark.django_db
def test_changing_the_case_type_is_saved_and_counted(manager):
    case = services.open_case(
        actor=manager, contact_id=ContactFactory().pk, case_type_id=case_type().pk, title="Moves type"
    )
    other = next(t for t in plain_types() if t.pk != case.case_type_id)
    services.update_case(case.pk, actor=manager, changes={"case_type_id": other.pk}, expected_version=1)
    assert Case.objects.get(pk=case.pk).case_type_id == other.pk
    assert_tally_matches_the_cases()


@pytest.mark.django_db
def test_a_case_counted_by_a_rebuild_and_moved_by_a_service_is_counted_once(manager):
    cases = [
        services.open_case(
            actor=manager, contact_id=ContactFactory().pk, case_type_id=case_type().pk, title=f"Case {i}"
        )
        for i in range(6)
    ]
    tallies.rebuild()  # every case now counted in shard 0
    moved = next(c for c in cases if tallies.shard_of(c.pk) != 0)
    services.change_case_status(moved.pk, actor=manager, new_status_id=status("Active").pk)
    # The move came out of the case's own shard, which counted nothing: below zero there, exact in the sum.
    assert CaseTally.objects.filter(shard=tallies.shard_of(moved.pk), cases=-1).exists()
    assert_tally_matches_the_cases()
    assert tallies.count_cases(status_id=status("Intake").pk) == 5


@postgres_only  # SQLite writers queue for the whole database anyway
@pytest.mark.django_db(transaction=True)
def test_status_changes_of_cases_with_the_same_dimensions_do_not_wait_for_each_other():
    """Cases in different tally shards move without locking each other's tally row: while one change is
    uncommitted, the other commits, within a lock timeout that a shared row would run into."""
    import threading

    from django.db import connection, transaction

    manager = UserFactory(role_id="manager")
    opened: list[Case] = []
    while len({tallies.shard_of(c.pk) for c in opened}) < 2:
        opened.append(
            services.open_case(
                actor=manager, contact_id=ContactFactory().pk, case_type_id=case_type().pk, title="Same dims"
            )
        )
    first = opened[0]
    second = next(c for c in opened if tallies.shard_of(c.pk) != tallies.shard_of(first.pk))
    active = status("Active").pk
    holding, release = threading.Event(), threading.Event()

    def hold_first_change_open() -> None:
        try:
            with transaction.atomic():
                services.change_case_status(first.pk, actor=manager, new_status_id=active)
                holding.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_first_change_open)
    holder.start()
    try:
        assert holding.wait(timeout=30)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '3s'")
            services.change_case_status(second.pk, actor=manager, new_status_id=active)
    finally:
        release.set()
        holder.join()
    assert_tally_matches_the_cases()
    assert Case.objects.filter(status_id=active).count() == 2
