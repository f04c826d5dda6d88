"""A period report as plain data: a tree of dataclasses with no labels (`jsondata.plain` turns
it into the report's JSON). figures.py computes it; tables.py and document.py word it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pilotledger import rules
from pilotledger.jsondata import OMIT_NONE
from pilotledger.model import Status
from pilotledger.views.trend import TrendMonth

STATUS_ORDER = (Status.not_started, Status.in_progress, Status.blocked, Status.done)


@dataclass
class PeriodInfo:
    kind: str
    label: str
    start: dt.date
    end: dt.date
    judged_on: dt.date
    provisional: bool
    # what the report was made from (set by `made_from`): the --known-at cut, the ledger's
    # commit (None outside git) and whether its files differed from that commit
    known_at: dt.date | None = None
    commit: str | None = None
    uncommitted: bool = False


def made_from(
    report: PeriodReport, known_at: dt.date | None, commit: str | None, uncommitted: bool
) -> PeriodReport:
    """The report, saying in its `period` which ledger state it was made from."""
    report.period.known_at, report.period.commit = known_at, commit
    report.period.uncommitted = uncommitted
    return report


@dataclass
class StatusCounts:
    not_started: int
    in_progress: int
    blocked: int
    done: int

    def of(self, status: Status) -> int:
        return getattr(self, status.value)


@dataclass
class Summary:
    start: StatusCounts
    end: StatusCounts


@dataclass
class SectionRow:
    section: int
    tasks: int
    not_started: int
    in_progress: int
    blocked: int
    done: int
    completion: float  # done / tasks, 0..1
    average_progress: float  # of the section's tasks at the end, 0..1 (rules.average_progress)


@dataclass
class TaskRow:
    task: int
    status_start: Status
    status_end: Status
    progress_start: int | None
    progress_end: int | None
    progress_change: int | None
    records: int  # records dated in the period
    light: str = rules.GREEN  # on the judgment day (rules.light; set from the overdue items)


@dataclass
class NarrativeItem:
    task: int
    date: dt.date
    unit: str
    status: Status
    progress: int | None
    summary: str
    problems: str | None
    next_steps: str | None
    evidence: list
    corrects: str | None  # the id of the record this one replaced, if it is a correction


PROBLEM_KINDS = ("blocked", "problems", "missing_report", "missed_milestone")


@dataclass
class ProblemItem:
    """One problem of a task: `blocked` (at the end) and `problems` (its latest record in the
    period names some) carry that record's date, unit and problems; `missing_report` the
    months still missing on the judgment day (up to the period's end) and `missed_milestone`
    the milestone's due day and target — both owed by the task's lead units."""

    kind: str  # one of PROBLEM_KINDS
    task: int
    status: Status  # at the end
    date: dt.date | None  # the record's date, or a missed milestone's due day
    unit: str | None  # the record's unit (None: the lead units owe it)
    problems: str | None  # that record's problems (a blocked record may name none)
    months: list[str] | None = field(default=None, metadata=OMIT_NONE)  # YYYY-MM
    target: Status | None = field(default=None, metadata=OMIT_NONE)


@dataclass
class OverdueRow:
    task: int
    kind: str  # "report" or "milestone"
    days: int  # since the oldest missing month's due day, or since the milestone's due day
    lead: list[str]
    period: list[str] | None = None  # YYYY-MM of the missing months
    due: dt.date | None = None
    target: Status | None = None


@dataclass
class UnitRow:
    unit: str
    owed: int  # months due by the judgment day = on_time + late + missing
    filed: int  # on_time + late
    on_time: int
    late: int
    missing: int
    filed_by_self: int  # owed months for which this unit itself has a record
    compliance: float | None  # filed / owed
    on_time_rate: float | None  # on_time / owed
    pending: int  # months of the period not yet due on the judgment day


@dataclass
class MilestoneRow:
    task: int
    due: dt.date
    target: Status
    result: str  # met | missed | pending


@dataclass
class Upcoming:
    next_report_due: dt.date | None
    milestones: list[MilestoneRow]


@dataclass
class CompletedRow:
    task: int
    date: dt.date


@dataclass
class ScoreRow:
    unit: str
    tasks_led: int
    done: int
    missed_milestones: int
    owed: int
    on_time: int
    late: int
    missing: int


@dataclass
class PeriodReport:
    period: PeriodInfo
    summary: Summary
    sections: list[SectionRow]
    tasks: list[TaskRow]
    narrative: list[NarrativeItem]
    problems: list[ProblemItem]
    overdue: list[OverdueRow]
    units: list[UnitRow]
    upcoming: Upcoming
    # the year's parts, None (and not in the JSON) for other periods
    milestones: list[MilestoneRow] | None = field(default=None, metadata=OMIT_NONE)
    completed: list[CompletedRow] | None = field(default=None, metadata=OMIT_NONE)
    scorecard: list[ScoreRow] | None = field(default=None, metadata=OMIT_NONE)
    # the whole plan's trend up to the period's end (or the judgment day, if earlier), counted
    # on every record known, as the office's documents show it beside the report
    trend: list[TrendMonth] = field(default_factory=list)
