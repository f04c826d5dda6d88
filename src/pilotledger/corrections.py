"""Which correction applies: the one rule for a record corrected more than once. Pure.

Two clerks may each correct one record in their clones; merged by git, both corrections are
kept and this rule settles it, so no one has to delete history: the later recorded_at, then
the larger id, applies. Correcting the one that applies settles it for good.
"""

from __future__ import annotations

from dataclasses import dataclass

from pilotledger.model import Entry


def applies_before(one: Entry, other: Entry) -> bool:
    """Of two corrections of one record, whether `other` applies rather than `one`: the later
    recorded_at, then the larger id."""
    return _applying_order(other) > _applying_order(one)


def _applying_order(record: Entry) -> tuple[float, str]:
    return (record.recorded_ts, record.id)


def winning_corrections(records: list[Entry]) -> dict[str, Entry]:
    """Original id → the correction that applies to it. Two clerks may each correct one record
    in their clones; merged, both are kept and the rule settles it (`applies_before`)."""
    winners: dict[str, Entry] = {}
    for record in records:
        if record.corrects and record.corrects != record.id:
            held = winners.get(record.corrects)
            if held is None or applies_before(held, record):
                winners[record.corrects] = record
    return winners


@dataclass(frozen=True)
class Contested:
    """A record corrected more than once and not settled yet: its corrections in the order the
    rule ranks them (the one that applies last), and the one that applies."""

    original: str
    corrections: list[Entry]
    applies: Entry


def contested_corrections(records: list[Entry]) -> list[Contested]:
    """Every record with two or more corrections whose applying one nothing corrects yet
    (correcting the one that applies settles it)."""
    winners = winning_corrections(records)
    by_original: dict[str, list[Entry]] = {}
    for record in records:
        if record.corrects and record.corrects != record.id:
            by_original.setdefault(record.corrects, []).append(record)
    return [
        Contested(original, sorted(corrections, key=_applying_order), winners[original])
        for original, corrections in by_original.items()
        if len(corrections) > 1 and winners[original].id not in winners
    ]
