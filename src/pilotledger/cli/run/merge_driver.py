"""`pilotledger merge-driver`: git's merge of two versions of a month file, by record id."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli.common import Settings
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.gitflow.merge import run_merge_driver as merge
from pilotledger.render.terminal import print_error
from pilotledger.wording import Message, word


def run_merge_driver(
    options: GlobalOptions, base: Path, ours: Path, theirs: Path, shown_as: str
) -> None:
    lang = Settings.of(options).labels.lang
    conflicts = merge(base, ours, theirs, shown_as)
    for conflict in conflicts:
        said = Message("merge_needs_decision", file=shown_as, conflict=word(conflict, lang))
        print_error(word(said, lang))
    if conflicts:
        raise typer.Exit(1)
