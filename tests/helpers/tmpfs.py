"""The test run's temporary folders in memory (tmpfs) where the machine has room for them.

A run of the suite writes some 12,000 files (ledgers, sites, documents) and calls fsync about
4,000 times; pytest then deletes an older run's folders. On this project's small VM that disk
work costs 6–10 s of the suite's ~40 s. Every fsync, rename and lock is still made: only the
disk under them is memory. Nothing is moved where /dev/shm is missing, is no tmpfs, or has less
than MIN_FREE free (Docker gives containers 64 MB), or where PILOTLEDGER_TEST_TMPFS=0.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

SHM = Path("/dev/shm")
MIN_FREE = 2 * 1024**3
OPT_OUT = "PILOTLEDGER_TEST_TMPFS"


def is_roomy_tmpfs(folder: Path) -> bool:
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            on_tmpfs = any(
                line.split()[1:3] == [str(folder), "tmpfs"] for line in mounts if line.strip()
            )
        stats = os.statvfs(folder)
    except OSError:
        return False
    return on_tmpfs and stats.f_bavail * stats.f_frsize >= MIN_FREE and os.access(folder, os.W_OK)


def memory_temp_root(checkout: Path) -> Path | None:
    """This checkout's folder on /dev/shm (one per user and checkout, so that two checkouts'
    runs never share pytest's numbered folders), or None where it should not be used."""
    if os.environ.get(OPT_OUT) == "0" or not is_roomy_tmpfs(SHM):
        return None
    tag = hashlib.sha256(str(checkout.resolve()).encode()).hexdigest()[:12]
    folder = SHM / f"pilotledger-tests-{os.getuid()}-{tag}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def use_memory_temp_root(checkout: Path) -> Path | None:
    """Points TMPDIR (inherited by xdist's workers and every process a test starts) and this
    process's tempfile at memory_temp_root; pytest's numbered folders and their clean-up follow."""
    folder = memory_temp_root(checkout)
    if folder is not None:
        os.environ["TMPDIR"] = str(folder)
        tempfile.tempdir = None  # gettempdir() asks TMPDIR again
    return folder
