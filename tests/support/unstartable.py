"""A read function no worker process can load: importing this module fails in any child of
the test process, as a worker fails whose interpreter cannot start (a broken install, no
memory, a process limit reached). The test process itself imports it as usual."""

from __future__ import annotations

import os

from bot.ingest.reader import FeedJob, ReadFeed, read_feed

_HOME = "VIGIE_TEST_UNSTARTABLE_PID"  # the first importer's pid, inherited by its children
if os.environ.setdefault(_HOME, str(os.getpid())) != str(os.getpid()):
    raise ImportError("this module cannot load in a worker process (on purpose)")


def read_here_only(job: FeedJob) -> ReadFeed:
    """`read_feed`, from a module only the test process can import."""
    return read_feed(job)
