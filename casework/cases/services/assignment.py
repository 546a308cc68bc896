"""Use cases of assignment and routing: who works a case, its assignment history, auto-assignment rules."""

from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from casework.accounts.models import Team, User
from casework.accounts.querysets import case_workers, may_work_cases
from casework.audit.services import new_event
from casework.cases import errors, timeline
from casework.cases.models import OPEN_STATUS_TYPES, AssignmentRule, Case, CaseAssignment, CaseNote, NoteType
from casework.cases.services._write import lock_case, write_case
from casework.cases.timeline import NoteKind
from casework.core.events import publish
from casework.core.writes import Writes


def active_user(user_id: Any) -> User | None:
    if user_id is None:
        return None
    user = User.objects.select_related("role").filter(pk=user_id, is_active=True).first()
    if user is None:
        raise errors.NO_ACTIVE_USER()
    return user


def assignable_user(user_id: Any) -> User | None:
    """The active user `user_id` names, if their role may work cases (given to anyone else, a case would sit
    with someone who cannot open it for work)."""
    user = active_user(user_id)
    if user is not None and not may_work_cases(user):
        raise errors.CANNOT_WORK_CASES(user=str(user))
    return user


def active_team(team_id: Any) -> Team | None:
    if team_id is None:
        return None
    team = Team.objects.filter(pk=team_id, is_active=True).first()
    if team is None:
        raise errors.NO_ACTIVE_TEAM()
    return team


def check_membership(user: User | None, team: Team | None) -> None:
    """A case given to both a user and a team goes to a member of that team."""
    if user is not None and team is not None and not team.members.filter(pk=user.pk).exists():
        raise errors.NOT_TEAM_MEMBER(user=str(user), team=str(team))


def _describe(user: User | None, team: Team | None) -> str:
    """Who a case is assigned to, by name ("" for nobody: the timeline says it in the reader's language)."""
    return " / ".join(str(x) for x in (user, team) if x is not None)


def record_assignment(
    case: Case,
    *,
    actor: User | None,
    user: User | None,
    team: Team | None,
    writes: Writes,
    reason: str = "",
    rule: AssignmentRule | None = None,
    previous_user: User | None = None,
    new_case: bool = False,
) -> None:
    """Close the open assignment period of a (locked or new) case and open the next one (written with the
    caller's `writes`); notify the assignee.

    The partial unique constraint `caseassignment_one_open_per_case` guarantees one open period per case, and
    a unique index is checked row by row: the new period is inserted `after` the old one is closed, so the two
    open periods never meet, though both go in the caller's one statement.
    """
    now = timezone.now()
    closed = None
    if not new_case:
        closed = writes.update_all(
            CaseAssignment.objects.filter(case=case, unassigned_at__isnull=True),
            unassigned_at=now,
            unassigned_by=actor,
        )
    if user is None and team is None:
        return
    writes.insert(
        CaseAssignment(
            case=case,
            assigned_from=previous_user,
            assigned_to=user,
            assigned_team=team,
            assignment_reason=reason,
            assigned_at=now,
            assigned_by=actor,
            rule=rule,
        ),
        after=closed,
    )
    publish("case.assigned", case=case, actor=actor, assignee=user, team=team, rule=rule)


@transaction.atomic
def assign_case(
    case_id: UUID,
    *,
    actor: User,
    assigned_to: UUID | None,
    assigned_team_id: UUID | None,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """Give a case to a user, a team, or both (the user must then be a member), or to nobody.

    Each change closes the previous assignment period and opens a new one, writes an `update` note on the
    timeline and notifies the new assignee. Assigning to whoever already has it changes nothing.
    """
    case = lock_case(case_id, expected_version=expected_version)
    # The new and the previous assignee in one query (the previous one is named on the timeline).
    wanted = {assigned_to, case.assigned_to_id} - {None}
    people = {u.pk: u for u in User.objects.select_related("role").filter(pk__in=wanted)} if wanted else {}
    user = people.get(assigned_to) if assigned_to is not None else None
    if assigned_to is not None and (user is None or not user.is_active):
        raise errors.NO_ACTIVE_USER()
    if user is not None and not may_work_cases(user):
        raise errors.CANNOT_WORK_CASES(user=str(user))
    team = active_team(assigned_team_id)
    check_membership(user, team)
    if case.assigned_to_id == (user.pk if user else None) and case.assigned_team_id == (
        team.pk if team else None
    ):
        return case
    previous_user = people.get(case.assigned_to_id) if case.assigned_to_id else None
    case.assigned_to = previous_user  # read already: not again when the change is compared
    previous_team = case.assigned_team if case.assigned_team_id else None
    with Writes() as writes:
        write_case(
            case, {"assigned_to": user, "assigned_team": team}, actor=actor, reason=reason, writes=writes
        )
        record_assignment(
            case, actor=actor, user=user, team=team, reason=reason, previous_user=previous_user, writes=writes
        )
        written = timeline.entry(
            NoteKind.ASSIGNED,
            to=_describe(user, team),
            was=_describe(previous_user, previous_team),
            reason=reason,
        )
        writes.insert(
            CaseNote(
                case=case,
                note_type=NoteType.UPDATE,
                subject="Assignment changed",
                **written.fields(),
                is_internal=True,
                created_by=actor,
            )
        )
        writes.insert(
            new_event(
                actor=actor,
                verb="case.assigned",
                target=case,
                data={
                    "from": str(previous_user.pk) if previous_user else None,
                    "to": str(user.pk) if user else None,
                    "team": str(team.pk) if team else None,
                    "reason": reason,
                },
            )
        )
    return case


def matching_rule(case: Case) -> AssignmentRule | None:
    """The first active rule (by sort order) whose conditions all hold for `case`; blank conditions match any."""
    rules = AssignmentRule.objects.filter(is_active=True).filter(
        Q(case_type__isnull=True) | Q(case_type_id=case.case_type_id),
        Q(priority="") | Q(priority=case.priority),
        Q(source="") | Q(source=case.source),
    )
    return rules.select_related("assign_to_user", "assign_to_team").order_by("sort_order", "name").first()


def least_loaded_member(team: Team) -> User | None:
    """The member of `team` who may work cases with the fewest open cases (ties: alphabetical, then id)."""
    return (
        case_workers()
        .filter(teams=team)
        .annotate(
            open_cases=Count(
                "assigned_cases", filter=Q(assigned_cases__status__status_type__in=OPEN_STATUS_TYPES)
            )
        )
        .order_by("open_cases", "last_name", "first_name", "id")
        .first()
    )


def choose_route(case: Case) -> tuple[User | None, Team | None, AssignmentRule] | None:
    """Who the first matching auto-assignment rule gives an (unsaved) case to, or None."""
    rule = matching_rule(case)
    if rule is None:
        return None
    team = rule.assign_to_team if rule.assign_to_team and rule.assign_to_team.is_active else None
    user = rule.assign_to_user if rule.assign_to_user and may_work_cases(rule.assign_to_user) else None
    if rule.least_loaded_member and team is not None:
        user = least_loaded_member(team)
    if user is None and team is None:
        return None
    return user, team, rule
