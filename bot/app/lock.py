"""One `vigie run` per database: a second poller would send every alert twice.

Two locks, both taken before the database is opened, created or migrated:
- `PATH.lock` beside the configured path, holding the runner's pid (for the message);
- the database file itself, so a symlink or a hard link to the same file (another path, the
  same device and inode) is refused too. `flock` is independent of SQLite's own POSIX locks.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

from bot.core.errors import VigieError

PROC_LOCKS = Path("/proc/locks")


@contextmanager
def exclusive_run(db_path: str) -> Iterator[None]:
    """Hold both locks while running; refuse, touching nothing, if another run holds either."""
    with ExitStack() as stack:
        note = stack.enter_context(_open_for_lock(f"{db_path}.lock", "a+"))
        _lock(note, db_path, lambda: _read_pid(note))
        database = stack.enter_context(_open_for_lock(db_path, "a"))
        _lock(database, db_path, lambda: _holder_of(os.fstat(database.fileno())))
        note.truncate(0)
        note.write(str(os.getpid()))
        note.flush()
        yield


def _lock(handle: IO[str], db_path: str, holder: Callable[[], str | None]) -> None:
    """flock `handle`, or raise the refusal naming the holder's pid."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise VigieError(
            f"{db_path} is in use by another `vigie run` (pid {holder() or 'unknown'}); two runs "
            "on one database would send every alert twice. Stop the other one first."
        ) from None


@contextmanager
def _open_for_lock(path: str, mode: str) -> Iterator[IO[str]]:
    """`path` opened, created empty if absent (SQLite takes an empty file as a new database)."""
    try:
        handle = open(path, mode)  # noqa: SIM115 - closed by the `with` below
    except OSError as error:
        raise VigieError(f"{path}: cannot open: {error.strerror} "
                         "(check [storage] path and its directory)") from None
    with handle:
        yield handle


def _read_pid(handle: IO[str]) -> str | None:
    handle.seek(0)
    return handle.read().strip() or None


def _holder_of(stat: os.stat_result) -> str | None:
    """The pid holding a flock on this device and inode, from /proc/locks (Linux), if any."""
    try:
        lines = PROC_LOCKS.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if "FLOCK" in fields and _identity(fields[-3]) == (stat.st_dev, stat.st_ino):
            return fields[-4]
    return None


def _identity(field: str) -> tuple[int, int]:
    """(device, inode) from /proc/locks' MAJOR:MINOR:INODE (hex, hex, decimal)."""
    major, minor, inode = field.split(":")
    return os.makedev(int(major, 16), int(minor, 16)), int(inode)
