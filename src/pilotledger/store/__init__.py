"""The only layer that touches files: YAML in and out, finding the ledger, locking, atomic
writes."""

from pilotledger.store.loader import (
    LoadResult,
    find_root,
    load,
    load_readable,
    load_registries,
    load_valid,
    months_newest_first,
    progress_files,
)

__all__ = [
    "LoadResult",
    "find_root",
    "load",
    "load_registries",
    "load_readable",
    "load_valid",
    "months_newest_first",
    "progress_files",
]
