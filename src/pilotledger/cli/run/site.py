"""`pilotledger site`: the ledger written as a static site, or a check that it is current."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli.common import (
    Settings,
    incomplete_line,
    output_folder,
    parse_day,
    refuse_ledger_file,
)
from pilotledger.cli.invocation import INCOMPLETE, GlobalOptions
from pilotledger.render.terminal import print_text
from pilotledger.site.build import build_site
from pilotledger.site.output import apply, plan_update, refuse_foreign_folder, stored_evidence


def run_site(options: GlobalOptions, *, as_of: str | None, output_dir: Path, check: bool) -> None:
    settings = Settings.of(options)
    labels = settings.labels
    day = parse_day(as_of, "--as-of")
    refuse_ledger_file(output_dir, settings.root)
    refuse_foreign_folder(output_dir)
    ledger = settings.reading_ledger()
    places = INCOMPLETE.get()
    notice = incomplete_line(places, labels) if places else ""
    built = build_site(ledger, day, labels, stored_evidence(settings.root), notice)
    plan = plan_update(built, output_dir, settings.root)
    if check:
        for relative in plan.stale:
            print_text(str(output_dir / relative))
        print_text(
            labels("site_stale", count=len(plan.stale)) if plan.stale else labels("site_current")
        )
        if plan.stale:
            raise typer.Exit(1)
        return
    apply(plan, output_folder(output_dir), settings.root)
    print_text(
        labels(
            "site_written",
            written=len(plan.write),
            removed=len(plan.remove),
            index=str(output_dir / "index.html"),
        )
    )
