from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Schema
from pydantic import Field


class LoginIn(Schema):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=1024)


class UserOut(Schema):
    id: UUID
    email: str
    first_name: str
    last_name: str
    role: str = Field(..., validation_alias="role_id")


class UserRef(Schema):
    """A user as shown inside other objects (creator, assignee)."""

    id: UUID
    email: str
    first_name: str
    last_name: str


class LoginOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: datetime
    user: UserOut
    amr: list[str] = Field(
        default_factory=lambda: ["pwd"],
        description="How the user signed in (RFC 8176): `pwd`, plus `otp` and `mfa` with a second factor",
    )
    mfa_enrolment_required: bool = Field(
        False,
        description="The user's role requires a second factor that is not set up yet: until it is (POST "
        "/api/auth/mfa/totp, then /confirm), other endpoints answer 403 `mfa_enrolment_required`",
    )


class StaffOut(Schema):
    id: UUID
    email: str
    first_name: str
    last_name: str
    role: str = Field(..., validation_alias="role_id")
    is_active: bool


class TeamOut(Schema):
    id: UUID
    name: str
    description: str
    is_active: bool
    members: list[UserRef]

    @staticmethod
    def resolve_members(obj: Any) -> list[Any]:
        return list(obj.members.all())


class TeamIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    description: str = Field("", max_length=2000)
    is_active: bool = True
    member_ids: list[UUID] = Field(default_factory=list, max_length=500)


class TeamUpdateIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    description: str | None = Field(None, max_length=2000)
    is_active: bool | None = None
    member_ids: list[UUID] | None = Field(None, max_length=500)


class StaffFilters(Schema):
    role: str | None = Field(None, max_length=40)
    search: str | None = Field(None, max_length=200)
    include_inactive: bool = False
