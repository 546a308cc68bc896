from datetime import date, datetime
from uuid import UUID

from ninja import Schema
from pydantic import EmailStr, Field


class ContactIn(Schema):
    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    email: EmailStr | None = None
    phone: str = Field("", max_length=40)
    date_of_birth: date | None = None
    street: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    postal_code: str = Field("", max_length=20)
    country: str = Field("", max_length=100)
    notes: str = Field("", max_length=10000)


class ContactUpdateIn(Schema):
    """Partial update: only the fields sent are changed. `row_version` guards against lost updates."""

    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(None, max_length=40)
    date_of_birth: date | None = None
    street: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    postal_code: str | None = Field(None, max_length=20)
    country: str | None = Field(None, max_length=100)
    notes: str | None = Field(None, max_length=10000)
    row_version: int | None = Field(None, ge=1)


class ContactOut(Schema):
    id: UUID
    first_name: str
    last_name: str
    email: str
    phone: str
    date_of_birth: date | None
    street: str
    city: str
    postal_code: str
    country: str
    notes: str
    row_version: int
    created_at: datetime
    updated_at: datetime


class ContactListOut(Schema):
    contacts: list[ContactOut]
    total: int
    pagination: dict[str, int]
