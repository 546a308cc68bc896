from datetime import datetime
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
