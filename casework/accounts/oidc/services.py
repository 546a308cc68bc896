"""Which Casework account an OpenID Connect sign-in is, and the role it carries.

The rule: the provider's email is matched, case-insensitively, to one account, and only when the provider says it
verified that address (`email_verified` is true); a deactivated account is refused; an unknown address is refused
unless CASEWORK_OIDC_CREATE_USERS is on, then the account is created with the mapped role (and no password). When
CASEWORK_OIDC_ROLE_CLAIM is set, the role is applied at every sign-in: the first role of CASEWORK_OIDC_ROLE_MAP that
a claim value maps to, or CASEWORK_OIDC_DEFAULT_ROLE when none does (an admin whose claim drops becomes the default
role, for their password sign-ins too). Sign-ins and refusals of a known account are audit events.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction

from casework.accounts.models import Role, User
from casework.accounts.oidc import errors
from casework.accounts.services import configures_system
from casework.audit.services import record_event

# Authentication methods (RFC 8176) that mean the provider asked for more than a password.
STRONG_METHODS = frozenset({"mfa", "otp", "hwk"})


@dataclass(frozen=True)
class Identity:
    """What the provider says about the person signing in (the ID token's and userinfo's claims)."""

    email: str
    email_verified: bool
    first_name: str = ""
    last_name: str = ""
    # The values of the role claim (a string or a list in the token), or None when the token has no such claim.
    role_values: tuple[str, ...] | None = None
    methods: tuple[str, ...] = field(default=())

    @property
    def strong(self) -> bool:
        """The provider's own sign-in used a second factor (its `amr` names one)."""
        return bool(STRONG_METHODS.intersection(self.methods))


def mapped_role(values: Iterable[str] | None) -> str | None:
    """The role code the claim's values give, or None when the role claim is not configured.

    CASEWORK_OIDC_ROLE_MAP ("provider value=role code", in order) picks the first listed pair whose value the
    claim has; without a map the values are role codes themselves (the first that exists). No match: the default
    role."""
    if not settings.OIDC_ROLE_CLAIM:
        return None
    given = [str(value) for value in values or ()]
    candidates = (
        [role for value, role in settings.OIDC_ROLE_MAP if value in given]
        if settings.OIDC_ROLE_MAP
        else given
    )
    known = set(Role.objects.filter(pk__in=candidates).values_list("pk", flat=True))
    for candidate in candidates:
        if candidate in known:
            return candidate
    return settings.OIDC_DEFAULT_ROLE


def _refuse(user: User, reason: str) -> None:
    record_event(actor=user, verb="user.oidc_refused", target=user, data={"reason": reason})


def sign_in(identity: Identity) -> User:
    """The active account this identity signs in as (created when allowed), with its role brought up to date;
    EMAIL_NOT_VERIFIED, USER_DEACTIVATED or UNKNOWN_USER otherwise."""
    email = identity.email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if not identity.email_verified or not email:
        if user is not None:
            _refuse(user, "email_not_verified")
        raise errors.EMAIL_NOT_VERIFIED()
    if user is not None and not user.is_active:
        _refuse(user, "deactivated")
        raise errors.USER_DEACTIVATED()
    role = mapped_role(identity.role_values)
    if user is None:
        if not settings.OIDC_CREATE_USERS:
            raise errors.UNKNOWN_USER(email=email)
        user = _create(identity, email=email, role=role or settings.OIDC_DEFAULT_ROLE)
        if not user.is_active:  # created by someone else a moment ago, and deactivated since
            raise errors.USER_DEACTIVATED()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if role is not None and role != user.role_id:
            _set_role(user, role)
        record_event(
            actor=user,
            verb="user.signed_in",
            target=user,
            data={"method": "oidc", "issuer": settings.OIDC_ISSUER, "second_factor": identity.strong},
        )
    return user


def _create(identity: Identity, *, email: str, role: str) -> User:
    try:
        with transaction.atomic():
            full_access = configures_system(Role.objects.get(pk=role))
            user = User.objects.create_user(
                email=email,
                password=None,  # unusable: this account signs in through the provider
                first_name=identity.first_name[:100],
                last_name=identity.last_name[:100],
                role_id=role,
                is_staff=full_access,
                is_superuser=full_access,
            )
            record_event(actor=None, verb="user.created", target=user, data={"role": role, "via": "oidc"})
            return user
    except IntegrityError:  # the same person's first sign-in in two tabs at once: the other one created it
        return User.objects.get(email__iexact=email)


def _set_role(user: User, role: str) -> None:
    before = user.role_id
    full_access = configures_system(Role.objects.get(pk=role))
    User.objects.filter(pk=user.pk).update(role_id=role, is_staff=full_access, is_superuser=full_access)
    user.role_id, user.is_staff, user.is_superuser = role, full_access, full_access
    record_event(
        actor=None, verb="user.role_changed", target=user, data={"from": before, "to": role, "via": "oidc"}
    )
