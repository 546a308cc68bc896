from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Schema
from pydantic import EmailStr, Field, WithJsonSchema, field_validator

from casework.core.schemas import IsoDate, NotNull, PaginationOut

# Text columns that may be blank but are never NULL: a client clears them with "" or null (so the schema says
# "string or null", and null is stored as "").
OPTIONAL_TEXT = ("phone", "street", "city", "postal_code", "country", "notes")


def _blank_email_is_none(value: Any) -> Any:
    # The API answers "" for a contact without email; accept it back so a read record can be resent.
    return None if isinstance(value, str) and not value.strip() else value


# An email address, or blank or null for none (a read contact without one says "", and may be sent back).
OptionalEmail = Annotated[
    EmailStr | None,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "email"},
                {"type": "string", "pattern": "^\\s*$"},
                {"type": "null"},
            ],
            "description": "An email address; blank or null for none",
        }
    ),
]


def _null_text_is_blank(value: Any) -> Any:
    return "" if value is None else value


class ContactIn(Schema):
    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    email: OptionalEmail = None
    phone: str | None = Field("", max_length=40)
    date_of_birth: IsoDate | None = None
    street: str | None = Field("", max_length=200)
    city: str | None = Field("", max_length=100)
    postal_code: str | None = Field("", max_length=20)
    country: str | None = Field("", max_length=100)
    notes: str | None = Field("", max_length=10000)

    _email = field_validator("email", mode="before")(_blank_email_is_none)
    _optional_text = field_validator(*OPTIONAL_TEXT, mode="before")(_null_text_is_blank)


class ContactUpdateIn(Schema):
    """Partial update: only the fields sent are changed. `row_version` guards against lost updates."""

    # Absent means "leave as is"; null would clear a required name, so the schema does not offer it.
    first_name: NotNull[str] = Field(None, min_length=1, max_length=100)
    last_name: NotNull[str] = Field(None, min_length=1, max_length=100)
    email: OptionalEmail = None
    phone: str | None = Field(None, max_length=40)
    date_of_birth: IsoDate | None = None
    street: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    postal_code: str | None = Field(None, max_length=20)
    country: str | None = Field(None, max_length=100)
    notes: str | None = Field(None, max_length=10000)
    row_version: int | None = Field(None, ge=1)

    _email = field_validator("email", mode="before")(_blank_email_is_none)
    _optional_text = field_validator(*OPTIONAL_TEXT, mode="before")(_null_text_is_blank)


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
    pagination: PaginationOut
