"""A story's dedup print computed in the parsing worker, beside the parse, not in the bot.

Computing a print (fingerprint and signature, bot/dedup/stored.py) took 4 s of the main
process's CPU in a first poll of 1,000 feeds of 30 new items, which the store step waits
for; decoding the worker's encoding of it costs a tenth of that. The worker runs the same
code, so the print is the same; its codec travels with it, and a print of another codec
(code changed under a running bot) is computed again.
"""

from __future__ import annotations

import time
from dataclasses import replace

from bot.core.models import Printed, Story
from bot.dedup.stored import Prepared, codec, decode, prepare
from bot.ingest.reader import FeedJob, ReadFeed, read_feed


def read_printed(job: FeedJob) -> ReadFeed:
    """`read_feed`, each story with its print (what the parsing workers run; picklable)."""
    started = time.process_time()
    read = read_feed(job)
    stories = [replace(story, printed=printed(story)) for story in read.stories]
    return replace(read, stories=stories, cpu_s=time.process_time() - started)


def printed(story: Story) -> Printed:
    """The story's print, encoded, with the codec that wrote it."""
    return Printed(prepare(story.title, story.summary, story.language).data, codec())


def prepared_of(story: Story) -> Prepared:
    """The story's print: the worker's, decoded, when today's codec wrote it; else computed."""
    if story.printed is not None and story.printed.codec == codec():
        return decode(story.printed.data)
    return prepare(story.title, story.summary, story.language)
