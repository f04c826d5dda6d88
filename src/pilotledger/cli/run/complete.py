"""What a TAB completes from: the registries of the ledger --data names (or the one found from
here), or None when there is no readable ledger. Loaded by cli/completion.py when the shell
asks, never for `--help` or a command."""

from __future__ import annotations

from pathlib import Path

from pilotledger.store import find_root, load_registries


def registries_for(ctx):
    data = None
    root_ctx = ctx.find_root() if ctx is not None else None
    if root_ctx is not None:
        data = root_ctx.params.get("data")  # --data as typed (text)
    try:
        return load_registries(find_root(Path(data) if data else None))
    except Exception:  # completion must never print a traceback into the shell
        return None
