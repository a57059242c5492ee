"""A loopback HTTP server for the bundled sample bulletins (the demo's feed hosts).

The samples are written as of `WRITTEN_AT`; the server moves every `<pubDate>` by the time
between then and the clock it is given, once at start, so the demo shows the same fresh news
on any date (and under any clock a test injects), and answers a second poll with 304.
"""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from bot.core.clock import Clock, utcnow

WRITTEN_AT = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
"""The moment the sample bulletins read as "now"."""

_PUB_DATE = re.compile(r"<pubDate>([^<]{1,64})</pubDate>")


def samples_dir() -> Path:
    """Where the sample bulletins are installed."""
    return Path(str(resources.files("bot") / "samples"))


def shift_dates(body: str, shift: timedelta) -> str:
    """Every RFC 822 `<pubDate>` moved by `shift`, in its own time zone."""
    def moved(match: re.Match[str]) -> str:
        when = parsedate_to_datetime(match.group(1)) + shift
        return f"<pubDate>{format_datetime(when)}</pubDate>"
    return _PUB_DATE.sub(moved, body)


def _rendered(directory: Path, shift: timedelta) -> dict[str, bytes]:
    """Each sample's body, dated for the run, by its URL path."""
    return {f"/{path.name}": shift_dates(path.read_text("utf-8"), shift).encode("utf-8")
            for path in sorted(directory.glob("*.xml"))}


class _Handler(BaseHTTPRequestHandler):
    """GET with an ETag; quiet, so the demo's output stays readable."""

    bodies: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        body = self.bodies.get(self.path)
        if body is None:
            self.send_error(404)
            return
        tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        fresh = self.headers.get("If-None-Match") == tag
        self.send_response(304 if fresh else 200)
        self.send_header("ETag", tag)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", "0" if fresh else str(len(body)))
        self.end_headers()
        if not fresh:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        return


class SampleServer:
    """Serves the samples, dated relative to `clock()`, while the `with` block runs."""

    def __init__(self, directory: Path | None = None, clock: Clock = utcnow) -> None:
        shift = (clock() - WRITTEN_AT).total_seconds() // 60 * 60  # whole minutes
        bodies = _rendered(directory or samples_dir(), timedelta(seconds=shift))
        handler = type("SampleHandler", (_Handler,), {"bodies": bodies})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        """The URL of one served file."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}"

    def __enter__(self) -> SampleServer:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
