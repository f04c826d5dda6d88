"""`pilotledger site`: the ledger as a static site in a folder, or a check that it is current."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli import app
from pilotledger.cli.common import INCOMPLETE, incomplete_line, parse_day, refuse_ledger_file

DEFAULT_SITE_DIR = "site"


@app.command(epilog="\b\nExample: pilotledger site --output-dir site && xdg-open site/index.html")
def site(
    ctx: typer.Context,
    as_of: str | None = typer.Option(
        None, "--as-of", help="The site's day: judge everything on it (default today)."
    ),
    output_dir: Path = typer.Option(
        Path(DEFAULT_SITE_DIR), "--output-dir", help="The folder (default site/)."
    ),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 naming the stale files if any."
    ),
) -> None:
    """Write the ledger as self-contained html pages; only changed files are rewritten."""
    from pilotledger.render.terminal import print_text
    from pilotledger.site.build import build_site
    from pilotledger.site.output import apply, plan_update, refuse_foreign_folder, stored_evidence

    settings = ctx.obj
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
    apply(plan, output_dir, settings.root)
    print_text(
        labels(
            "site_written",
            written=len(plan.write),
            removed=len(plan.remove),
            index=str(output_dir / "index.html"),
        )
    )
