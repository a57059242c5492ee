"""A real HTTP server on 127.0.0.1 that serves the feeds tests register, and misbehaves on cue.

Tests talk to it with the real httpx client, so what they prove holds on the wire: ETag and
Last-Modified answered with 304, 429/503 with Retry-After, slow headers, a body dripped a
chunk at a time, an endless body, gzip (bombs included), redirects and connection resets.
It counts hits and records request headers per path.

    with FeedServer() as server:
        server.add("/feed.xml", b"<rss>...</rss>")
        url = server.url("/feed.xml")

or, in a conftest or test module: `feed_server = make_fixture()`.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

RSS = "application/rss+xml; charset=utf-8"


@dataclass
class Route:
    """What one path answers. Mutable: change `body` and the derived ETag follows."""

    body: bytes = b""
    content_type: str = RSS
    etag: str | bool = True  # True: derived from the body; False: none; str: this one
    last_modified: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunk_delay: float | None = None  # seconds between body chunks of `chunk_size` bytes
    chunk_size: int = 1
    retry_after: float | str | None = None
    gzip: bool = False
    endless: bool = False  # repeat `body` until the client hangs up
    reset: bool = False  # reset the connection instead of answering

    def current_etag(self) -> str | None:
        """The ETag sent with this route's answers, if any."""
        if self.etag is True:
            return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'
        return self.etag or None


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it; header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]


class FeedServer:
    """A threaded HTTP/1.0 server on 127.0.0.1, port chosen by the system."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = _Server(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def __enter__(self) -> FeedServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Wake sleeping handlers, stop serving and join every thread; idempotent."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str) -> str:
        """The full URL of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes = b"", **options: Any) -> Route:
        """Serve `path`; options are Route's fields (content_type, etag, status, delay, ...)."""
        route = Route(body=body, **options)
        self.routes[path] = route
        return route

    def redirect(self, path: str, to_url: str, status: int = 302) -> Route:
        """Answer `path` with a redirect to `to_url` (absolute or relative)."""
        return self.add(path, status=status, etag=False, headers={"Location": to_url})

    def set_body(self, path: str, body: bytes) -> None:
        """Change what `path` serves (its derived ETag changes with it)."""
        self.routes[path].body = body

    def headers_of(self, path: str, index: int = -1) -> dict[str, str]:
        """The headers of a request made to `path` (the last one by default)."""
        with self._lock:
            return [r for r in self.requests if r.path == path][index].headers

    def record(self, handler: BaseHTTPRequestHandler) -> str:
        """Count and remember the request; return its path without the query."""
        path = urlsplit(handler.path).path
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.hits[path] += 1
            self.requests.append(Recorded(handler.command, path, headers))
        return path

    def serve(self, handler: _Handler) -> None:
        """Answer one request according to its route."""
        route = self.routes.get(self.record(handler))
        if route is None:
            route = Route(body=b"no such feed", status=404, etag=False, content_type="text/plain")
        if self._stop.wait(route.delay):
            return
        if route.reset:
            self._httpd.to_reset.add(handler.request)
        elif route.status == 200 and _not_modified(route, handler):
            _send_head(handler, route, 304, None)
        else:
            self._send(handler, route)

    def _send(self, handler: _Handler, route: Route) -> None:
        """Status, headers and body, the body sent the way the route says."""
        body = gzip.compress(route.body, mtime=0) if route.gzip else route.body
        _send_head(handler, route, route.status, None if route.endless else len(body))
        if route.endless:
            while not self._stop.is_set():
                handler.wfile.write(body or b" ")
        elif route.chunk_delay is not None:
            for start in range(0, len(body), route.chunk_size):
                handler.wfile.write(body[start : start + route.chunk_size])
                if self._stop.wait(route.chunk_delay):
                    return
        else:
            handler.wfile.write(body)


def _not_modified(route: Route, handler: BaseHTTPRequestHandler) -> bool:
    """Whether the request's validators match: If-None-Match first, as RFC 9110 says."""
    etag, wanted = route.current_etag(), handler.headers.get("If-None-Match")
    if wanted is not None:
        tags = [tag.strip() for tag in wanted.split(",")]
        return etag is not None and ("*" in tags or etag in tags)
    since = handler.headers.get("If-Modified-Since")
    if not since or not route.last_modified:
        return False
    try:
        return parsedate_to_datetime(since) >= parsedate_to_datetime(route.last_modified)
    except (TypeError, ValueError):
        return False


def _send_head(
    handler: BaseHTTPRequestHandler, route: Route, status: int, length: int | None
) -> None:
    """The status line and headers; the route's own headers override the derived ones."""
    handler.send_response(status)
    for name, value in _head(route, status, length).values():
        handler.send_header(name, value)
    handler.end_headers()


def _head(route: Route, status: int, length: int | None) -> dict[str, tuple[str, str]]:
    """Headers by lower-case name, for one answer of `route`."""
    derived = {"Content-Type": route.content_type, "ETag": route.current_etag(),
               "Last-Modified": route.last_modified}
    if status != 304:
        derived["Content-Length"] = None if length is None else str(length)
        derived["Content-Encoding"] = "gzip" if route.gzip else None
        derived["Retry-After"] = _retry_after_text(route.retry_after)
    merged = {k.lower(): (k, v) for k, v in derived.items() if v is not None}
    merged.update({k.lower(): (k, v) for k, v in route.headers.items()})
    return merged


def _retry_after_text(value: float | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return f"{value:g}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10  # a client that stalls cannot hold a handler thread for ever

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches on
        self.server.feed.serve(self)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    """Joins its handler threads on close; resets the connections a route asked to reset."""

    daemon_threads = False
    request_queue_size = 128  # many feeds fetched at once must not be dropped by the backlog
    block_on_close = True

    def __init__(self, feed: FeedServer) -> None:
        self.feed = feed
        self.to_reset: set[socket.socket] = set()
        super().__init__(("127.0.0.1", 0), _Handler)

    def shutdown_request(self, request: Any) -> None:
        if request in self.to_reset:
            self.to_reset.discard(request)
            request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_request(request)  # close without FIN: the client sees a reset
            return
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up mid-body is what several tests do on purpose."""


def unused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (for 'connection refused')."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_fixture(name: str = "feed_server") -> Callable[[], Iterator[FeedServer]]:
    """A pytest fixture that yields a running FeedServer and closes it after the test."""
    import pytest

    @pytest.fixture(name=name)
    def _fixture() -> Iterator[FeedServer]:
        with FeedServer() as server:
            yield server

    return _fixture
