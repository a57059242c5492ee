"""`vigie run --console` in a process of its own, its output collected line by line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO


class Console:
    """A running `vigie run --console` whose stdout is collected line by line."""

    def __init__(self, config: Path, cwd: Path) -> None:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env["PTB_TIMEDELTA"] = "true"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--console", "--config", str(config)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._readers = [
            threading.Thread(target=_read, args=(self.process.stdout, self.lines), daemon=True),
            threading.Thread(target=_read, args=(self.process.stderr, self.errors), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def wait_for(self, texts: list[str], seconds: float = 20.0) -> bool:
        """Whether every text shows up in the output before the deadline."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            output = "\n".join(self.lines)
            if all(text in output for text in texts):
                return True
            time.sleep(0.05)
        return False

    def stop(self, signum: int) -> tuple[int, str, str]:
        """Send `signum`; exit code, whole stdout and stderr once it has ended."""
        self.process.send_signal(signum)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self._readers:
            reader.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return self.process.returncode, "\n".join(self.lines), "\n".join(self.errors)


def _read(stream: IO[str] | None, into: list[str]) -> None:
    """Collect a pipe's lines as they come (a full pipe would stall the child)."""
    assert stream is not None
    for line in stream:
        into.append(line.rstrip("\n"))
