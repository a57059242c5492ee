"""Run the installed `vigie` with its stderr on a pseudo-terminal, as a person at a shell."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Ran:
    """What a run printed: stdout (a pipe) and stderr (the terminal, control codes kept)."""

    code: int
    out: str
    err: str


def vigie_command() -> list[str]:
    """The console script when installed, else the module."""
    script = ROOT / ".venv" / "bin" / "vigie"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def run_vigie(argv: list[str], cwd: Path, terminal: bool) -> Ran:
    """`vigie argv`; stderr on a pseudo-terminal when `terminal`, else on a pipe."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PTB_TIMEDELTA"] = "true"
    if not terminal:
        done = subprocess.run([*vigie_command(), *argv], capture_output=True, text=True,
                              timeout=60, env=env, cwd=cwd)
        return Ran(done.returncode, done.stdout, done.stderr)
    return _on_terminal([*vigie_command(), *argv], cwd, env)


def _on_terminal(command: list[str], cwd: Path, env: dict[str, str]) -> Ran:
    """A terminal of 100 columns (a new pty has none, and tqdm trims its line to that)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, cwd=cwd,
                          env=env) as process:
        os.close(follower)
        err = _read_all(leader)
        out = process.stdout.read() if process.stdout else b""
        code = process.wait(timeout=60)
    return Ran(code, out.decode(), err.decode(errors="replace"))


def _read_all(leader: int) -> bytes:
    """Everything the terminal showed, until the process closed it (EIO on Linux)."""
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks)
