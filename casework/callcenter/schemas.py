import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from casework.callcenter import conf, errors
from casework.core.schemas import PaginationOut

MAX_ID = 2**63 - 1
StatusName = Literal["Pending", "InProgress", "Updated"]


class CallcenterCaseOut(Schema):
    """A 106 hotline case, in the seed contract's camelCase."""

    id: int
    callcenterCaseNumber: str = Field(validation_alias="callcenter_case_number")
    citizenRecordId: int = Field(validation_alias="citizen_id")
    createdAt: dt.datetime = Field(validation_alias="created_at")
    updatedAt: dt.datetime = Field(validation_alias="updated_at")


class CreateCallcenterCaseRequest(Schema):
    """`{"id": <citizen id>, "caseNumber": "123456"}`; `citizenRecordId` is accepted in place of `id`."""

    id: int | None = Field(None, gt=0, le=MAX_ID, description="The citizen's id")
    citizenRecordId: int | None = Field(None, gt=0, le=MAX_ID, description="Alternative name for `id`")
    caseNumber: str = Field(
        ...,
        max_length=50,
        description="The 106 system's case number: six digits",
        json_schema_extra=lambda schema: schema.update(pattern=conf.case_number_pattern().pattern),
    )

    def citizen_id(self) -> int:
        if self.id is not None and self.citizenRecordId is not None and self.id != self.citizenRecordId:
            raise errors.CITIZEN_IDS_DIFFER()
        citizen_id = self.id if self.id is not None else self.citizenRecordId
        if citizen_id is None:
            raise errors.CITIZEN_ID_REQUIRED()
        return citizen_id


class CitizenOut(Schema):
    id: int
    fid: str
    street_name: str
    building_number: str
    flat_number: str
    first_name: str
    last_name: str
    family_number: int
    phone1: str
    phone2: str
    phone3: str
    is_answered_the_call: bool
    is_lonely: bool
    is_address_wrong: bool
    new_street_name: str
    new_building_number: str
    new_flat_number: str
    has_safe_room: bool
    has_private_shelter: bool
    has_public_shelter: bool
    has_mobility_restriction: bool
    is_dead: bool
    is_left_the_city: bool
    has_temporary_address: bool
    is_temporary_abroad: bool
    temporary_street_name: str
    temporary_building_number: str
    temporary_flat_number: str
    status: StatusName
    locked_by: UUID | None = Field(None, validation_alias="locked_by_id")
    locked_until: dt.datetime | None
    last_updated_by: UUID | None = Field(None, validation_alias="last_updated_by_id")
    last_updated_at: dt.datetime | None
    created_at: dt.datetime
    appearance_count: int
    first_appearance_at: dt.datetime | None
    second_appearance_at: dt.datetime | None
    third_appearance_at: dt.datetime | None
    callcenter_case: CallcenterCaseOut | None = None

    @staticmethod
    def resolve_callcenter_case(obj: object) -> object:
        # The reverse one-to-one raises when there is no case; None reads better for clients.
        return getattr(obj, "callcenter_case", None)


class CitizenListOut(Schema):
    citizens: list[CitizenOut]
    total: int
    pagination: PaginationOut


class CitizenFilters(Schema):
    search: str | None = Field(
        None, max_length=200, description="Words matched against names, phones and FID"
    )
    status: StatusName | None = None
    has_case: bool | None = Field(
        None, description="true: only citizens with a 106 case; false: only without"
    )
    appearance_count: int | None = Field(None, ge=0, le=1000)
    page: int = Field(1, ge=1, le=1_000_000)
    limit: int = Field(20, ge=1, le=100)


class CallResultIn(Schema):
    """What the operator learned on the call. Address fields are kept only when their checkbox applies:
    the new address when `is_address_wrong`, the temporary one when `has_temporary_address` and not
    `is_temporary_abroad`; otherwise they are cleared."""

    is_answered_the_call: bool = False
    is_lonely: bool = False
    is_address_wrong: bool = False
    new_street_name: str | None = Field("", max_length=200)
    new_building_number: str | None = Field("", max_length=10)
    new_flat_number: str | None = Field("", max_length=10)
    has_safe_room: bool = False
    has_private_shelter: bool = False
    has_public_shelter: bool = False
    has_mobility_restriction: bool = False
    is_dead: bool = False
    is_left_the_city: bool = False
    has_temporary_address: bool = False
    is_temporary_abroad: bool = False
    temporary_street_name: str | None = Field("", max_length=200)
    temporary_building_number: str | None = Field("", max_length=10)
    temporary_flat_number: str | None = Field("", max_length=10)
    family_number: int | None = Field(None, gt=0, le=999_999_999, description="Corrects the family number")


class ImportOut(Schema):
    imported: int


class ClearOut(Schema):
    deleted_citizens: int
    deleted_cases: int
