"""Plain data as JSON-ready values: the one way every command's JSON is made.

A listing, report or reminder is a tree of dataclasses with no labels; `plain` turns it into
dicts, lists, strings and numbers (enums by value, dates as ISO text, dict keys as text,
the data types of model.py without unset fields). Field markers shape the output, so
that no command writes its JSON by hand: `OMIT_NONE` leaves a field out while it is None,
`INLINE` merges a field's own keys into its owner's, `FOUR_DIGITS` rounds a float (the tables
keep the full value). Pure: no I/O, no labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

OMIT_NONE = {"omit_none": True}
INLINE = {"inline": True}
FOUR_DIGITS = {"digits": 4}


_JSON_LEAVES = frozenset((str, int, float, bool))


def plain(value: Any) -> Any:
    """Dataclasses, enums, dates and models as JSON-ready dicts, lists, strings and numbers."""
    if value is None or type(value) in _JSON_LEAVES:  # most values: checked first, it is cheap
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_fields(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def _plain_fields(value: Any) -> dict:
    data: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        if item is None and field.metadata.get("omit_none"):
            continue
        if field.metadata.get("inline"):
            data.update(plain(item))
        elif isinstance(item, float) and "digits" in field.metadata:
            data[field.name] = round(item, field.metadata["digits"])
        else:
            data[field.name] = plain(item)
    return data
