"""Refuse feeds whose host resolves to a non-public address (server-side request forgery).

A feed URL is typed by a chat user; without this check the bot could be made to fetch
http://169.254.169.254/ (cloud metadata), a router's admin page or a database on loopback.
Every address the name resolves to is checked, because the connection may use any of them.
Known limit: the name is resolved again by the HTTP client, so a DNS answer that changes
between the check and the connection (rebinding) is not caught here.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from bot.core.config import url_fault
from bot.core.texts import ENGLISH, Texts, plain

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_URL = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}
AddressCheck = Callable[[str, int], Awaitable[str | None]]
"""An async (host, port) -> refusal reason or None; the Fetcher takes one to allow tests in."""


Refusal = Literal["too_long", "not_http", "no_host", "bad_port", "not_public"]
"""The `refused_*` texts, one per reason a URL may not become a feed."""


@dataclass(frozen=True)
class AddressProblem:
    """Why a URL may not become a feed: a `refused_*` text's key and what it names, so that
    each reader gets it in their language (a chat's, or English on the command line)."""

    reason: Refusal
    url: str
    host: str = ""
    address: str = ""
    kind: str = ""

    def said(self, t: Texts, render: Callable[..., str] = plain) -> str:
        """One clause in `t`'s language; `render` is `fill` for a chat's HTML."""
        kind = getattr(t, f"address_{self.kind}") if self.kind else ""
        return render(getattr(t, f"refused_{self.reason}"), url=self.url, host=self.host,
                      address=self.address, kind=kind, limit=MAX_URL)


async def feed_address_problem(url: str, allow_private: bool) -> AddressProblem | None:
    """Why `url` may not become a feed, or None.

    The one check of /addfeed, `vigie feeds add` and `vigie feeds import`. A name that does not
    resolve passes: the first poll says so, and an import made offline keeps the whole list.
    """
    fault: Refusal | None = "too_long" if len(url) > MAX_URL else url_fault(url)
    if fault or allow_private:
        return None if fault is None else AddressProblem(fault, url)
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return AddressProblem("bad_port", url)
    host = parts.hostname or ""
    found = await non_public_address(host, port)
    return None if found is None else AddressProblem("not_public", url, host, *found)


async def non_public_address(host: str, port: int) -> tuple[str, str] | None:
    """The first (address, kind) of `host` that is not public, or None (also when `host`
    does not resolve: the fetch says so)."""
    return first_non_public(await _resolve(host, port) or [])


async def check_public(host: str, port: int) -> str | None:
    """Why `host` must not be fetched, in English for the poll's log, or None when every
    address it has is public (the fetcher's check, made again at each connection)."""
    addresses = await _resolve(host, port)
    if not addresses:
        return f"cannot resolve host {host}"
    found = first_non_public(addresses)
    if found is None:
        return None
    kind = getattr(ENGLISH, f"address_{found[1]}")
    return f"refused: host resolves to {kind} address {found[0]}"


async def _resolve(host: str, port: int) -> list[str] | None:
    """Every address `host` resolves to, or None when it does not resolve."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host.strip("[]"), port,
                                                             type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    return [str(info[4][0]) for info in infos]


def first_non_public(addresses: list[str]) -> tuple[str, str] | None:
    """The first (address, kind) that is not public; IPv4 hidden in IPv6 is unwrapped."""
    for address in addresses:
        ip = _unwrap(ipaddress.ip_address(address.split("%", 1)[0]))
        kind = _kind(ip)
        if kind is not None:
            return str(ip), kind
    return None


def _unwrap(ip: IPAddress) -> IPAddress:
    """The IPv4 address carried by an IPv4-mapped or 6to4 IPv6 address, else `ip` itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        return ip.ipv4_mapped or ip.sixtofour or ip
    return ip


def _kind(ip: IPAddress) -> str | None:
    """The first non-public category `ip` falls in (an `address_*` text's key); specific
    ones first, as they overlap."""
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link_local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non_public", not ip.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)
