"""Waiting for what a running Vigie does, and `vigie run` in a process of its own."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
VIGIE = ROOT / ".venv" / "bin" / "vigie"


async def until(probe: Callable[[], T | None], what: str, timeout: float = 10.0) -> T:
    """Wait for `probe` to give something truthy; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while not (found := probe()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
    return found


def wait(probe: Callable[[], T | None], what: str, timeout: float = 15.0) -> T:
    return asyncio.run(until(probe, what, timeout))


def start_vigie(config: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PTB_TIMEDELTA"] = "true"
    with log.open("ab") as out:
        return subprocess.Popen([str(VIGIE), "run", "--config", str(config)], cwd=ROOT,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
