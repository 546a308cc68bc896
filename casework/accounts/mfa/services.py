"""Use cases of the second factor: setting up an authenticator (with recovery codes), the second step of a sign-in,
enforcement by role, and an administrator's reset.

Codes are single-use: a TOTP code is accepted only for a time step later than the last one accepted for that device,
and the database decides between two requests carrying the same code (a conditional UPDATE, one of them changes
the row); a recovery code is deleted by the request that uses it (one DELETE removes the row). Every code tried
counts as a sign-in attempt of the account and the address in the sign-in throttle.
"""

import time
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.accounts import errors as account_errors
from casework.accounts.mfa import errors
from casework.accounts.models import User
from casework.accounts.throttle import sign_in_throttled
from casework.accounts.tokens import WITH_SECOND_FACTOR, IssuedToken, VerifiedToken, issue_token
from casework.audit.services import record_event

RECOVERY_CODE_COUNT = 10
CHALLENGE_SALT = "casework.accounts.mfa.challenge"
RECOVERY_CODE_SALT = "casework.accounts.mfa.recovery_code"


@dataclass(frozen=True)
class Challenge:
    """The API's proof that the password step of a sign-in succeeded; exchanged with a code for the token."""

    token: str
    expires_at: datetime


# Enforcement


def demo_bypass_active() -> bool:
    """True only in debug mode with the demo bypass on (the default of `make run`): the setting is computed from
    CASEWORK_DEBUG when the settings load, so with debug off it is False whatever CASEWORK_MFA_DEMO_BYPASS says."""
    return bool(settings.MFA_DEMO_BYPASS)


def second_factor_required(user: User) -> bool:
    """Whether the user's role must sign in with a second factor (`MFA_REQUIRED_ROLES`)."""
    return user.role_id in settings.MFA_REQUIRED_ROLES and not demo_bypass_active()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_pending(user: User) -> bool:
    """The user must set up a second factor before anything else works."""
    return second_factor_required(user) and not has_second_factor(user)


def check_api_access(verified: VerifiedToken) -> None:
    """Refuse a token signed with a password alone when the user's role requires a second factor: 403
    `mfa_enrolment_required` until one is set up, then 403 `mfa_required` for tokens issued before."""
    if verified.second_factor_used or not second_factor_required(verified.user):
        return
    if has_second_factor(verified.user):
        raise errors.SECOND_FACTOR_REQUIRED()
    raise errors.ENROLMENT_REQUIRED()


# The second step of a sign-in


def _last_login_mark(user: User) -> str:
    return user.last_login.isoformat() if user.last_login else ""


def issue_challenge(user: User) -> Challenge:
    """A signed, short-lived challenge naming the user. It stops working when the user completes any sign-in
    (their `last_login` moves), when their tokens are revoked, and after `MFA_CHALLENGE_LIFETIME`."""
    payload = {"u": str(user.pk), "tv": user.token_version, "ll": _last_login_mark(user)}
    token = signing.dumps(payload, salt=CHALLENGE_SALT)
    expires_at = timezone.now() + settings.MFA_CHALLENGE_LIFETIME
    return Challenge(token=token, expires_at=expires_at.replace(microsecond=0))


def user_for_challenge(challenge: str) -> User:
    try:
        payload = signing.loads(challenge, salt=CHALLENGE_SALT, max_age=settings.MFA_CHALLENGE_LIFETIME)
        user = User.objects.filter(pk=str(payload["u"]), is_active=True).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise errors.INVALID_CHALLENGE() from exc
    if user is None or user.token_version != payload.get("tv") or _last_login_mark(user) != payload.get("ll"):
        raise errors.INVALID_CHALLENGE()
    return user


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _accept_totp(device: TOTPDevice, code: str) -> bool:
    """Accept a TOTP code of `device` once: the time step it belongs to must be later than the last accepted."""
    if not (code.isdigit() and len(code) == device.digits):
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance, device.last_t + 1):
        return False
    step = totp.t()
    # Two requests with the same code: the database lets one of them move last_t.
    return (
        TOTPDevice.objects.filter(pk=device.pk, last_t__lt=step).update(
            last_t=step, drift=totp.drift, last_used_at=timezone.now()
        )
        == 1
    )


# Recovery codes are stored as a keyed hash, never as they are: HMAC-SHA256 under a key derived from SECRET_KEY,
# in django-otp's StaticToken.token (16 characters: the first 80 bits of the HMAC in lower-case base32). A keyed
# hash, not a password hash: the codes are random (40 bits, and every try counts in the sign-in throttle), so a
# lookup by equality is enough, and whoever reads the database without the key learns nothing of the codes.


def hashed_recovery_code(code: str, *, secret: str | bytes | None = None) -> str:
    """What is stored for the recovery code `code` (normalised first: spaces and dashes dropped, lower case)."""
    digest = salted_hmac(RECOVERY_CODE_SALT, _normalised(code), secret=secret, algorithm="sha256").digest()
    return b32encode(digest[:10]).decode().lower()


def _recovery_code_hashes(code: str) -> list[str]:
    """The stored forms `code` may have: under SECRET_KEY and under each of SECRET_KEY_FALLBACKS (a rotated key
    keeps the codes made before working)."""
    secrets = [None, *settings.SECRET_KEY_FALLBACKS]
    return [hashed_recovery_code(code, secret=secret) for secret in secrets]


def _accept_recovery_code(user: User, code: str) -> bool:
    token = StaticToken.objects.filter(
        device__user=user, device__confirmed=True, token__in=_recovery_code_hashes(code)
    ).first()
    if token is None:
        return False
    deleted, _ = StaticToken.objects.filter(pk=token.pk).delete()
    if not deleted:  # used by a concurrent request a moment ago
        return False
    left = StaticToken.objects.filter(device__user=user).count()
    record_event(actor=user, verb="user.mfa_recovery_code_used", target=user, data={"left": left})
    return True


def _accept_code(user: User, code: str) -> str | None:
    """The method that accepted `code` (`totp` or `recovery_code`), or None."""
    code = _normalised(code)
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if _accept_totp(device, code):
            return "totp"
    if code and _accept_recovery_code(user, code):
        return "recovery_code"
    return None


def verify_code(request: HttpRequest, user: User, *, code: str) -> str:
    """Check a code of the user's second factor (TOTP or recovery code), counting the attempt in the sign-in
    throttle; the method that accepted it, or INVALID_CODE."""
    if sign_in_throttled(request, email=user.email):
        raise account_errors.TOO_MANY_SIGN_INS()
    with transaction.atomic():
        method = _accept_code(user, code)
    if method is None:
        raise errors.INVALID_CODE()
    return method


def complete_sign_in(request: HttpRequest, *, challenge: str, code: str) -> tuple[User, IssuedToken]:
    """Exchange a challenge from the password step and a code for a token that records the second factor."""
    user = user_for_challenge(challenge)
    verify_code(request, user, code=code)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    record_sign_in(user, via="api", second_factor=True)
    return user, issue_token(user, amr=WITH_SECOND_FACTOR)


def record_sign_in(user: User, *, via: str, second_factor: bool) -> None:
    """The audit event of a password sign-in (`via` the web or the API), once any second factor was given."""
    record_event(
        actor=user,
        verb="user.signed_in",
        target=user,
        data={"method": "password", "via": via, "second_factor": second_factor},
    )


# Setting up and resetting


@dataclass(frozen=True)
class Enrolment:
    """A confirmed authenticator and the recovery codes, shown to the user once."""

    device: TOTPDevice
    recovery_codes: list[str]


def _lock_user(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def pending_totp_device(user: User) -> TOTPDevice | None:
    """The authenticator being set up (started, not yet confirmed with a code), if any. Reads only."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()


@transaction.atomic
def start_totp_enrolment(user: User) -> TOTPDevice:
    """The authenticator being set up: the one already started (so a second start shows the same secret), or a
    new one with a fresh secret. Refused when a second factor is already set up. The user's row is locked, so
    two starts at once leave one pending authenticator."""
    _lock_user(user)
    if has_second_factor(user):
        raise errors.ALREADY_ENROLLED()
    device = pending_totp_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_totp_enrolment(request: HttpRequest, user: User, *, code: str) -> Enrolment:
    """Confirm the authenticator being set up with a code it shows, and make the recovery codes (replacing any).
    The code counts in the sign-in throttle like any other."""
    if sign_in_throttled(request, email=user.email):
        raise account_errors.TOO_MANY_SIGN_INS()
    return _confirm_totp_enrolment(user, code=_normalised(code))


@transaction.atomic
def _confirm_totp_enrolment(user: User, *, code: str) -> Enrolment:
    _lock_user(user)
    if has_second_factor(user):
        raise errors.ALREADY_ENROLLED()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        raise errors.ENROLMENT_NOT_STARTED()
    if not _accept_totp(device, code):
        raise errors.INVALID_CODE()
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    device.refresh_from_db()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=static, token=hashed_recovery_code(c)) for c in codes]
    )
    record_event(
        actor=user,
        verb="user.mfa_enrolled",
        target=user,
        data={"method": "totp", "recovery_codes": RECOVERY_CODE_COUNT},
    )
    return Enrolment(device=device, recovery_codes=codes)


def status(user: User) -> dict[str, Any]:
    return {
        "enrolled": has_second_factor(user),
        "required": second_factor_required(user),
        "recovery_codes_left": StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
    }


@transaction.atomic
def reset_second_factor(user: User, *, actor: User | None) -> None:
    """Remove the user's authenticators and recovery codes (a lost phone) and revoke their API tokens; a role
    that requires a second factor sets one up again at the next sign-in. Audited even when there was none."""
    _lock_user(user)
    had = has_second_factor(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
    record_event(actor=actor, verb="user.mfa_reset", target=user, data={"had_second_factor": had})
