from datetime import datetime

from ninja import Schema
from pydantic import Field

from casework.accounts.schemas import LoginOut


class MfaChallengeOut(Schema):
    """The answer of POST /api/auth/login (202) for a user with a second factor."""

    mfa_required: bool = True
    challenge: str
    expires_at: datetime
    methods: list[str] = Field(..., description="What the code may be: `totp` or `recovery_code`")


class MfaCodeIn(Schema):
    challenge: str = Field(..., max_length=2000)
    code: str = Field(..., min_length=1, max_length=64, description="A TOTP code or a recovery code")


class MfaStatusOut(Schema):
    enrolled: bool
    required: bool = Field(..., description="The user's role requires a second factor")
    recovery_codes_left: int


class TotpEnrolmentOut(Schema):
    secret: str = Field(..., description="The key to type into an authenticator app (base32)")
    otpauth_url: str = Field(..., description="The same key as an otpauth:// URL (the QR code's content)")
    digits: int
    period: int


class TotpConfirmIn(Schema):
    code: str = Field(..., min_length=1, max_length=64)


class MfaEnrolledOut(LoginOut):
    """A token that records the second factor, and the recovery codes, shown once."""

    recovery_codes: list[str]
