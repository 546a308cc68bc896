"""API tokens: signed JWTs that carry the user's id and token version, and how the user signed in (`amr`,
RFC 8176: `["pwd"]` for a password alone, `["pwd", "otp", "mfa"]` with a second factor)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

import jwt
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from casework.accounts.models import User


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    amr: tuple[str, ...] = ("pwd",)


PASSWORD_ONLY = ("pwd",)
WITH_SECOND_FACTOR = ("pwd", "otp", "mfa")


@dataclass(frozen=True)
class VerifiedToken:
    user: User
    amr: tuple[str, ...]

    @property
    def second_factor_used(self) -> bool:
        return "otp" in self.amr


def _password_fingerprint(user: User) -> str:
    """Changes whenever the password does, however it was changed (API, admin screen, shell)."""
    return salted_hmac("casework.token.password", user.password, algorithm="sha256").hexdigest()[:16]


def issue_token(user: User, *, amr: tuple[str, ...] = PASSWORD_ONLY) -> IssuedToken:
    now = timezone.now()
    expires_at = now + settings.JWT_LIFETIME
    claims = {
        "sub": str(user.pk),
        "tv": user.token_version,
        "pwf": _password_fingerprint(user),
        "iat": int(now.timestamp()),
        "exp": int(expires_at.timestamp()),
        "iss": settings.JWT_ISSUER,
        "jti": uuid.uuid4().hex,
        "amr": list(amr),
    }
    token = jwt.encode(claims, settings.SECRET_KEY, algorithm=settings.JWT_ALGORITHM)
    return IssuedToken(token=token, expires_at=expires_at.replace(microsecond=0), amr=tuple(amr))


def user_for_token(token: str) -> User | None:
    """The active user a token names, or None when the token is forged, expired, revoked or malformed."""
    verified = verify_token(token)
    return verified.user if verified else None


def verify_token(token: str) -> VerifiedToken | None:
    """The active user a token names and how they signed in, or None when the token is forged, expired, revoked
    or malformed. A token from before `amr` existed counts as a password alone."""
    try:
        # Pinning `algorithms` rejects "none" and any algorithm the server did not choose.
        claims = jwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=[settings.JWT_ALGORITHM],
            issuer=settings.JWT_ISSUER,
            options={"require": ["sub", "exp", "iat", "tv", "pwf"]},
        )
        user_id = uuid.UUID(str(claims["sub"]))
    except (jwt.PyJWTError, ValueError):
        return None
    user = User.objects.select_related("role").filter(pk=user_id, is_active=True).first()
    if user is None or user.token_version != claims["tv"]:
        return None
    if not constant_time_compare(str(claims.get("pwf", "")), _password_fingerprint(user)):
        return None
    amr = claims.get("amr", PASSWORD_ONLY)
    if not isinstance(amr, list | tuple) or not all(isinstance(a, str) for a in amr):
        return None
    return VerifiedToken(user=user, amr=tuple(amr))
