"""A period report as what an office sends (official.Official): a 报告 to the office above or a
通报 to the lead units (`report --as report|notice`), its body written from the report's data.

Body: 一、总体情况 (the tasks by status at the period's end and the change since the end of the
previous period of the same kind (环比) — the start of this one; the lights; reports owed,
filed, on time and missing with the county's rates), 二、存在问题 (per lead unit: missing
months, missed milestones, blocked tasks and problems the records name), 三、协调事项 (each
blocked task, who must act and by when), for a 通报 the units ranked by their share of reports
filed with each one's missing months, and last 下步安排 (sentences with their dates). The
report's tables become its 附件. Every date and period is worded (wording.day_name,
wording.period_name). Pure: no I/O, no clock (the 成文日期 and the ledger's commit come in
`Sending`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from pilotledger import rules
from pilotledger.dates import Period, month_start, period_containing
from pilotledger.document import Document, Table
from pilotledger.model import Ledger, Status
from pilotledger.official import Annex, Block, Official, Signature
from pilotledger.views.report.data import STATUS_ORDER, PeriodReport
from pilotledger.wording import Labels

KINDS = ("report", "notice")
PLAN_SUFFIX = re.compile(r"(?:实施方案|工作方案|方案)$")


@dataclass(frozen=True)
class Sending:
    """How one report is sent: as a 报告 or a 通报, by whom (`--from`, else plan.office.name,
    else the plan's issuer), its 文号 and its 成文日期. (The ledger state it was made from is in
    the report's `period`: views.report.data.made_from.)"""

    kind: str  # "report" | "notice"
    date: dt.date
    office: str | None = None
    number: str | None = None


def pilot_name(ledger: Ledger) -> str:
    """The pilot as a title names it: the plan's title without 实施方案
    (石柱县服务业扩大开放综合试点)."""
    return PLAN_SUFFIX.sub("", ledger.plan.title) or ledger.plan.title


def period_of(report: PeriodReport) -> Period:
    info = report.period
    return Period(info.kind, info.start, info.end)


def as_sent(
    document: Document, ledger: Ledger, report: PeriodReport, labels: Labels, sending: Sending
) -> Document:
    """The report's document with its letter (Document.official) built from the data; its
    tables become the letter's annexes (the same objects: csv, json, xlsx are unchanged)."""
    words = _Words(ledger, report, labels)
    office = ledger.plan.office
    period = words.period_name(period_of(report))
    pilot = pilot_name(ledger)
    if sending.kind == "notice":
        addressee = (office and office.notice_to) or labels("sent_notice_to")
    else:
        addressee = (office and office.report_to) or ledger.plan.issuer
    blocks = [_overall(words), _problems(words), *_coordination(words)]
    if sending.kind == "notice":
        blocks.append(_ranking(words))
    blocks.append(_next_steps(words))
    opening = [
        labels(
            f"sent_opening_{sending.kind}",
            pilot=pilot,
            period=period,
            start=labels.day(report.period.start),
            end=labels.day(report.period.end),
        )
    ]
    if report.period.provisional:
        opening.append(labels("sent_provisional", day=labels.day(report.period.judged_on)))
    document.title = labels(f"sent_title_{sending.kind}", pilot=pilot, period=period)
    document.official = Official(
        kind=sending.kind,
        title=document.title,
        addressee=labels("sent_addressee", name=addressee),
        signature=Signature(
            sending.office or ledger.plan.sender,
            labels.day(sending.date),
            sending.date,
        ),
        opening=opening,
        blocks=blocks,
        annexes=_annexes(document.tables, labels, report.milestones is not None),
        annex_word=labels("sent_annex_word"),
        number=sending.number,
        contact=contact_line(ledger, labels),
        provenance=_provenance(report, labels),
    )
    return document


class _Words:
    """The report's data and the ledger's names, worded in one language."""

    def __init__(self, ledger: Ledger, report: PeriodReport, labels: Labels):
        self.ledger, self.report, self.labels = ledger, report, labels

    def period_name(self, period: Period) -> str:
        return self.labels.period_title(period)

    def unit(self, unit_id: str) -> str:
        """A unit by its full name (县商务委 / Shizhu County Commerce Commission)."""
        return self.labels.unit_full_name(self.ledger.units[unit_id])

    def units(self, ids) -> str:
        return self.separator.join(self.unit(unit_id) for unit_id in ids)

    @property
    def separator(self) -> str:
        return "、" if self.labels.lang == "zh" else ", "

    def numbers(self, numbers) -> str:
        return self.separator.join(str(n) for n in sorted(numbers))

    def status(self, status: Status) -> str:
        return self.labels.status_name(status)

    def rate(self, value: float | None) -> str:
        return "—" if value is None else f"{round(value * 100, 1):g}%"

    def months(self, keys: list[str]) -> str:
        """2022-04, 2022-05, 2023-01 → 2022年4月、5月、2023年1月 (April 2022, May 2022, …)."""
        days = [dt.date.fromisoformat(key + "-01") for key in keys]
        if self.labels.lang != "zh":
            return ", ".join(self.period_name(period_containing("month", d)) for d in days)
        texts, year = [], None
        for day in days:
            texts.append(f"{day.month}月" if day.year == year else f"{day.year}年{day.month}月")
            year = day.year
        return "、".join(texts)


def _overall(words: _Words) -> Block:
    labels, report = words.labels, words.report
    end, start = report.summary.end, report.summary.start
    info = report.period
    day = min(info.end, info.judged_on) if info.provisional else info.end
    paragraphs = [
        labels(
            "sent_tasks",
            day=labels.day(day),
            total=len(report.tasks),
            **{status.value: end.of(status) for status in STATUS_ORDER},
        )
    ]
    previous = words.period_name(period_containing(report.period.kind, _day_before(report)))
    changes = [
        labels(
            "sent_change_up" if end.of(s) > start.of(s) else "sent_change_down",
            status=words.status(s),
            n=abs(end.of(s) - start.of(s)),
        )
        for s in (Status.done, Status.in_progress, Status.blocked, Status.not_started)
        if end.of(s) != start.of(s)
    ]
    paragraphs.append(
        labels(
            "sent_change",
            previous=previous,
            changes=("，" if labels.lang == "zh" else ", ").join(changes),
        )
        if changes
        else labels("sent_change_none", previous=previous)
    )
    counts = defaultdict(int)
    for row in report.tasks:
        counts[row.light] += 1
    paragraphs[-1] += ("" if labels.lang == "zh" else " ") + labels(
        "sent_lights", **{k: counts[k] for k in ("green", "yellow", "red")}
    )
    paragraphs.append(_reporting(words))
    return Block(labels("sent_overall"), paragraphs)


def _day_before(report: PeriodReport) -> dt.date:
    return report.period.start - dt.timedelta(days=1)


def _reporting(words: _Words) -> str:
    labels, units = words.labels, words.report.units
    owed = sum(u.owed for u in units)
    pending = sum(u.pending for u in units)
    if not owed:
        text = labels("sent_nothing_owed")
    else:
        filed, on_time = sum(u.filed for u in units), sum(u.on_time for u in units)
        text = labels(
            "sent_reporting",
            day=labels.day(words.report.period.judged_on),
            units=len(units),
            owed=owed,
            filed=filed,
            on_time=on_time,
            late=sum(u.late for u in units),
            missing=sum(u.missing for u in units),
            compliance=words.rate(filed / owed),
            on_time_rate=words.rate(on_time / owed),
        )
    space = "" if labels.lang == "zh" else " "
    return text + (space + labels("sent_pending", pending=pending) if pending else "")


def _problems(words: _Words) -> Block:
    """Per lead unit (units.yaml order), one sentence of its tasks' problems (report.problems):
    missing months (tasks missing the same months together), missed milestones, blocked tasks
    and the problems their records name."""
    labels, ledger = words.labels, words.ledger
    parts: dict[str, list[str]] = defaultdict(list)
    by_months: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for item in words.report.problems:
        for unit_id in ledger.tasks[item.task].lead:
            if item.kind == "missing_report":
                by_months[(unit_id, tuple(item.months or []))].append(item.task)
    for (unit_id, months), tasks in by_months.items():
        parts[unit_id].append(
            labels("sent_missing", tasks=words.numbers(tasks), months=words.months(list(months)))
        )
    for item in words.report.problems:
        if item.kind != "missing_report":
            for unit_id in ledger.tasks[item.task].lead:
                parts[unit_id].append(_problem_text(words, item))
    joiner = "；" if labels.lang == "zh" else "; "
    items = [
        labels("sent_unit_problems", unit=words.unit(unit_id), parts=joiner.join(parts[unit_id]))
        for unit_id in ledger.units
        if parts.get(unit_id)
    ]
    return Block(labels("sent_problems"), [] if items else [labels("sent_problems_none")], items)


def _problem_text(words: _Words, item) -> str:
    """第9项任务受阻：… / 第9项任务受阻 / 第9项任务反映：… (as the record words them)."""
    labels = words.labels
    if item.kind == "missed_milestone":
        return labels(
            "sent_missed",
            task=item.task,
            due=labels.day(item.date),
            target=words.status(item.target),
        )
    if item.kind == "problems":
        return labels("sent_named", task=item.task, problems=one_line(item.problems, labels.lang))
    text = labels("sent_blocked", task=item.task)
    if item.problems:
        text += ("：" if labels.lang == "zh" else ": ") + one_line(item.problems, labels.lang)
    return text


def one_line(text: str, lang: str) -> str:
    """A record's text inside a sentence: its lines joined by ；/ ; and no full stop at its end."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return ("；" if lang == "zh" else "; ").join(lines).rstrip("。.；;")


def _coordination(words: _Words) -> list[Block]:
    """协调事项: each task blocked at the period's end, who leads and who helps, and the day by
    which they report back (the next report's due day)."""
    labels, ledger, report = words.labels, words.ledger, words.report
    due = report.upcoming.next_report_due
    items = []
    for item in report.problems:
        if item.kind != "blocked":
            continue
        task = ledger.tasks[item.task]
        colon = "：" if labels.lang == "zh" else ": "
        items.append(
            labels(
                "sent_coordinate",
                task=task.number,
                text=first_clause(task.text),
                problems=colon + one_line(item.problems, labels.lang) if item.problems else "",
                leads=words.units(task.lead),
                with_responsible=labels(
                    "sent_with_responsible", units=words.units(task.responsible)
                )
                if task.responsible
                else "",
                due=labels.day(due) if due else labels.day(report.period.judged_on),
            )
        )
    return [Block(labels("sent_coordination"), [], items)] if items else []


def first_clause(text: str, limit: int = 24) -> str:
    """A task's text up to its first comma or full stop, at most `limit` characters (…)."""
    clause = re.split(r"[，。；,;.]", text.strip(), maxsplit=1)[0]
    return clause if len(clause) <= limit else clause[:limit] + "…"


def _ranking(words: _Words) -> Block:
    """For a 通报: the lead units by their share of owed reports filed (highest first, ties in
    units.yaml order), then each unit missing reports with the months it missed."""
    labels, report, ledger = words.labels, words.report, words.ledger
    owing = [u for u in report.units if u.owed]
    ranked = sorted(owing, key=lambda u: -(u.compliance or 0.0))
    paragraphs = []
    if ranked:
        paragraphs.append(
            labels(
                "sent_ranked",
                ranked=words.separator.join(
                    labels("sent_rank_item", unit=words.unit(u.unit), rate=words.rate(u.compliance))
                    for u in ranked
                ),
            )
        )
    missing_months: dict[str, set[str]] = defaultdict(set)
    for row in report.overdue:
        if row.kind == "report":
            for unit_id in ledger.tasks[row.task].lead:
                missing_months[unit_id].update(
                    m
                    for m in row.period or []
                    if month_start(dt.date.fromisoformat(m + "-01")) >= report.period.start
                )
    items = [
        labels(
            "sent_unit_missing",
            unit=words.unit(u.unit),
            count=u.missing,
            months=words.months(sorted(missing_months[u.unit])),
        )
        for u in sorted(owing, key=lambda u: -u.missing)
        if u.missing and missing_months[u.unit]
    ]
    return Block(labels("sent_ranking"), paragraphs or [labels("sent_nothing_owed")], items)


def _next_steps(words: _Words) -> Block:
    """下步安排 as dated sentences: the next report and its month, the missing ones to file by
    then, the milestones of the next period grouped by due day and target."""
    labels, report = words.labels, words.report
    due = report.upcoming.next_report_due
    items = []
    if due is not None:
        month = period_containing("month", month_start(due) - dt.timedelta(days=1))
        items.append(
            labels("sent_next_report", due=labels.day(due), month=words.period_name(month))
        )
        if any(row.kind == "report" for row in report.overdue):
            items.append(labels("sent_next_overdue", due=labels.day(due)))
    grouped: dict[tuple[dt.date, Status], list[int]] = defaultdict(list)
    for milestone in report.upcoming.milestones:
        if milestone.result != rules.MET:
            grouped[(milestone.due, milestone.target)].append(milestone.task)
    for (day, target), tasks in sorted(grouped.items(), key=lambda item: item[0][0]):
        items.append(
            labels(
                "sent_next_milestones",
                due=labels.day(day),
                tasks=words.numbers(tasks),
                target=words.status(target),
            )
        )
    return Block(labels("sent_next"), [] if items else [labels("sent_next_none")], items)


def _annexes(tables: list[Table], labels: Labels, year: bool) -> list[Annex]:
    """The report's tables as annexes, in report_tables' order: figures (summary, sections,
    trend), tasks, narrative, problems and overdue items, units (and the year's scorecard),
    what comes next (and the year's milestones and completed tasks)."""
    summary, sections, tasks, narrative, problems, overdue, units, upcoming, *rest = tables
    trend = rest.pop()
    milestones, completed, scorecard = rest if year else (None, None, None)
    groups = [
        ("sent_annex_progress", [summary, sections, trend]),
        ("sent_annex_tasks", [tasks]),
        ("sent_annex_narrative", [narrative]),
        ("sent_annex_problems", [problems, overdue]),
        ("sent_annex_units", [units, *([scorecard] if year else [])]),
        ("sent_annex_next", [upcoming, *([milestones, completed] if year else [])]),
    ]
    return [Annex(labels(key), group) for key, group in groups]


def contact_line(ledger: Ledger, labels: Labels) -> str | None:
    office = ledger.plan.office
    if office is None:
        return None
    parts = [
        labels(key, **{field: value})
        for key, field, value in (
            ("sent_contact_preparer", "name", office.preparer),
            ("sent_contact_reviewer", "name", office.reviewer),
            ("sent_contact_phone", "phone", office.phone),
        )
        if value
    ]
    return (
        labels("sent_contact", parts="　".join(parts) if labels.lang == "zh" else "; ".join(parts))
        if parts
        else None
    )


def _provenance(report: PeriodReport, labels: Labels) -> list[str]:
    """The line saying what the document was made from (report.period, see made_from): the
    ledger's commit (with uncommitted changes) and any --known-at cut."""
    info = report.period
    if info.commit is None:
        made = labels("sent_no_git")
    else:
        dirty = labels("sent_uncommitted") if info.uncommitted else ""
        made = labels("sent_made_from", commit=info.commit[:12], dirty=dirty)
    if info.known_at is not None:
        cut = labels("sent_known_at", day=labels.day(info.known_at))
        made += ("，" if labels.lang == "zh" else ", ") + cut
    return [made + ("。" if labels.lang == "zh" else ".")]
