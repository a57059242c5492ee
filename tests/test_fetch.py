"""The fetcher against a real loopback server: what an operator sees when a feed misbehaves."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from bot import __version__
from bot.ingest.addresses import check_public
from bot.ingest.fetch import Fetcher, FetchLimits, FetchResult, parse_retry_after
from tests.support.feedserver import FeedServer, make_fixture, unused_port

feed_server = make_fixture()

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Front</title></channel></rss>"
LAST_MODIFIED = "Mon, 03 Mar 2025 08:00:00 GMT"
FAST = FetchLimits(timeout=0.5, allow_private_hosts=True)
LONG_LABEL_HOST = "x" * 64 + ".invalid"  # refused by the local resolver: no DNS packet sent


T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def fetch(url: str, limits: FetchLimits = FAST, **kwargs: Any) -> FetchResult:
    """One fetch with a fresh fetcher, as a poll would do it."""

    async def go() -> FetchResult:
        async with Fetcher(limits) as fetcher:
            return await fetcher.fetch(url, **kwargs)

    return run(go())


class LoopbackOnly(httpx.AsyncHTTPTransport):
    """A safety net: should the check under test let a hop through, we still stay on 127.0.0.1."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != "127.0.0.1":
            raise httpx.ConnectError(f"test guard: no connection to {request.url.host}")
        return await super().handle_async_request(request)


def fetch_first_hop_allowed(url: str) -> FetchResult:
    """Fetch with private hosts refused except the test server's own 127.0.0.1."""

    async def go() -> FetchResult:
        async with httpx.AsyncClient(transport=LoopbackOnly(), trust_env=False) as client:
            fetcher = Fetcher(FetchLimits(timeout=0.5), client, allow_loopback_literal)
            return await fetcher.fetch(url)

    return run(go())


async def allow_loopback_literal(host: str, port: int) -> str | None:
    """The address check of a test: the feed server's 127.0.0.1 is fine, the rest is real."""
    return None if host == "127.0.0.1" else await check_public(host, port)


def test_200_gives_body_validators_and_lower_case_headers(feed_server: FeedServer) -> None:
    route = feed_server.add("/feed", FEED, last_modified=LAST_MODIFIED)
    result = fetch(feed_server.url("/feed"))
    assert (result.status, result.body, result.error) == (200, FEED, None)
    assert result.etag == route.current_etag()
    assert result.last_modified == LAST_MODIFIED
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert result.final_url == result.url == feed_server.url("/feed")


def test_etag_sent_back_gives_304_without_body(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED)
    first = fetch(feed_server.url("/feed"))
    second = fetch(feed_server.url("/feed"), etag=first.etag)
    assert feed_server.headers_of("/feed")["if-none-match"] == first.etag
    assert second.not_modified and second.ok and second.body is None
    assert second.etag == first.etag


def test_changed_body_changes_etag_and_is_fetched_again(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED)
    first = fetch(feed_server.url("/feed"))
    feed_server.set_body("/feed", FEED.replace(b"Front", b"Une"))
    second = fetch(feed_server.url("/feed"), etag=first.etag)
    assert second.status == 200 and second.body is not None and b"Une" in second.body
    assert second.etag != first.etag


def test_last_modified_sent_back_gives_304(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED, etag=False, last_modified=LAST_MODIFIED)
    result = fetch(feed_server.url("/feed"), last_modified=LAST_MODIFIED)
    assert feed_server.headers_of("/feed")["if-modified-since"] == LAST_MODIFIED
    assert result.not_modified and result.last_modified == LAST_MODIFIED and result.etag is None


def test_user_agent_names_vigie_and_version(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED)
    fetch(feed_server.url("/feed"))
    assert f"Vigie/{__version__}" in feed_server.headers_of("/feed")["user-agent"]


@pytest.mark.parametrize(
    ("status", "error"),
    [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"),
     (500, "HTTP 500 Internal Server Error"), (502, "HTTP 502 Bad Gateway")],
)
def test_error_status_is_readable(feed_server: FeedServer, status: int, error: str) -> None:
    feed_server.add("/feed", b"oops", status=status)
    result = fetch(feed_server.url("/feed"))
    assert (result.status, result.error, result.body, result.retry_after) == (
        status, error, None, None)


def test_unknown_path_is_404(feed_server: FeedServer) -> None:
    assert fetch(feed_server.url("/nowhere")).error == "HTTP 404 Not Found"


@pytest.mark.parametrize(
    ("status", "header", "error"),
    [(429, 120, "HTTP 429 Too Many Requests"), (503, 30, "HTTP 503 Service Unavailable")],
)
def test_retry_after_seconds_parsed(
    feed_server: FeedServer, status: int, header: int, error: str
) -> None:
    feed_server.add("/feed", status=status, retry_after=header)
    result = fetch(feed_server.url("/feed"))
    assert (result.error, result.retry_after) == (error, float(header))


def test_retry_after_http_date_gives_seconds_to_wait(feed_server: FeedServer) -> None:
    feed_server.add("/feed", status=429, retry_after="Fri, 31 Dec 2100 23:59:59 GMT")
    result = fetch(feed_server.url("/feed"))
    assert result.retry_after is not None and result.retry_after > 365 * 24 * 3600


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120.0), (" 0 ", 0.0), ("Wed, 01 Jan 2025 00:02:00 GMT", 120.0),
     ("Tue, 31 Dec 2024 23:00:00 GMT", 0.0), ("soon", None), ("-5", None), ("", None),
     (None, None)],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, datetime(2025, 1, 1, tzinfo=UTC)) == seconds


def test_slow_headers_time_out(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED, delay=5.0)
    assert fetch(feed_server.url("/feed")).error == "timed out after 0.5 s"


def test_slow_drip_body_gives_up_at_total_timeout(feed_server: FeedServer) -> None:
    # one byte every 0.1 s: each read is quick, so only a total deadline stops it
    feed_server.add("/feed", FEED, chunk_delay=0.1)
    result = fetch(feed_server.url("/feed"))
    assert result.error == "timed out after 0.5 s" and result.body is None


def test_body_over_cap_is_aborted(feed_server: FeedServer) -> None:
    feed_server.add("/feed", b"<rss>" + b"a" * 5000 + b"</rss>")
    limits = FetchLimits(timeout=0.5, max_bytes=1000, allow_private_hosts=True)
    result = fetch(feed_server.url("/feed"), limits)
    assert (result.error, result.body) == ("body over the 1 kB cap", None)


def test_lying_content_length_over_cap_is_refused_before_reading(feed_server: FeedServer) -> None:
    feed_server.add("/feed", b"<rss/>", headers={"Content-Length": "99999999"}, delay=0.0)
    result = fetch(feed_server.url("/feed"), FetchLimits(max_bytes=1000, allow_private_hosts=True))
    assert result.error == "body over the 1 kB cap"


def test_endless_body_is_aborted_at_cap(feed_server: FeedServer) -> None:
    feed_server.add("/feed", b"<item>" * 1000, endless=True)
    limits = FetchLimits(timeout=5.0, max_bytes=200_000, allow_private_hosts=True)
    assert fetch(feed_server.url("/feed"), limits).error == "body over the 200 kB cap"


def test_gzip_body_is_decoded(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED, gzip=True)
    result = fetch(feed_server.url("/feed"))
    assert result.body == FEED and "content-encoding" not in result.headers


def test_gzip_bomb_is_bounded_by_decoded_size(feed_server: FeedServer) -> None:
    feed_server.add("/feed", b"\0" * 5_000_000, gzip=True)  # ~5 kB on the wire
    limits = FetchLimits(timeout=5.0, max_bytes=100_000, allow_private_hosts=True)
    assert fetch(feed_server.url("/feed"), limits).error == "body over the 100 kB cap"


def test_redirect_followed_with_relative_location(feed_server: FeedServer) -> None:
    feed_server.add("/new/feed", FEED)
    feed_server.redirect("/old", "/new/feed", status=301)
    result = fetch(feed_server.url("/old"), etag='"stale"')
    assert (result.status, result.body) == (200, FEED)
    assert result.final_url == feed_server.url("/new/feed")
    assert feed_server.headers_of("/new/feed")["if-none-match"] == '"stale"'


def test_redirect_loop(feed_server: FeedServer) -> None:
    feed_server.redirect("/a", feed_server.url("/b"))
    feed_server.redirect("/b", "/a")
    result = fetch(feed_server.url("/a"))
    assert result.error == "redirect loop" and feed_server.hits["/a"] == 1


@pytest.mark.parametrize(("hops", "error"), [(5, None), (6, "too many redirects (>5)")])
def test_redirect_limit(feed_server: FeedServer, hops: int, error: str | None) -> None:
    for n in range(hops):
        feed_server.redirect(f"/r{n}", f"/r{n + 1}", status=307)
    feed_server.add(f"/r{hops}", FEED)
    assert fetch(feed_server.url("/r0")).error == error


def test_loopback_feed_refused_when_private_hosts_not_allowed(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED)
    result = fetch(feed_server.url("/feed"), FetchLimits(timeout=0.5))
    assert result.error == "refused: host resolves to a loopback address 127.0.0.1"
    assert feed_server.hits["/feed"] == 0


@pytest.mark.parametrize(
    ("target", "error"),
    [("http://169.254.169.254/latest/meta-data/",
      "refused: host resolves to a link-local address 169.254.169.254"),
     ("http://10.1.2.3:8080/admin", "refused: host resolves to a private address 10.1.2.3"),
     ("http://[::ffff:127.0.0.1]/", "refused: host resolves to a loopback address 127.0.0.1"),
     ("file:///etc/passwd", "refused: redirect to unsupported scheme 'file'")],
)
def test_redirect_into_private_address_refused(
    feed_server: FeedServer, target: str, error: str
) -> None:
    feed_server.redirect("/feed", target)
    result = fetch_first_hop_allowed(feed_server.url("/feed"))
    assert result.error == error and result.status is None


def test_connection_refused_is_readable() -> None:
    result = fetch(f"http://127.0.0.1:{unused_port()}/feed")
    assert (result.error, result.status) == ("connection refused", None)


def test_connection_reset_is_readable(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED, reset=True)
    error = fetch(feed_server.url("/feed")).error
    assert error in ("connection reset by the server",
                     "the server broke the connection: Server disconnected without sending a"
                     " response.")


def test_tls_to_a_plain_http_server_is_a_tls_error(feed_server: FeedServer) -> None:
    feed_server.add("/feed", FEED)
    result = fetch(feed_server.url("/feed").replace("http:", "https:"))
    assert result.error is not None and result.error.startswith("TLS error: ")


@pytest.mark.parametrize("allow_private", [True, False])
def test_unresolvable_host_is_readable(allow_private: bool) -> None:
    limits = FetchLimits(timeout=2.0, allow_private_hosts=allow_private)
    result = fetch(f"http://{LONG_LABEL_HOST}/feed", limits)
    assert result.error == f"cannot resolve host {LONG_LABEL_HOST}"


def _resolvers_are_local() -> bool:
    """Whether a DNS query would stay on this machine (only loopback name servers)."""
    try:
        lines = Path("/etc/resolv.conf").read_text().splitlines()
    except OSError:
        return False
    servers = [line.split()[1] for line in lines if line.startswith("nameserver ")]
    return all(ipaddress.ip_address(s.split("%")[0]).is_loopback for s in servers)


@pytest.mark.skipif(not _resolvers_are_local(), reason="a .invalid lookup would leave the host")
def test_dot_invalid_host_is_readable() -> None:
    result = fetch("http://feed.invalid/rss", FetchLimits(timeout=2.0))
    assert result.error == "cannot resolve host feed.invalid"


@pytest.mark.parametrize(
    ("url", "error"),
    [("ftp://127.0.0.1/feed", "unsupported URL scheme (only http and https)"),
     ("http://[::1/feed", "invalid URL: Invalid port: ':1'")],
)
def test_bad_url_is_readable(url: str, error: str) -> None:
    assert fetch(url).error == error


@pytest.mark.parametrize(
    ("host", "reason"),
    [("127.0.0.1", "refused: host resolves to a loopback address 127.0.0.1"),
     ("127.1", "refused: host resolves to a loopback address 127.0.0.1"),
     ("[::1]", "refused: host resolves to a loopback address ::1"),
     ("::ffff:10.0.0.1", "refused: host resolves to a private address 10.0.0.1"),
     ("2002:a00:1::1", "refused: host resolves to a private address 10.0.0.1"),
     ("10.0.0.1", "refused: host resolves to a private address 10.0.0.1"),
     ("172.16.5.4", "refused: host resolves to a private address 172.16.5.4"),
     ("192.168.1.1", "refused: host resolves to a private address 192.168.1.1"),
     ("169.254.169.254", "refused: host resolves to a link-local address 169.254.169.254"),
     ("fe80::1", "refused: host resolves to a link-local address fe80::1"),
     ("fd00::1", "refused: host resolves to a private address fd00::1"),
     ("224.0.0.251", "refused: host resolves to a multicast address 224.0.0.251"),
     ("240.0.0.1", "refused: host resolves to a reserved address 240.0.0.1"),
     ("0.0.0.0", "refused: host resolves to an unspecified address 0.0.0.0"),
     ("::", "refused: host resolves to an unspecified address ::"),
     ("100.64.0.1", "refused: host resolves to a non-public address 100.64.0.1"),
     ("localhost", "refused: host resolves to a loopback address "),
     (LONG_LABEL_HOST, f"cannot resolve host {LONG_LABEL_HOST}"),
     ("93.184.215.14", None), ("2001:4860:4860::8888", None), ("[2606:4700::1111]", None)],
)
def test_check_public(host: str, reason: str | None) -> None:
    found = run(check_public(host, 80))
    assert found == reason if reason is None else (found or "").startswith(reason)
