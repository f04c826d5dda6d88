"""Shell completion of what a clerk types most: task numbers, unit names and aliases, statuses.

Called by the shell on every TAB, so each function is quick and never fails loudly: a missing
or broken ledger just completes nothing."""

from __future__ import annotations

from pilotledger.wording import STATUS_LABELS

TEXT_SHOWN = 40


def _registries(ctx):
    from pilotledger.cli.run.complete import registries_for  # a TAB's work: loaded when asked

    return registries_for(ctx)


def complete_task(ctx, incomplete: str) -> list[tuple[str, str]]:
    registries = _registries(ctx)
    if registries is None:
        return []
    return [
        (str(number), task.text[:TEXT_SHOWN])
        for number, task in registries.tasks.items()
        if str(number).startswith(incomplete)
    ]


def complete_unit(ctx, incomplete: str) -> list[tuple[str, str]]:
    registries = _registries(ctx)
    if registries is None:
        return []
    found = []
    for unit in registries.units.values():
        for name in (unit.id, unit.name, *unit.aliases):
            if name.startswith(incomplete):
                found.append((name, unit.name if name != unit.name else unit.name_en))
    return found


def complete_status(incomplete: str) -> list[tuple[str, str]]:
    words = [(word, key) for key, labels in STATUS_LABELS.items() for word in (key, labels[0])]
    return [(word, help_text) for word, help_text in words if word.startswith(incomplete)]
