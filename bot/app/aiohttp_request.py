"""python-telegram-bot's requests over aiohttp instead of httpx: PTB stays the client.

Why (benchmarks/fanout.py, the plain phase, loopback fake in its own process): one
send_message costs about 1.1 ms of CPU through HTTPXRequest (httpcore scans its pool, anyio
wraps every socket call) and about 0.2 ms through this class (aiohttp's C HTTP parser), so
the CPU, not Telegram's 1,000/s cap, set the paid-broadcast rate.

Errors map as HTTPXRequest maps them: a timeout (connecting, waiting for a pooled
connection, reading) is telegram.error.TimedOut, any other transport failure is
telegram.error.NetworkError; Telegram's own answers are parsed by BaseRequest.
"""

from __future__ import annotations

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


def _or(value: ODVInput[float], default: float | None) -> float | None:
    """A per-call timeout, or this request's own when the call left it at PTB's default."""
    return default if isinstance(value, DefaultValue) else value


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a pool of `connection_pool_size` keep-alive connections.

    aiohttp has no write timeout: a write that stalls is bounded by the read timeout that
    follows it. `trust_env` reads proxy variables (never for a Bot API on loopback).
    """

    def __init__(self, connection_pool_size: int = 1, read_timeout: float | None = 5.0,
                 connect_timeout: float | None = 5.0, pool_timeout: float | None = 1.0,
                 trust_env: bool = False) -> None:
        self._pool = connection_pool_size
        self._read, self._connect, self._wait = read_timeout, connect_timeout, pool_timeout
        self._trust_env = trust_env
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    @property
    def read_timeout(self) -> float | None:
        """The read timeout PTB adds getUpdates' long-poll timeout to."""
        return self._read

    async def initialize(self) -> None:
        """Open the session (in the running event loop, as aiohttp requires)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool)
            self._session = aiohttp.ClientSession(connector=connector,
                                                  trust_env=self._trust_env)
            self._closed = False

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._closed = True

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
                         ) -> tuple[int, bytes]:
        """One HTTP request; (status, body) whatever the status, as BaseRequest expects."""
        session = await self._open()
        timeout = self._timeout(read_timeout, connect_timeout, pool_timeout)
        try:
            async with session.request(method, url, data=_body(request_data), timeout=timeout,
                                       headers={"User-Agent": self.USER_AGENT}) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeouts are ClientErrors too
            raise TimedOut from error
        except aiohttp.ClientError as error:  # the URL holds the token: never in the message
            said = str(error).replace(url, "the Bot API URL")
            raise NetworkError(f"aiohttp.{type(error).__name__}: {said}") from error

    async def _open(self) -> aiohttp.ClientSession:
        if self._closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        if self._session is None or self._session.closed:
            await self.initialize()
        assert self._session is not None
        return self._session

    def _timeout(self, read: ODVInput[float], connect: ODVInput[float],
                 pool: ODVInput[float]) -> aiohttp.ClientTimeout:
        """aiohttp's `connect` covers waiting for a pooled connection and opening one."""
        sock_connect = _or(connect, self._connect)
        wait = _or(pool, self._wait)
        total_connect = None if sock_connect is None or wait is None else sock_connect + wait
        return aiohttp.ClientTimeout(total=None, connect=total_connect,
                                     sock_connect=sock_connect, sock_read=_or(read, self._read))


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Form fields as PTB encodes them; a multipart form when the call uploads files."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    files = request_data.multipart_data
    if not files:
        return fields
    form = aiohttp.FormData(fields)
    for name, (filename, content, mime) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime)
    return form
