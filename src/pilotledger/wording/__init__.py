"""Every word pilotledger says, in Chinese and English: one table (labels.py's labels and
messages.py's messages, keys unique across both), one message type, one function that words it.

The library raises and reports `Message` values: a key into TABLE and the values that fill it.
Every error type carries its Message as its message (errors.py: UserError, Problem, Finding,
YamlProblem); as a plain `str` a Message reads in English, so logs and tests read it as text.
`word(message, lang)` words it in a language; `Labels(lang)` is the same wording bound to one
language, with the names of statuses, units and periods. Pydantic's errors are worded from
PYDANTIC by their type, filled from their ctx, so no library wording reaches a clerk. Pure.
"""

from __future__ import annotations

import datetime as dt
import errno
import locale
import os
from enum import Enum
from typing import Any

from pilotledger.errors import Finding, UserError
from pilotledger.wording.labels import LABELS, STATUS_LABELS
from pilotledger.wording.messages import MESSAGES, PYDANTIC

LANGS = ("zh", "en")
ENV_LANG = "PILOTLEDGER_LANG"
_JOINERS = ("、", ", ")

TABLE: dict[str, tuple[str, str]] = {**LABELS, **MESSAGES}  # test_messages: no key in both

__all__ = [
    "ENV_LANG",
    "LANGS",
    "STATUS_LABELS",
    "TABLE",
    "Labels",
    "Message",
    "ValueProblem",
    "choose_lang",
    "day_name",
    "field_name",
    "finding",
    "period_name",
    "pydantic_message",
    "user_error",
    "word",
    "yaml_phrase",
]


class Message(str):
    """A message as data (key + values) that reads as English text."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Message:
        made = super().__new__(cls, _render(key, params, 1))
        made.key = key
        made.params = params
        return made

    def __reduce__(self):  # keeps key and values through pickling (process pools)
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict[str, Any]) -> Message:
    return Message(key, **params)


def word(text: str, lang: str) -> str:
    """`text` in `lang` when it is a Message, else as it is: the one way anything is worded."""
    if isinstance(text, Message):
        return _render(text.key, text.params, _index(lang))
    return str(text)


def _index(lang: str) -> int:
    return 0 if lang == "zh" else 1


def _render(key: str, params: dict[str, Any], index: int) -> str:
    template = TABLE[key][index]
    return template.format(**{name: _value(value, index) for name, value in params.items()})


def _value(value: Any, index: int) -> str:
    if isinstance(value, Message):  # its English text was rendered when it was made
        return str.__str__(value) if index == 1 else _render(value.key, value.params, index)
    if isinstance(value, Enum):
        names = STATUS_LABELS.get(value.value)
        return names[index] if names else str(value.value)
    if isinstance(value, (list, tuple)):
        return _JOINERS[index].join(_value(item, index) for item in value) or "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# ---- errors carrying a Message ---------------------------------------------------------------


def os_reason(error: OSError) -> Message | str:
    """What the operating system said, in the user's language where the table has it (the
    common errnos), else as the C library words it."""
    name = errno.errorcode.get(error.errno or 0, "")
    if f"os:{name}" in TABLE:
        return Message(f"os:{name}")
    return error.strerror or str(error)


def user_error(key: str, exit_code: int = 1, **words: object) -> UserError:
    return UserError(Message(key, **words), exit_code)


def finding(file: str, loc: tuple, key: str, **words: object) -> Finding:
    return Finding(file, loc, Message(key, **words))


# ---- the language and the labels of one language ---------------------------------------------


def choose_lang(explicit: str | None = None) -> str:
    """--lang, else $PILOTLEDGER_LANG, else Chinese when the locale is Chinese, else English."""
    for candidate in (explicit, os.environ.get(ENV_LANG)):
        if candidate:
            return candidate
    names = [os.environ.get(var, "") for var in ("LC_ALL", "LC_MESSAGES", "LANG")]
    names.append(locale.getlocale()[0] or "")
    return "zh" if any(name.lower().startswith("zh") for name in names if name) else "en"


_CN_ORDINALS = {1: "一", 2: "二", 3: "三", 4: "四"}
EN_MONTHS = (  # the months' English names (documents, and forms read back)
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def period_name(period, lang: str) -> str:
    """How an office names a period on a document's face — the one place for it:
    2022年3月 / 2022年第二季度 / 2022年上半年 / 2022年度; March 2022 / 2022 Q2 / 2022 H1 / 2022.
    (`Period.label`, 2022Q2, is the key of files, flags and JSON, never a document's text.)"""
    year, index = period.start.year, period.index
    if period.kind == "year":
        return f"{year}年度" if lang == "zh" else f"{year}"
    if lang != "zh":
        if period.kind == "month":
            return f"{EN_MONTHS[index - 1]} {year}"
        return f"{year} {'Q' if period.kind == 'quarter' else 'H'}{index}"
    if period.kind == "month":
        return f"{year}年{index}月"
    if period.kind == "quarter":
        return f"{year}年第{_CN_ORDINALS[index]}季度"
    return f"{year}年{'上' if index == 1 else '下'}半年"


def day_name(day: dt.date, lang: str) -> str:
    """A day as a document writes it — the one place for it: 2022年7月6日 (成文日期, no leading
    zeros) / 6 July 2022."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


def months_name(keys: list[str], lang: str) -> str:
    """Months (YYYY-MM keys) as a document lists them — the one place for it: 2022-04, 2022-05,
    2023-01 → 2022年4月、5月、2023年1月 (the year named once per run of the same year) /
    April 2022, May 2022, January 2023."""
    days = [dt.date.fromisoformat(key + "-01") for key in keys]
    if lang != "zh":
        return ", ".join(f"{EN_MONTHS[d.month - 1]} {d.year}" for d in days)
    texts, year = [], None
    for day in days:
        texts.append(f"{day.month}月" if day.year == year else f"{day.year}年{day.month}月")
        year = day.year
    return "、".join(texts)


class Labels:
    """The wording bound to one language: `labels("status")`, `labels.status_name(Status.done)`."""

    def __init__(self, lang: str):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; use zh or en")
        self.lang = lang
        self._index = LANGS.index(lang)

    def __call__(self, key: str, **values: object) -> str:
        return _render(key, values, self._index)

    def problem(self, problem) -> str:
        """`file:line:col: message`, the message in this language."""
        return f"{problem.file}:{problem.line}:{problem.col}: {word(problem.message, self.lang)}"

    def status_name(self, status) -> str:
        """A model.Status (or its key) by its name in this language."""
        return STATUS_LABELS[getattr(status, "value", status)][self._index]

    def unit_name(self, unit) -> str:
        """How listings name a unit: the annex name in Chinese, the short id in English."""
        return unit.name if self.lang == "zh" else unit.id

    def period_title(self, period) -> str:
        """How an office names a period: 2022年第二季度 / 2022 Q2, 2022年度 / 2022."""
        return period_name(period, self.lang)

    def day(self, day) -> str:
        """A day on a document's face: 2022年7月6日 / 6 July 2022 (never ISO)."""
        return day_name(day, self.lang)

    def months(self, keys: list[str]) -> str:
        """Months on a document's face: 2022年4月、5月 / April 2022, May 2022 (never ISO)."""
        return months_name(keys, self.lang)

    def unit_full_name(self, unit) -> str:
        return unit.name if self.lang == "zh" else unit.name_en


# ---- pydantic's and libyaml's errors in our words --------------------------------------------


class ValueProblem(ValueError):
    """Raised inside a model validator: carries a PYDANTIC key so the wording comes from the
    table."""

    def __init__(self, kind: str):
        super().__init__(_render(f"pydantic:{kind}", {}, 1))
        self.kind = kind


def field_name(loc: tuple) -> str:
    """A field as a reader names it: the keys of its path, without list indexes and pydantic's
    union member tags (evidence, not evidence.0.function-after[…])."""
    keys = [
        str(part)
        for part in loc
        if isinstance(part, str) and part.isidentifier() and part.islower()
    ]
    return ".".join(keys) or "value"


def _shown(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


# The types of errors pydantic gives for a dataclass, as the table names them.
_DATACLASS_KINDS = {
    "unexpected_keyword_argument": "extra_forbidden",
    "dataclass_type": "model_type",
    "dataclass_args_type": "model_type",
}


def pydantic_message(error: dict[str, Any]) -> Message:
    """One pydantic error as a Message, worded from PYDANTIC by its type and ctx."""
    loc = tuple(error["loc"])
    kind = _DATACLASS_KINDS.get(error["type"], error["type"])
    ctx = dict(error.get("ctx") or {})
    if kind == "value_error" and isinstance(ctx.get("error"), ValueProblem):
        kind = ctx["error"].kind
    if kind in ("missing", "extra_forbidden"):
        return Message("pydantic:" + kind, field=field_name(loc[-1:]) if loc else "value")
    if "expected" in ctx:  # pydantic's "'a', 'b' or 'c'" as a list, joined per language
        ctx["expected"] = [
            part.strip(" '") for part in ctx["expected"].replace(" or ", ", ").split(", ")
        ]
    problem_key = f"pydantic:{kind}" if kind in PYDANTIC else "pydantic:*"
    wanted = {
        name: ctx.get(name, "")
        for name in ("expected", "max_length", "min_length", "ge", "le", "gt", "lt")
    }
    problem = Message(problem_key, **wanted)
    if "input" in error and kind not in ("missing",):
        return Message(
            "field_value_problem",
            field=field_name(loc),
            input=_shown(error["input"]),
            problem=problem,
        )
    return Message("field_problem", field=field_name(loc), problem=problem)


_YAML_PHRASES = (
    ("mapping values are not allowed", "yaml_mapping_here"),
    ("could not find expected ':'", "yaml_expected_colon"),
    ("cannot start any token", "yaml_reserved_start"),
    ("tab character that violates indentation", "yaml_tab"),  # libyaml: '@' or '`' (reserved)
    ("did not find expected ',' or", "yaml_flow"),
    ("did not find expected", "yaml_indent"),
    ("expected <block end>", "yaml_indent"),
    ("found unexpected end of stream", "yaml_unclosed"),
    ("unexpected end of stream", "yaml_unclosed"),
)


def yaml_phrase(text: str) -> Message | str:
    """libyaml's wording of a syntax error as a Message, when it is one of the common ones."""
    if text.startswith("duplicate key"):
        return Message("yaml_duplicate_key", detail=text[len("duplicate key") :])
    for phrase, key in _YAML_PHRASES:
        if phrase in text:
            return Message(key)
    return text
