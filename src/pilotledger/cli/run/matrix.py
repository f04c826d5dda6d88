"""`pilotledger matrix`: units × tasks with their 牵头 and 责任 marks."""

from __future__ import annotations

from pilotledger.cli.common import Settings
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.cli.selection import selected_tasks
from pilotledger.views.matrix import matrix_document, matrix_listing


def run_matrix(
    options: GlobalOptions,
    *,
    part: str | None,
    section: str | None,
    words: bool,
    fmt,
    output: str | None,
) -> None:
    settings = Settings.of(options)
    ledger = settings.reading_ledger()
    grid = matrix_listing(ledger, selected_tasks(ledger, None, part, section))
    settings.emit(matrix_document(ledger, grid, settings.labels, words), fmt, output)
