"""Fetch feeds over HTTP: conditional GET, size and time limits, checked redirects.

A failing feed is a value, not an exception: `Fetcher.fetch` answers every network or HTTP
problem with a `FetchResult` whose `error` says what went wrong in words an operator can act
on, so one bad feed never stops a poll. Redirects are followed by hand so that every hop's
host is checked (a public feed must not bounce the bot into 127.0.0.1 or a metadata service).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from types import TracebackType

import httpx

from bot import __version__
from bot.ingest.addresses import AddressCheck, check_public

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
)
# Codings we inflate ourselves, within the cap (httpx would inflate a whole network chunk at
# once: 64 kB of gzipped zeros is 64 MB). We ask for no others.
ACCEPT_ENCODING = "gzip, deflate"
_INFLATE_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 47}  # 47: zlib or gzip header, detected
POOL_SIZE = 16
"""Connections one pool keeps: small, since each request costs a scan of them all squared."""
# Headers that describe the encoded transfer, not the decoded body we hand on.
_TRANSFER_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """What one fetch may cost; read from [polling] and [fetch] in the config."""

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private_hosts: bool = False
    pools: int = 1  # connection pools the feeds are spread over (see `new_clients`)
    user_agent: str = f"Vigie/{__version__} (+news alert bot)"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one fetch; `error` is None on success and on 304."""

    url: str
    final_url: str
    status: int | None = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after: float | None = None

    @property
    def not_modified(self) -> bool:
        """The server says the feed has not changed since the validators we sent."""
        return self.status == 304

    @property
    def ok(self) -> bool:
        """A body arrived or the feed is unchanged."""
        return self.error is None


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One feed to fetch with the validators stored from its last answer."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


class _Stop(Exception):
    """A hop ended the fetch with a reason (refused host, loop, too many redirects)."""


class Fetcher:
    """Fetches feeds with one shared httpx client; use as `async with Fetcher(limits) as f`."""

    def __init__(
        self,
        limits: FetchLimits,
        client: httpx.AsyncClient | None = None,
        address_check: AddressCheck = check_public,
    ) -> None:
        self.limits = limits
        self._owns_client = client is None
        self._clients = [client] if client else new_clients(limits)
        self._address_check = address_check

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client if this fetcher made it."""
        if self._owns_client:
            for client in self._clients:
                await client.aclose()

    def _client_for(self, url: str) -> httpx.AsyncClient:
        """The client of this feed: always the same one, so its connections are reused."""
        return self._clients[zlib.crc32(url.encode()) % len(self._clients)]

    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """Fetch `url`; never raises for a network or HTTP problem."""
        trail: list[str] = [url]
        sent = FetchRequest(url, etag, last_modified)
        try:
            async with asyncio.timeout(self.limits.timeout):
                return await self._follow(sent, trail)
        except (TimeoutError, httpx.TimeoutException):
            reason = f"timed out after {self.limits.timeout:g} s"
        except _Stop as stop:
            reason = str(stop)
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
            reason = describe(exc, host_of(trail[-1]))
        return FetchResult(url, trail[-1], error=reason)

    async def _follow(self, sent: FetchRequest, trail: list[str]) -> FetchResult:
        """GET each hop in turn until an answer that is not a redirect."""
        current = httpx.URL(sent.url)
        headers = self._headers(sent)
        client = self._client_for(sent.url)
        for hop in range(self.limits.max_redirects + 1):
            await self._check(current)
            async with client.stream("GET", current, headers=headers) as response:
                target = redirect_target(response)
                if target is None:
                    return await self._answer(sent, str(current), response)
            _check_hop(target, trail, hop, self.limits.max_redirects)
            current = target
        raise AssertionError("unreachable: _check_hop stops after max_redirects")

    def _headers(self, sent: FetchRequest) -> dict[str, str]:
        """Request headers: the validators for a 304; our own clients carry the rest already
        (built once, not merged anew for each request), a client passed in gets them here."""
        headers = {} if self._owns_client else base_headers(self.limits)
        if sent.etag:
            headers["If-None-Match"] = sent.etag
        if sent.last_modified:
            headers["If-Modified-Since"] = sent.last_modified
        return headers

    async def _check(self, url: httpx.URL) -> None:
        """Stop unless private hosts are allowed or this hop's host is public."""
        if self.limits.allow_private_hosts:
            return
        port = url.port or (443 if url.scheme == "https" else 80)
        reason = await self._address_check(url.host, port)
        if reason is not None:
            raise _Stop(reason)

    async def _answer(
        self, sent: FetchRequest, final: str, response: httpx.Response
    ) -> FetchResult:
        """Turn the last hop's response into a result, reading the body within the cap."""
        base = FetchResult(
            sent.url, final, response.status_code, None, public_headers(response.headers),
            response.headers.get("etag"), response.headers.get("last-modified"),
        )
        if response.status_code == 304:
            await _finish_empty(response)
            return _keep_validators(base, sent)
        if not response.is_success:
            return _http_error(base, response)
        body = await read_capped(response, self.limits.max_bytes)
        if body is None:
            return replace(base, error=f"body over the {size_text(self.limits.max_bytes)} cap")
        return replace(base, body=body)


def new_clients(limits: FetchLimits) -> list[httpx.AsyncClient]:
    """`limits.pools` clients sharing one TLS context, each feed always fetched by one of them.

    httpcore's pool scans all its connections for every idle one each time a request comes
    or goes (quadratic: 200 connections cost 15 ms of CPU per feed), so the connections are
    spread over small pools instead of one big one.
    """
    tls = httpx.create_ssl_context(trust_env=False)
    return [new_client(limits, tls) for _ in range(max(1, limits.pools))]


def new_client(limits: FetchLimits, tls: ssl.SSLContext | None = None) -> httpx.AsyncClient:
    """A client for feeds: no proxy from the environment, HTTP/1.1, redirects by hand."""
    return httpx.AsyncClient(
        trust_env=False,
        http2=False,
        follow_redirects=False,
        verify=tls or httpx.create_ssl_context(trust_env=False),
        timeout=httpx.Timeout(limits.timeout),
        headers=base_headers(limits),
        # the poll loop's semaphore bounds concurrency; a pool cap here would turn a big
        # batch into spurious pool timeouts. Idle connections are kept for the next feed.
        limits=httpx.Limits(max_connections=None, max_keepalive_connections=POOL_SIZE),
    )


def base_headers(limits: FetchLimits) -> dict[str, str]:
    """What every request says: who we are, what we accept."""
    return {"User-Agent": limits.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}


def host_of(url: str) -> str:
    """The host part of `url` for messages; the whole text if it does not parse."""
    try:
        return httpx.URL(url).host or url
    except (httpx.InvalidURL, ValueError):
        return url


def redirect_target(response: httpx.Response) -> httpx.URL | None:
    """Where a redirect points (relative Location resolved), or None if not a redirect."""
    location = response.headers.get("location")
    if response.status_code not in REDIRECTS or not location:
        return None
    return response.url.join(location)


def _check_hop(target: httpx.URL, trail: list[str], hop: int, max_redirects: int) -> None:
    """Stop on a non-HTTP target, a loop, or one redirect too many; else record the hop."""
    if target.scheme not in ("http", "https"):
        raise _Stop(f"refused: redirect to unsupported scheme {target.scheme!r}")
    if str(target) in trail:
        raise _Stop("redirect loop")
    if hop >= max_redirects:
        raise _Stop(f"too many redirects (>{max_redirects})")
    trail.append(str(target))


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes | None:
    """The decoded body, or None as soon as it (or its Content-Length) exceeds `max_bytes`.

    Compressed bodies are inflated here, never more than the cap allows at a time, so a gzip
    bomb costs the cap, not the gigabyte it would inflate to.
    """
    declared = response.headers.get("content-length", "")
    coding = response.headers.get("content-encoding", "").strip().lower()
    if declared.isdigit() and not coding and int(declared) > max_bytes:
        return None
    if coding in ("", "identity"):
        return await _read_plain(response, max_bytes)
    if coding not in _INFLATE_WBITS:
        raise httpx.DecodingError(f"unsupported content encoding {coding!r}")
    return await _read_inflated(response, max_bytes, _INFLATE_WBITS[coding])


async def _read_plain(response: httpx.Response, max_bytes: int) -> bytes | None:
    body = bytearray()
    async for chunk in response.aiter_raw():
        body += chunk
        if len(body) > max_bytes:
            return None
    return bytes(body)


async def _read_inflated(response: httpx.Response, max_bytes: int, wbits: int) -> bytes | None:
    """Inflate the raw body with at most `max_bytes + 1` bytes of output in all."""
    inflater = zlib.decompressobj(wbits)
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            pending = chunk
            while pending and not inflater.eof:
                body += inflater.decompress(pending, max_bytes + 1 - len(body))
                if len(body) > max_bytes:
                    return None
                pending = inflater.unconsumed_tail
        body += inflater.flush()
    except zlib.error as error:
        raise httpx.DecodingError(str(error)) from error
    return None if len(body) > max_bytes else bytes(body)


async def _finish_empty(response: httpx.Response) -> None:
    """Read a 304 to its end (it has no body): httpcore keeps a connection for the next feed
    only once the whole answer was read, else every unchanged poll costs a new connection
    (and a TLS handshake)."""
    async for _ in response.aiter_raw():
        pass


def public_headers(headers: httpx.Headers) -> dict[str, str]:
    """Lower-case response headers for feedparser, minus those about the (undone) encoding."""
    return {k.lower(): v for k, v in headers.items() if k.lower() not in _TRANSFER_HEADERS}


def _keep_validators(result: FetchResult, sent: FetchRequest) -> FetchResult:
    """A 304 may omit the validators; keep the ones we sent so the caller can store them."""
    return replace(
        result,
        etag=result.etag or sent.etag,
        last_modified=result.last_modified or sent.last_modified,
    )


def _http_error(result: FetchResult, response: httpx.Response) -> FetchResult:
    """An error status in words, with Retry-After when the server is asking us to wait."""
    retry_after = None
    if response.status_code in (429, 503):
        retry_after = parse_retry_after(response.headers.get("retry-after"), datetime.now(UTC))
    return replace(result, error=status_text(response.status_code), retry_after=retry_after)


def status_text(status: int) -> str:
    """'HTTP 404 Not Found'; an unknown code keeps just its number."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def size_text(n: int) -> str:
    """A byte count as people say it: '10 MB', '64 kB', '900 bytes'."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def describe(exc: BaseException, host: str) -> str:
    """One readable reason for a transport failure, from the root causes it wraps."""
    causes = list(_causes(exc))
    for cause in causes:
        if isinstance(cause, socket.gaierror | UnicodeError):
            return f"cannot resolve host {host}"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {_ssl_reason(cause)}"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
    return _transport_text(exc)


def _transport_text(exc: BaseException) -> str:
    """The reason for errors that carry no telling root cause."""
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "unsupported URL scheme (only http and https)"
    if isinstance(exc, httpx.InvalidURL | ValueError):
        return f"invalid URL: {exc}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the connection: {exc}"
    if isinstance(exc, httpx.DecodingError):
        return f"cannot decode the body: {exc}"
    return f"network error: {exc or type(exc).__name__}"


def _ssl_reason(error: ssl.SSLError) -> str:
    """The short part of an SSL error: the verify message, else OpenSSL's reason code."""
    verify = getattr(error, "verify_message", None)
    return str(verify or error.reason or error)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and everything it wraps: causes, contexts and exception-group members."""
    stack, seen = [exc], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
