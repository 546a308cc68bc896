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
from pydantic import BeforeValidator
from pydantic.json_schema import SkipJsonSchema

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


T = TypeVar("T")
NotNull = Annotated[T | SkipJsonSchema[None], BeforeValidator(_not_null)]


class PaginationOut(Schema):
    page: int
    limit: int
