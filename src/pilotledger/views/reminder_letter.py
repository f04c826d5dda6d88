"""A unit's reminder as what the office sends (official.Official): a 提示函, or a 再次提示函
when an item of it was already named in an earlier letter (reminders.Reminder.again).

    关于报送石柱县服务业扩大开放综合试点推进情况的提示函
    县商务委：
    根据《…实施方案》，各牵头单位每月5日前报送上月推进情况。截至2022年7月20日，你单位牵头的
    试点任务有以下事项需要办理：
    一、缺报月报      序号24（探索优化消费供需新生态的有效路径）：2022年3月、5月、6月月报未报送，
                      最早一期应于2022年4月5日前报送，已逾期106天。
    二、逾期节点      序号40（…）：应于2022年4月30日前达到“推进中”，至今未达到。
    三、近期到期事项  2022年7月推进情况应于2022年8月5日前报送。…
    四、工作要求      请于2022年7月27日前补报上述缺报月报，……
    附件：待办事项清单            落款 / 成文日期 (the reminder's day)

Only the parts the unit owes are written. Pure: every word from `labels`, every day worded
(labels.day)."""

from __future__ import annotations

from pilotledger.document import Document
from pilotledger.model import Ledger
from pilotledger.official import Annex, Block, Official, Signature
from pilotledger.views.reminders import Reminder
from pilotledger.views.report.data import MilestoneRow
from pilotledger.views.report_letter import contact_line, first_clause, pilot_name
from pilotledger.wording import Labels, months_name


def as_letter(document: Document, ledger: Ledger, reminder: Reminder, labels: Labels) -> Document:
    """The reminder's document with its letter; its tables become the letter's one annex."""
    unit = labels.unit_full_name(ledger.units[reminder.unit])
    kind = "again" if reminder.again else "first"
    title = labels(f"letter_title_{kind}", pilot=pilot_name(ledger))
    blocks = [
        block
        for block in (
            _missing(ledger, reminder, labels),
            _missed(ledger, reminder, labels),
            _coming(ledger, reminder, labels),
            _request(reminder, labels),
        )
        if block is not None
    ]
    tables = [table for table in document.tables if table.rows]
    document.title = title
    document.official = Official(
        kind="reminder",
        title=title,
        addressee=labels("sent_addressee", name=unit),
        signature=Signature(
            ledger.plan.sender,
            labels.day(reminder.as_of),
            reminder.as_of,
        ),
        opening=[_opening(ledger, reminder, labels)],
        blocks=blocks,
        annexes=[Annex(labels("letter_annex"), tables)] if tables else [],
        annex_word=labels("sent_annex_word"),
        contact=contact_line(ledger, labels),
    )
    return document


def _opening(ledger: Ledger, reminder: Reminder, labels: Labels) -> str:
    day = labels.day(reminder.as_of)
    if reminder.again:
        days = ("、" if labels.lang == "zh" else ", ").join(map(labels.day, reminder.reminded_on))
        return labels("letter_opening_again", days=days, day=day)
    return labels(
        "letter_opening_first",
        plan=ledger.plan.title,
        report_day=ledger.plan.report_day,
        day=day,
    )


def _task(ledger: Ledger, number: int, labels: Labels) -> str:
    return labels("letter_task", task=number, text=first_clause(ledger.tasks[number].text))


def _missing(ledger: Ledger, reminder: Reminder, labels: Labels) -> Block | None:
    items = [
        labels(
            "letter_missing_item",
            task=_task(ledger, task.task, labels),
            months=months_name(task.missing, labels.lang),
            since=labels.day(task.missing_since),
            days=task.days,
        )
        for task in reminder.tasks
        if task.missing
    ]
    return Block(labels("reminder_missing"), [], items) if items else None


def _milestone(ledger: Ledger, row: MilestoneRow, key: str, labels: Labels) -> str:
    return labels(
        key,
        task=_task(ledger, row.task, labels),
        due=labels.day(row.due),
        target=labels.status_name(row.target),
    )


def _missed(ledger: Ledger, reminder: Reminder, labels: Labels) -> Block | None:
    rows = [row for task in reminder.tasks for row in task.missed]
    items = [_milestone(ledger, row, "letter_missed_item", labels) for row in rows]
    return Block(labels("reminder_missed"), [], items) if items else None


def _coming(ledger: Ledger, reminder: Reminder, labels: Labels) -> Block | None:
    items = []
    if reminder.next_report_due is not None:
        items.append(
            labels(
                "letter_next_report",
                month=months_name([reminder.next_month], labels.lang),
                due=labels.day(reminder.next_report_due),
            )
        )
    rows = [row for task in reminder.tasks for row in task.upcoming]
    items += [_milestone(ledger, row, "letter_upcoming_item", labels) for row in rows]
    return Block(labels("letter_coming"), [], items) if items else None


def _request(reminder: Reminder, labels: Labels) -> Block:
    """What the unit is asked to do and by when: the missing reports by the reply day, the
    missed milestones explained, the next report on time."""
    asks = []
    if any(task.missing for task in reminder.tasks):
        asks.append(labels("letter_ask_missing", day=labels.day(reminder.reply_by)))
    if any(task.missed for task in reminder.tasks):
        asks.append(labels("letter_ask_missed", day=labels.day(reminder.reply_by)))
    if reminder.next_report_due is not None:
        asks.append(labels("letter_ask_next", due=labels.day(reminder.next_report_due)))
    if not asks:
        asks.append(labels("letter_ask_upcoming"))
    return Block(
        labels("letter_request"),
        [
            ("；" if labels.lang == "zh" else "; ").join(asks)
            + ("。" if labels.lang == "zh" else ".")
        ],
    )
