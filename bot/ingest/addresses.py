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
from urllib.parse import urlsplit

from bot.core.config import url_problem

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_URL = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}
AddressCheck = Callable[[str, int], Awaitable[str | None]]
"""An async (host, port) -> refusal reason or None; the Fetcher takes one to allow tests in."""


async def feed_address_problem(url: str, allow_private: bool) -> str | None:
    """Why `url` may not become a feed, as one clause, or None.

    The one check of /addfeed, `vigie feeds add` and `vigie feeds import`. A name that does not
    resolve passes: the first poll says so, and an import made offline keeps the whole list.
    """
    if len(url) > MAX_URL:
        return f"a feed URL is at most {MAX_URL} characters long"
    problem = url_problem(url)
    if problem or allow_private:
        return problem
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return f"'{url}' has an invalid port"
    reason = await check_public(parts.hostname or "", port)
    if reason is None or reason.startswith("cannot resolve"):
        return None
    return (f"{parts.hostname} {reason.removeprefix('refused: host ')}, and Vigie fetches only "
            "public hosts (unless [fetch] allow_private_hosts = true)")


async def check_public(host: str, port: int) -> str | None:
    """Return why `host` must not be fetched, or None when every address it has is public."""
    name = host.strip("[]")
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return f"cannot resolve host {host}"
    for info in infos:
        reason = refusal(str(info[4][0]))
        if reason is not None:
            return reason
    return None if infos else f"cannot resolve host {host}"


def refusal(address: str) -> str | None:
    """Why this literal address is not public, or None; IPv4 hidden in IPv6 is unwrapped."""
    ip = _unwrap(ipaddress.ip_address(address.split("%", 1)[0]))
    kind = _kind(ip)
    return None if kind is None else f"refused: host resolves to {kind} address {ip}"


def _unwrap(ip: IPAddress) -> IPAddress:
    """The IPv4 address carried by an IPv4-mapped or 6to4 IPv6 address, else `ip` itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        return ip.ipv4_mapped or ip.sixtofour or ip
    return ip


def _kind(ip: IPAddress) -> str | None:
    """The first non-public category `ip` falls in; specific ones first, as they overlap."""
    checks = (
        ("an unspecified", ip.is_unspecified),
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a reserved", ip.is_reserved),
        ("a private", ip.is_private),
        ("a non-public", not ip.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)
