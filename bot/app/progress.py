"""Progress on a terminal for long command-line work (`poll --once`, `feeds import`).

Drawn with tqdm on stderr, and only when stderr is a terminal and the output is not --json:
piped or scripted, a command prints exactly what it printed before. While the bar is up, log
lines go through tqdm so that a warning never lands in the middle of the bar.
"""

from __future__ import annotations

import contextlib
import sys
from types import TracebackType
from typing import Any

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

BAR = "{desc}: {n_fmt}/{total_fmt} feeds{postfix} [{elapsed}]"


class Progress:
    """Feeds done of total and failures so far; a no-op when nobody is watching."""

    def __init__(self, what: str, as_json: bool = False) -> None:
        self.what = what
        self.shown = not as_json and sys.stderr.isatty()  # a person, not a pipe or a script
        self.bar: Any = None
        self.logs = contextlib.ExitStack()

    def __enter__(self) -> Progress:
        if self.shown:
            self.logs.enter_context(logging_redirect_tqdm())
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        """Clear the bar so the summary line that follows stands alone."""
        if self.bar is not None:
            self.bar.close()
        self.logs.close()

    def begin(self, total: int) -> None:
        """The number of feeds is known: draw the bar (nothing for no feed)."""
        if self.shown and total:
            self.bar = tqdm(total=total, desc=self.what, file=sys.stderr, leave=False,
                            mininterval=0, bar_format=BAR, postfix="0 failed")

    def advance(self, failed_so_far: int) -> None:
        """One more feed done, with the failures counted so far."""
        if self.bar is not None:
            self.bar.set_postfix_str(f"{failed_so_far} failed", refresh=False)
            self.bar.update(1)
