"""How long the reliability suite runs: short in `make test`, long under `make soak` /
`make fuzz` (which set PILOTLEDGER_SOAK / PILOTLEDGER_FUZZ)."""

from __future__ import annotations

import os

SOAK = os.environ.get("PILOTLEDGER_SOAK") == "1"
FUZZ = os.environ.get("PILOTLEDGER_FUZZ") == "1"


def scaled(short: int, long: int, enabled: bool) -> int:
    return long if enabled else short
