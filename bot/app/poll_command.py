"""`vigie poll --once [--json]`: one cycle over the due feeds, new stories on stdout."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from bot.app.context import open_context
from bot.app.progress import Progress
from bot.core.context import Context
from bot.core.models import Ingested
from bot.engine import running_engine
from bot.ingest.poll import PollReport, Watch


def poll_command(args: argparse.Namespace) -> int:
    """Poll once, print each new story, then the summary line on stderr."""
    context = open_context(args.config)
    with Progress("polling", args.json) as progress:
        report = asyncio.run(poll_once(context, progress))
    for new in report.new:
        print(story_json(new) if args.json else story_text(new))
    print(report.summary(), file=sys.stderr)
    return 0


async def poll_once(context: Context, watch: Watch | None = None) -> PollReport:
    """One poll cycle through the whole pipeline (stored, clustered, matched, enqueued)."""
    async with running_engine(context) as engine:
        return await engine.poll_once(watch)


def story_json(new: Ingested) -> str:
    """The story as one JSON object (the `poll --json` contract), with its cluster."""
    story = new.story
    return json.dumps({
        "id": new.id, "feed": story.feed_url, "source": story.source, "title": story.title,
        "summary": story.summary, "link": story.link, "published": story.published.isoformat(),
        "cluster": new.cluster_id, "duplicate_of": new.duplicate_of, "stale": new.stale,
        "part": story.part, "parts": story.parts,
    }, ensure_ascii=False)


def story_text(new: Ingested) -> str:
    """The story for a person: source, title, link, and what it duplicates."""
    story = new.story
    folded = f"\n    same story as #{new.duplicate_of}" if new.duplicate_of else ""
    stale = "\n    stale: already old when first seen, stored but not alerted" if new.stale else ""
    return (f"#{new.id} [{story.source}] {story.title}\n    {story.link or '(no link)'}"
            f"{folded}{stale}")
