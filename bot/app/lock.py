"""One `vigie run` per database: a second poller would send every alert twice."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core.errors import VigieError


@contextmanager
def exclusive_run(db_path: str) -> Iterator[None]:
    """Hold an exclusive lock beside the database while running; refuse if another holds it."""
    lock_path = Path(f"{db_path}.lock")
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise VigieError(
                f"{db_path} is in use by another `vigie run` (pid {holder}); two runs on one "
                "database would send every alert twice. Stop the other one first."
            ) from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
