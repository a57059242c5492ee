"""Our own processes, found by a marker in their environment."""

from __future__ import annotations

import os
import time
from pathlib import Path


def tagged(marker: str) -> dict[str, str]:
    """This environment without proxies, with `marker` set so our processes can be found."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env[marker] = "1"
    return env


def processes_with(marker: str, settle: float = 2.0) -> list[int]:
    """Live processes whose environment holds `marker`, after letting exiting ones go."""
    deadline = time.monotonic() + settle
    while True:
        found = [pid for pid in _pids() if marker.encode() in _environ(pid)]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _environ(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return b""
