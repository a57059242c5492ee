"""`vigie poll --once [--json]`: one cycle over the due feeds, new stories on stdout."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from bot.context import Context, open_context
from bot.engine import fetch_limits, make_poller
from bot.fetch import Fetcher
from bot.ingest import NewStory
from bot.poll import PollReport


def poll_command(args: argparse.Namespace) -> int:
    """Poll once, print each new story, then the summary line on stderr."""
    context = open_context(args.config)
    report = asyncio.run(poll_once(context))
    for new in report.new:
        print(story_json(new) if args.json else story_text(new))
    print(report.summary(), file=sys.stderr)
    return 0


async def poll_once(context: Context) -> PollReport:
    """One poll cycle with a fetcher that lives as long as the cycle."""
    async with Fetcher(fetch_limits(context.settings)) as fetcher:
        return await make_poller(context, fetcher).poll_due()


def story_json(new: NewStory) -> str:
    """The story as one JSON object (the `poll --json` contract)."""
    story = new.story
    return json.dumps({
        "id": new.id, "feed": story.feed_url, "source": story.source, "title": story.title,
        "summary": story.summary, "link": story.link, "published": story.published.isoformat(),
    }, ensure_ascii=False)


def story_text(new: NewStory) -> str:
    """The story for a person: source, title, link."""
    story = new.story
    return f"[{story.source}] {story.title}\n    {story.link or '(no link)'}"
