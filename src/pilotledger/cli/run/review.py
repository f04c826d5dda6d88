"""`pilotledger review`: what changed in the ledger since a revision; exit 1 if a record was
edited or removed."""

from __future__ import annotations

import typer

from pilotledger.cli.common import Settings, emit
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.dates import today
from pilotledger.gitflow.history import (
    changes_since,
    judgments_in_range,
    records_at,
    registry_changes,
    review_range,
)
from pilotledger.gitflow.origins import merge_parents, record_origins
from pilotledger.store import load_registries
from pilotledger.views.review import contested_in, review_document
from pilotledger.views.review import review as review_of


def run_review(options: GlobalOptions, *, rev: str | None, fmt) -> None:
    settings = Settings.of(options)
    root = settings.root
    chosen = review_range(root, rev)
    changes = changes_since(root, chosen.base, target=chosen.target)
    head = chosen.target or "HEAD"
    added = {change.record_id for change in changes if change.kind == "added"}
    origins = record_origins(root, chosen.base, head, merge_parents(root, head), added)
    registries = registry_changes(root, chosen.base, chosen.target)
    reviewed = review_of(changes, registries, chosen.shown, origins)
    known = records_at(root, chosen.target)
    reviewed.contested = contested_in(known)
    if reviewed.registries:
        reviewed.judged_on = today()
        reviewed.judgments = judgments_in_range(root, chosen, reviewed.judged_on)
    document = review_document(reviewed, settings.labels, load_registries(root), known)
    emit(document, fmt, settings.labels)
    if reviewed.edited or reviewed.removed:
        raise typer.Exit(1)
