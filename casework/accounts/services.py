"""Use cases of accounts: creating staff, signing in, revoking access, teams."""

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from casework.accounts import errors
from casework.accounts.mfa.services import Challenge, has_second_factor, issue_challenge, record_sign_in
from casework.accounts.models import Role, Team, User
from casework.accounts.throttle import sign_in_throttled
from casework.accounts.tokens import IssuedToken, issue_token
from casework.audit.services import record_event
from casework.core.errors import REFUSED_BY_VALIDATOR


@transaction.atomic
def create_user(
    *,
    email: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    actor: User | None = None,
    check_password_policy: bool = True,
) -> User:
    """Create a staff account. Emails are unique (case-insensitive); the role must exist."""
    email = email.strip().lower()
    if not email or "@" not in email:
        raise errors.INVALID_EMAIL()
    if not Role.objects.filter(pk=role).exists():
        known = ", ".join(Role.objects.values_list("code", flat=True))
        raise errors.UNKNOWN_ROLE(role=role, known=known)
    if User.objects.filter(email__iexact=email).exists():
        raise errors.EMAIL_TAKEN(email=email)
    candidate = User(email=email, first_name=first_name, last_name=last_name, role_id=role)
    if check_password_policy:
        try:
            validate_password(password, candidate)
        except DjangoValidationError as exc:
            raise REFUSED_BY_VALIDATOR(field="password", reasons=" ".join(exc.messages)) from exc
    full_access = configures_system(Role.objects.get(pk=role))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                role_id=role,
                is_staff=full_access,
                is_superuser=full_access,
            )
    except IntegrityError as exc:  # the same email registered at the same moment
        raise errors.EMAIL_TAKEN(email=email) from exc
    record_event(actor=actor, verb="user.created", target=user, data={"role": role})
    return user


def configures_system(role: Role) -> bool:
    """Roles that may configure the system also get the configuration screens (Django admin)."""
    return role.allows("config.manage")


def login(request: HttpRequest, *, email: str, password: str) -> tuple[User, IssuedToken | Challenge]:
    """Exchange credentials for an API token, or, when the user has a second factor, for a challenge that
    `mfa.services.complete_sign_in` exchanges with a code for the token.

    Unknown email, wrong password and inactive account give the same error, and each costs one
    password hash, so a caller cannot tell which accounts exist.
    """
    email = email.strip().lower()
    if sign_in_throttled(request, email=email):
        raise errors.TOO_MANY_SIGN_INS()
    user = authenticate(request, username=email, password=password)
    if not isinstance(user, User):
        raise errors.INVALID_CREDENTIALS()
    if has_second_factor(user):
        return user, issue_challenge(user)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    record_sign_in(user, via="api", second_factor=False)
    return user, issue_token(user)


@transaction.atomic
def revoke_tokens(user: User) -> None:
    """Invalidate every token issued to the user so far."""
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])


@transaction.atomic
def deactivate_user(user: User, *, actor: User | None = None) -> None:
    """Switch an account off; its tokens stop working at once."""
    User.objects.filter(pk=user.pk).update(is_active=False, token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["is_active", "token_version"])
    record_event(actor=actor, verb="user.deactivated", target=user)


@transaction.atomic
def change_password(user: User, *, new_password: str, actor: User | None = None) -> None:
    try:
        validate_password(new_password, user)
    except DjangoValidationError as exc:
        raise REFUSED_BY_VALIDATOR(field="password", reasons=" ".join(exc.messages)) from exc
    user.set_password(new_password)
    user.token_version += 1
    user.save(update_fields=["password", "token_version"])
    record_event(actor=actor or user, verb="user.password_changed", target=user)


def _members(member_ids: list[Any]) -> list[User]:
    members = list(User.objects.filter(pk__in=member_ids, is_active=True))
    missing = {str(m) for m in member_ids} - {str(u.pk) for u in members}
    if missing:
        raise errors.NO_ACTIVE_USER(id=sorted(missing)[0])
    return members


@transaction.atomic
def create_team(
    *, actor: User, name: str, description: str = "", is_active: bool = True, member_ids=()
) -> Team:
    """Create a team; team names are unique (case-insensitive)."""
    name = name.strip()
    if not name:
        raise errors.TEAM_NAME_REQUIRED()
    if Team.objects.filter(name__iexact=name).exists():
        raise errors.TEAM_NAME_TAKEN(name=name)
    members = _members(list(member_ids))
    try:
        with transaction.atomic():
            team = Team.objects.create(name=name, description=description, is_active=is_active)
    except IntegrityError as exc:
        raise errors.TEAM_NAME_TAKEN(name=name) from exc
    team.members.set(members)
    record_event(
        actor=actor, verb="team.created", target=team, data={"members": [str(m.pk) for m in members]}
    )
    return team


@transaction.atomic
def update_team(team_id: Any, *, actor: User, changes: dict[str, Any]) -> Team:
    team = Team.objects.select_for_update().filter(pk=team_id).first()
    if team is None:
        raise errors.TEAM_NOT_FOUND()
    if "name" in changes:
        name = (changes["name"] or "").strip()
        if not name:
            raise errors.TEAM_NAME_REQUIRED()
        if Team.objects.filter(name__iexact=name).exclude(pk=team.pk).exists():
            raise errors.TEAM_NAME_TAKEN(name=name)
        team.name = name
    for field in ("description", "is_active"):
        if changes.get(field) is not None:
            setattr(team, field, changes[field])
    team.save()
    if changes.get("member_ids") is not None:
        team.members.set(_members(changes["member_ids"]))
    record_event(actor=actor, verb="team.updated", target=team, data={"fields": sorted(changes)})
    return team
