"""`pilotledger report`: the period report built, judged, signed and sent out in a format."""

from __future__ import annotations

from pilotledger.cli.common import Settings, known_ledger, parse_day
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.dates import DateError, parse_period, period_containing, today
from pilotledger.errors import UsageError
from pilotledger.gitflow import ledger_commit
from pilotledger.textgate import code_point, first_refused
from pilotledger.views.report.data import made_from
from pilotledger.views.report.document import report_document, with_header_and_trend
from pilotledger.views.report.figures import JudgedBeforePeriod, build_report
from pilotledger.views.report_letter import Sending, as_sent
from pilotledger.wording import Message


def run_report(
    options: GlobalOptions,
    *,
    period_text: str | None,
    month: bool,
    quarter: bool,
    half: bool,
    year: bool,
    as_of: str | None,
    known_at: str | None,
    fmt,
    output: str | None,
    send_as,
    sender: str | None,
    number: str | None,
) -> None:
    """The report for the one period kind flagged (month, quarter, half, year), sent as
    `send_as` (SendAs)."""
    flags = {"month": month, "quarter": quarter, "half": half, "year": year}
    chosen = [kind for kind, flag in flags.items() if flag]
    if len(chosen) != 1:
        raise UsageError(Message("choose_period"))
    kind = chosen[0]
    try:
        period = parse_period(kind, period_text, today())
    except DateError as error:
        raise UsageError(
            Message("option_problem", option=f"--{kind}", problem=error.args[0])
        ) from None
    settings = Settings.of(options)
    ledger = known_ledger(settings.reading_ledger(), known_at)
    period = _period_within_plan(ledger, period, period_text, settings.labels)
    judged_on = parse_day(as_of, "--as-of") if as_of else None
    try:
        built = build_report(ledger, period, today(), judged_on)
    except JudgedBeforePeriod as error:
        raise UsageError(_before_period(error, period, judged_on, settings.labels)) from None
    made_from(
        built,
        parse_day(known_at, "--known-at") if known_at else None,
        *ledger_commit(settings.root),
    )
    document = with_header_and_trend(
        report_document(ledger, built, settings.labels), ledger, built, today(), settings.labels
    )
    sending = Sending(
        send_as.value,
        today(),
        office=_text_option(sender, "--from"),
        number=_text_option(number, "--number"),
    )
    document = as_sent(document, ledger, built, settings.labels, sending)
    settings.emit(document, fmt, output)


TEXT_OPTION_MAX = 200  # characters of a --from / --number on a document's face


def _text_option(text: str | None, option: str) -> str | None:
    """An option's text for a document's face: stripped, no control characters, not empty."""
    if text is None:
        return None
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(Message("usage_empty_value", option=option))
    refused = first_refused(cleaned)
    if refused is not None:
        position, char = refused
        problem = Message("control_char", name=option, code=code_point(char), position=position)
        raise UsageError(problem)
    if len(cleaned) > TEXT_OPTION_MAX:
        problem = Message("text_too_long", max_length=TEXT_OPTION_MAX)
        raise UsageError(Message("option_problem", option=option, problem=problem))
    return cleaned


def _before_period(error, period, judged_on, labels) -> str:
    """Why a report cannot be judged yet: the --as-of given, or (without one) today."""
    start = error.start.isoformat()
    if judged_on is None:
        return labels(
            "period_not_begun", label=period.label, today=error.day.isoformat(), start=start
        )
    return labels("judged_before_period", day=error.day.isoformat(), start=start)


RELATIVE_PERIODS = ("this", "current", "本期", "last", "previous", "上期")


def _period_within_plan(ledger, period, period_text: str | None, labels):
    """A period taken from today that starts after the plan's end would be an empty report: a
    period flag alone (`report --quarter`) then means the plan's last period of that kind, said
    on stderr; `this` or `last` given in words is a usage error naming the plan's end and a
    period to give."""
    from pilotledger.render.terminal import print_note  # rich: only for this note

    if period.start <= ledger.plan.end:
        return period
    last = period_containing(period.kind, ledger.plan.end)
    if period_text is None:
        print_note(
            labels(
                "period_last_of_plan",
                label=period.label,
                end=ledger.plan.end.isoformat(),
                last=last.label,
            )
        )
        return last
    if period_text.strip().lower() in RELATIVE_PERIODS:
        raise UsageError(
            labels(
                "period_after_plan",
                label=period.label,
                end=ledger.plan.end.isoformat(),
                kind=period.kind,
                example=last.label,
            )
        )
    return period
