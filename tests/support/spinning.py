"""A feed body that makes the parser spin: the runaway parse the time limit is there for.

Shared by the parse-limit tests and the child processes they start, which import it by name.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.ingest.reader import FeedJob, ReadFeed, read_feed

SPIN = b"spin"  # the body that makes `spin_or_read` spin
FETCHED = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
XML = {"content-type": "application/rss+xml"}


def spin_or_read(job: FeedJob) -> ReadFeed:
    """`read_feed`, except that the body SPIN spins in C with the GIL held, as a runaway
    regular expression does (2**64 steps: it never ends)."""
    if job.body == SPIN:
        re.match(r"(?:a|a)*b", "a" * 64)
    return read_feed(job)


def job(body: bytes, url: str = "https://kc.example/rss") -> FeedJob:
    """A parse job for `body`, as the poller hands one to the reader."""
    return FeedJob(body, XML, url, "", "uk", FETCHED)
