"""Unchanged feeds keep their connection: a 304 must not cost a new TCP (and TLS) handshake.

The shared feed server speaks HTTP/1.0 (one connection per request), so this file runs its own
keep-alive HTTP/1.1 server on 127.0.0.1 that counts the connections it accepts.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.ingest.fetch import Fetcher, FetchLimits

ETAG = '"v1"'
SINCE = "Mon, 03 Mar 2025 08:00:00 GMT"


class KeepAliveServer:
    """Answers 304 when the request carries our validators, else 200; counts connections."""

    def __init__(self) -> None:
        self.connections = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
                writer.write(answer(ETAG.lower() in head or SINCE.lower() in head))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def answer(unchanged: bool) -> bytes:
    """A 304 with its validators (no body), or a small 200."""
    if unchanged:
        return f"HTTP/1.1 304 Not Modified\r\nETag: {ETAG}\r\n\r\n".encode()
    return f"HTTP/1.1 200 OK\r\nETag: {ETAG}\r\nContent-Length: 6\r\n\r\n<rss/>".encode()


async def polls_of_one_feed(validators: dict[str, Any], polls: int) -> tuple[list[int], int]:
    """Statuses of `polls` fetches of one feed by one fetcher, and the connections they took."""
    site = KeepAliveServer()
    server = await asyncio.start_server(site.handle, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/feed.xml"
    statuses = []
    async with server, Fetcher(FetchLimits(timeout=5, allow_private_hosts=True)) as fetcher:
        for _ in range(polls):
            result = await fetcher.fetch(url, **validators)
            assert result.ok, result.error
            statuses.append(result.status or 0)
    return statuses, site.connections


@pytest.mark.parametrize(
    "validators",
    [{"etag": ETAG}, {"last_modified": SINCE}, {"etag": ETAG, "last_modified": SINCE}],
    ids=["etag", "last-modified", "both"],
)
def test_unchanged_polls_reuse_one_connection(validators: dict[str, Any]) -> None:
    statuses, connections = asyncio.run(polls_of_one_feed(validators, 3))
    assert statuses == [304, 304, 304]
    assert connections == 1


def test_changed_feed_also_reuses_its_connection() -> None:
    statuses, connections = asyncio.run(polls_of_one_feed({}, 2))
    assert statuses == [200, 200]
    assert connections == 1
