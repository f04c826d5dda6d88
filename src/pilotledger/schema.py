"""What each field of the data types may hold, checked by pydantic: the trust boundary between
parsed YAML and the dataclasses of model.py.

The constrained types below are the names model.py's annotations use. pydantic validates the
plain dataclasses directly (a TypeAdapter per type): unknown keys are refused, numbers are
strict, text refuses control characters (textgate). The adapters are built when this module is
first imported, which only the paths that validate do (a cold read, `record`); a warm read
never imports pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BeforeValidator,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic import Strict as StrictType

from pilotledger.model import Record, TasksFile, UnitsFile
from pilotledger.textgate import TEXT_PATTERN
from pilotledger.wording import ValueProblem

__all__ = ["ValidationError", "dump_json", "validate", "validate_json"]


def _iso_date(value: object) -> object:
    """Accept a YAML date or an ISO `YYYY-MM-DD` string; refuse numbers and date-times."""
    if isinstance(value, dt.datetime):
        raise ValueProblem("date_not_plain")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueProblem("date_text_bad") from None
    return value


Date = Annotated[dt.date, StrictType(), BeforeValidator(_iso_date)]
Timestamp = AwareDatetime
Int = Annotated[int, StrictType()]  # a whole number: never true, "1" or 1.0
Number = Annotated[int, StrictType(), Field(ge=1)]
Percent = Annotated[int, StrictType(), Field(ge=0, le=100)]
ReportDay = Annotated[int, StrictType(), Field(ge=1, le=28)]
UnitId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Leads = Annotated[list[UnitId], Field(min_length=1)]
RecordId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=64)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
PHONE = re.compile(r"[0-9+()（） /、，,;；-]*[0-9][0-9+()（） /、，,;；转-]*")


def _phone(value: object) -> object:
    """A telephone number as offices write it (023-73331234, (023) 7333 1234, 13800000000转8012,
    two joined by 、): digits and those marks only, at most 64 characters."""
    if isinstance(value, str) and not (len(value) <= 64 and PHONE.fullmatch(value)):
        raise ValueProblem("phone_bad")
    return value


Phone = Annotated[str, StrictType(), BeforeValidator(_phone)]
# Text fields refuse control characters (see textgate); checks words the pattern error.
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000, pattern=TEXT_PATTERN)]

# pydantic resolves the names in model.py's annotations in the namespace of the frame that
# calls `rebuild`: this module's, which defines them (unknown keys are refused by each
# dataclass's own `__pydantic_config__`).
_ADAPTERS: dict[Any, TypeAdapter] = {
    kind: TypeAdapter(kind) for kind in (UnitsFile, TasksFile, Record, list[Record])
}
for _adapter in _ADAPTERS.values():
    _adapter.rebuild()


def validate(kind: Any, data: Any) -> Any:
    """`data` (plain values from YAML) as an instance of `kind`; raises ValidationError."""
    return _ADAPTERS[kind].validate_python(data)


def validate_json(kind: Any, payload: bytes) -> Any:
    return _ADAPTERS[kind].validate_json(payload)


def dump_json(kind: Any, value: Any) -> bytes:
    """The JSON of a validated value, unset optional fields included (the cache's form)."""
    return _ADAPTERS[kind].dump_json(value)
