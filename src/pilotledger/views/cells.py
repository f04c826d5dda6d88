"""Cells several views' tables share: unit names, a task's responsible units, progress as
text, a section's progress bar. Pure."""

from __future__ import annotations

from pilotledger.document import Column
from pilotledger.model import Ledger
from pilotledger.wording import Labels

SHORT_TEXT = 36  # display columns of a task text in tables
SECTION_TITLE = 15  # characters of a section's title on its progress bar, … included


def unit_names(ledger: Ledger, ids: list[str], labels: Labels, full: bool = False) -> list[str]:
    name = labels.unit_full_name if full else labels.unit_name
    return [name(ledger.units[unit_id]) for unit_id in ids]


def responsible_cell(ledger: Ledger, item, labels: Labels, full: bool = False) -> list[str]:
    """The responsible units, then the task's note (如 "各乡镇（街道）") when it has one."""
    return unit_names(ledger, item.responsible, labels, full) + ([item.note] if item.note else [])


def progress_text(progress: int | None) -> str:
    return "" if progress is None else f"{progress}%"


def section_bar(
    section, done: int, tasks: int, average: float, labels: Labels
) -> tuple[str, float]:
    """One section's progress bar, as `status` and the period reports show it: the average
    progress of its tasks (rules.average_progress), labelled with how many are done."""
    title = section.title.rstrip("。")
    short = title if len(title) <= SECTION_TITLE else title[: SECTION_TITLE - 1] + "…"
    label = f"{section.label}{short} {done}/{tasks}"
    return f"{label} · {labels('avg_progress', avg=f'{average:.0%}')}", average


def int_column(key: str, header: str) -> Column:
    return Column(key, header, "right", kind="int")


def percent_column(key: str, header: str) -> Column:
    return Column(key, header, "right", kind="percent")


def date_column(key: str, header: str) -> Column:
    return Column(key, header, kind="date")


def wrap_column(key: str, header: str) -> Column:
    return Column(key, header, wrap=True)
