"""Types shared by the API schemas of every app: what the OpenAPI schema promises, the handlers accept.

- `IsoDate`: a date written YYYY-MM-DD. Pydantic alone also reads `"0"` as 1970-01-01 (a Unix time), which
  the schema's `format: date` does not allow.
- `NotNull[T]`: a field of a partial update that may be left out but not sent as null (null would clear a
  value that must always be there); the schema says "T", without null, as the handler does.
- `PaginationOut`: the `pagination` object of every page/limit list.
"""

import datetime as dt
import re
from typing import Annotated, Any, TypeVar

from ninja import Schema
from pydantic import BeforeValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("Input should be a valid date in the format YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _not_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may not be null; leave the field out to keep its value")
    return value


class _WithoutNull:
    """Drops `null` from a nullable field's JSON schema (validation stays a nullable one, so errors name the
    field itself, not a member of a union)."""

    def __get_pydantic_json_schema__(
        self, core_schema: Any, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        options = [option for option in schema.get("anyOf", []) if option != {"type": "null"}]
        if len(options) == 1:
            rest = {key: value for key, value in schema.items() if key != "anyOf"}
            return {**options[0], **rest}
        if options:
            schema["anyOf"] = options
        return schema


T = TypeVar("T")
NotNull = Annotated[T | None, BeforeValidator(_not_null), _WithoutNull()]


class PaginationOut(Schema):
    page: int
    limit: int
