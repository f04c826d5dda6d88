"""The test run's temporary folders in memory (tmpfs) where the machine has room for them.

A run of the suite writes some 12,000 files (ledgers, sites, documents) and calls fsync about
4,000 times; pytest then deletes an older run's folders. On this project's small VM that disk
work costs 6–10 s of the suite's ~40 s. Every fsync, rename and lock is still made: only the
disk under them is memory. Nothing is moved where /dev/shm is missing, is no tmpfs, or has less
than MIN_FREE free (Docker gives containers 64 MB), or where PILOTLEDGER_TEST_TMPFS=0.
"""

from __future__ import annotations

import os
import stat
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


def memory_temp_root() -> Path | None:
    """This user's folder on /dev/shm, or None where it should not be used. Test runs at once
    (in two checkouts, say) share it as they share /tmp: pytest numbers each run's folder and
    never removes one whose run is alive. No hash in the name: a test that looks for
    a short string in an output naming its folder must not find it there by chance."""
    if os.environ.get(OPT_OUT) == "0" or not is_roomy_tmpfs(SHM):
        return None
    folder = SHM / f"pilotledger-tests-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    return folder if private and not info.st_mode & 0o077 else None  # /dev/shm is anyone's


def use_memory_temp_root() -> Path | None:
    """Points TMPDIR (inherited by xdist's workers and every process a test starts) and this
    process's tempfile at memory_temp_root; pytest's numbered folders and their clean-up follow."""
    folder = memory_temp_root()
    if folder is not None:
        os.environ["TMPDIR"] = str(folder)
        tempfile.tempdir = None  # gettempdir() asks TMPDIR again
    return folder
