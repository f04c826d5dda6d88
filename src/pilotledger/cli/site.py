"""`pilotledger site`: the ledger as a static site in a folder, or a check that it is current.
Its options and help; the work is cli/run/site.py's, loaded when it runs."""

from __future__ import annotations

from pathlib import Path

import typer

from pilotledger.cli.registration import command

DEFAULT_SITE_DIR = "site"


@command(
    runs="pilotledger.cli.run.site:run_site",
    epilog="\b\nExample: pilotledger site --output-dir site && xdg-open site/index.html",
)
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
