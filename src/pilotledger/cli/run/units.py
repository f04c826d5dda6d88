"""`pilotledger units`: the units with how many tasks each leads and is responsible for."""

from __future__ import annotations

from pilotledger.cli.common import Settings, emit
from pilotledger.cli.invocation import GlobalOptions
from pilotledger.views.units import unit_items, units_document


def run_units(options: GlobalOptions, *, fmt) -> None:
    settings = Settings.of(options)
    ledger = settings.ledger()
    emit(units_document(ledger, unit_items(ledger), settings.labels), fmt, settings.labels)
