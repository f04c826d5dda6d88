"""What every page of the site is built from, worked out once per build. Pure.

The numbers come from the functions the commands use: task rows from `rules.task_statuses`
(as `status`), each unit's reminder list from `reminders.build_reminders` (as `remind`), period
reports from `views.report.figures.build_report` rendered by
`views.report.document.report_document` (as `report`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from pilotledger import rules
from pilotledger.dates import PERIOD_KINDS, Period, period_containing
from pilotledger.document import Document
from pilotledger.model import Ledger, Section, Status, Task
from pilotledger.views.reminders import Reminder, build_reminders
from pilotledger.views.report.data import PeriodReport
from pilotledger.views.report.document import report_document, with_header_and_trend
from pilotledger.views.report.figures import build_report
from pilotledger.wording import Labels

STATUS_ORDER = (Status.not_started, Status.in_progress, Status.blocked, Status.done)
LIGHT_ORDER = (rules.RED, rules.YELLOW, rules.GREEN)


@dataclass(frozen=True)
class BuiltReport:
    """One ended period's report: the data (for unit pages) and its Document (for its page)."""

    period: Period
    report: PeriodReport
    document: Document
    unit_lines: dict = field(default_factory=dict)  # unit id → its line of report.units


@dataclass
class SiteContext:
    ledger: Ledger
    as_of: dt.date
    labels: Labels
    rows: dict[int, rules.TaskStatus]
    reminders: dict[str, Reminder]
    lines: dict[int, rules.Timeline]
    evidence: frozenset[str] = frozenset()  # evidence files present in the ledger (evidence/…)
    reports: list[BuiltReport] = field(default_factory=list)
    # indexes made once, so that no page scans every task or unit (units × tasks pages)
    leads: dict[str, list[int]] = field(default_factory=dict)  # unit id → tasks it leads
    shares: dict[str, list[int]] = field(default_factory=dict)  # unit id → tasks it shares
    in_section: dict[int, list[int]] = field(default_factory=dict)  # section → its tasks
    _records_by_task: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    _sections: dict[int, Section] = field(default_factory=dict)

    def task(self, number: int) -> Task:
        return self.ledger.tasks[number]

    def section(self, number: int) -> Section:
        if not self._sections:
            self._sections.update({s.number: s for s in self.ledger.sections})
        return self._sections[number]

    def task_ledger(self, number: int) -> Ledger:
        """The ledger with only this task's records: what `show` needs of it, at the cost of
        one task (a correction always names a record of the same task; `check` refuses others)."""
        if not self._records_by_task:
            for record in self.ledger.records:
                self._records_by_task[record.task].append(record)
        return replace(self.ledger, records=self._records_by_task.get(number, []))

    def status_counts(self, tasks: list[Task] | None = None) -> dict[Status, int]:
        chosen = self.rows.values() if tasks is None else (self.rows[t.number] for t in tasks)
        tally = Counter(row.state.status for row in chosen)
        return {status: tally.get(status, 0) for status in STATUS_ORDER}

    def light_counts(self, tasks: list[Task] | None = None) -> dict[str, int]:
        chosen = self.rows.values() if tasks is None else (self.rows[t.number] for t in tasks)
        tally = Counter(row.light for row in chosen)
        return {light: tally.get(light, 0) for light in LIGHT_ORDER}


def build_context(
    ledger: Ledger, as_of: dt.date, labels: Labels, evidence: frozenset[str] = frozenset()
) -> SiteContext:
    lines = rules.timelines(ledger)
    rows = {row.task.number: row for row in rules.task_statuses(ledger, as_of, lines=lines)}
    reminders = {reminder.unit: reminder for reminder in build_reminders(ledger, as_of)}
    context = SiteContext(ledger, as_of, labels, rows, reminders, lines, evidence)
    context.leads = rules.tasks_by_unit(ledger, "lead")
    context.shares = rules.tasks_by_unit(ledger, "responsible")
    for number, task in ledger.tasks.items():
        context.in_section.setdefault(task.section, []).append(number)
    context.reports = [_built_report(context, period) for period in ended_periods(ledger, as_of)]
    return context


def _built_report(context: SiteContext, period: Period) -> BuiltReport:
    """The report exactly as `report` prints it when run on the site's day without --as-of
    (its trend counted from the timelines the site has already built)."""
    ledger, as_of, labels = context.ledger, context.as_of, context.labels
    report = build_report(ledger, period, as_of, lines=context.lines)
    document = report_document(ledger, report, labels)
    document = with_header_and_trend(document, ledger, report, as_of, labels)
    return BuiltReport(period, report, document, {line.unit: line for line in report.units})


def ended_periods(ledger: Ledger, as_of: dt.date) -> list[Period]:
    """Months, quarters, halves and years of the plan that ended before `as_of`, oldest first
    within each kind."""
    plan = ledger.plan
    found = []
    for kind in PERIOD_KINDS:
        period = period_containing(kind, plan.issued)
        while period.end < as_of and period.start <= plan.end:
            found.append(period)
            period = period_containing(kind, period.end + dt.timedelta(days=1))
    return found
