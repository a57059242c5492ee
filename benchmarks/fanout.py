"""Fan-out: one matching story to every subscribed chat, through the outbox and the sender.

The whole path a real alert takes: Pipeline.ingest writes one outbox row per chat (one
transaction), then Sender.drain renders each row from SQLite, paces it with our SendLimiter
and sends it with the real python-telegram-bot client to the fake Bot API, which enforces
Telegram's flood limits and answers 429 when they are broken.

The fake runs in a child process, so its HTTP work does not share our GIL and "CPU per
message" is the bot's own (the fake's is printed beside it).

Phases:
- at 30/s: the fake enforces Telegram's default 30 messages a second; 1,000 chats.
- at 1,000/s: the fake's cap raised to 1,000 a second (paid broadcast), our limiter too;
  10,000 chats.
- paced: the same bare sends paced by our SendLimiter at 1,000/s: the fair baseline for the
  sender at that cap (waking for each send costs CPU that an unpaced gather does not pay).
- plain: the same 10,000 sends as a bare `asyncio.gather` of send_message (no outbox, no
  rendering, no limiter, fake limits off), retried as the Sender retries (`decide`): the
  ceiling of client + fake on this machine.

Run: .venv/bin/python benchmarks/fanout.py [--chats 10000] [--chats-at-30 1000]
         [--concurrency 32] [--stub-sniffio] [--nagle] [--httpx]

The client is the bot's own (PTB over aiohttp, bot/app/aiohttp_request.py); --httpx runs every
phase over PTB's HTTPXRequest instead, the client before it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PTB_TIMEDELTA", "true")

from telegram.error import TelegramError  # noqa: E402
from telegram.ext import ExtBot  # noqa: E402

from bot.app.aiohttp_request import AiohttpRequest  # noqa: E402
from bot.core.clock import utcnow  # noqa: E402
from bot.core.config import DedupSettings
from bot.core.models import Story  # noqa: E402
from bot.dedup.index import DedupIndex  # noqa: E402
from bot.deliver.alerts import RowRenderer  # noqa: E402
from bot.deliver.messenger import TelegramMessenger  # noqa: E402
from bot.deliver.ratelimit import SendLimiter  # noqa: E402
from bot.deliver.sender import Sender, decide  # noqa: E402
from bot.match.matcher import Matcher  # noqa: E402
from bot.match.topics import builtin_topics  # noqa: E402
from bot.pipeline import Pipeline  # noqa: E402
from storage.chats import register_chat, subscribe  # noqa: E402
from storage.db import open_database, transaction  # noqa: E402
from storage.destinations import placement_of  # noqa: E402
from storage.outbox import status_counts  # noqa: E402
from tests.support import fakebot  # noqa: E402
from tests.support.fakebot import FakeBotServer, Limits, local_request  # noqa: E402

TOKEN = "123456:BENCH-token"
NODELAY = "--nagle" not in sys.argv
HTTPX = "--httpx" in sys.argv
POOL = 64
UNLIMITED = Limits(per_second=1e9, chat_per_second=1e9, chat_burst=1e9, group_per_minute=1e9)


# --------------------------------------------------------------------------- the fake, aside


def serve_fake(conn: Connection) -> None:
    """Child process: run the fake Bot API; answer the parent's commands on `conn`."""
    if NODELAY:
        # http.server writes the headers and the body in two sends: with Nagle on, the body
        # waits for the client's delayed ACK (40 ms on Linux) and caps a connection at ~25/s.
        fakebot._Handler.disable_nagle_algorithm = True
    # One handler thread per connection: at the default 5 ms switch interval a request
    # waits for the GIL behind its neighbours, which is the fake's latency, not the bot's.
    sys.setswitchinterval(0.0002)
    with FakeBotServer(TOKEN) as fake:
        conn.send(fake.base_url)
        while True:
            command, argument = conn.recv()
            if command == "limits":
                fake.set_limits(argument)
                conn.send(None)
            elif command == "stats":
                chats = Counter(m.chat_id for m in fake.sent() if m.chat_id in argument)
                conn.send((dict(chats), fake.count_429, time.process_time()))
            else:
                conn.send(None)
                return


class RemoteFake:
    """The parent's handle on the fake in its child process."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve_fake, args=(child,), daemon=True)
        self.process.start()
        self.base_url: str = self.conn.recv()

    def ask(self, command: str, argument: Any = None) -> Any:
        self.conn.send((command, argument))
        return self.conn.recv()

    def close(self) -> None:
        self.ask("stop")
        self.process.join(timeout=10)


# --------------------------------------------------------------------------- phases


@dataclass
class Result:
    phase: str
    messages: int
    seconds: float
    msgs_per_s: float
    cpu_ms_per_msg: float
    fake_cpu_ms_per_msg: float
    lost: int
    duplicates: int
    http_429: int
    not_sent_in_db: int


def make_bot(fake: RemoteFake, pool: int = POOL) -> ExtBot[None]:
    """The client as `vigie run` builds it: aiohttp under PTB, a pool of 64 connections
    (bot/app/telegram_app.py); with --httpx, PTB's own HTTPXRequest as before.

    httpcore scans every connection of its pool on each request; a pool far larger than the
    sends in flight (256 here once) costs about 1 ms of CPU per message for nothing."""
    request = (local_request(pool_size=pool) if HTTPX
               else AiohttpRequest(connection_pool_size=pool, read_timeout=5.0))
    return ExtBot(TOKEN, base_url=fake.base_url, request=request)


def prepare(db_path: Path, chats: list[int]) -> tuple[Any, float]:
    """A database with `chats` following nato and one NATO story ingested: the owed rows."""
    db = open_database(db_path)
    now = utcnow()
    with transaction(db):
        for chat in chats:
            register_chat(db, chat, "private", f"reader {chat}", None, now)
            subscribe(db, chat, "nato", now)
    story = Story(key="bench-1", feed_url="http://127.0.0.1/feed", source="Baltic Wire",
                  guid="1", link="https://baltic-wire.example/1",
                  title="NATO defence ministers agree to send more air defence to Ukraine",
                  summary="Ministers of the alliance met in Brussels on Thursday.",
                  published=now)
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    started = time.perf_counter()
    [ingested] = pipeline.ingest(None, [story], now)
    assert len(ingested.chats) == len(chats)
    return db, time.perf_counter() - started


def tally(phase: str, fake: RemoteFake, chats: list[int], seconds: float, cpu: float,
          fake_cpu: tuple[float, int], not_sent: int) -> Result:
    got, http_429, fake_after = fake.ask("stats", set(chats))
    n = len(chats)
    return Result(phase, n, round(seconds, 2), round(n / seconds, 1), round(cpu * 1000 / n, 3),
                  round((fake_after - fake_cpu[0]) * 1000 / n, 3),
                  sum(1 for c in chats if c not in got), sum(v - 1 for v in got.values()),
                  http_429 - fake_cpu[1], not_sent)


async def sender_phase(phase: str, fake: RemoteFake, limits: Limits, rate: float,
                       chats: list[int], workdir: Path, concurrency: int) -> Result:
    """Ingest one story for `chats`, then drain the outbox through the fake at `limits`."""
    db, ingest_s = prepare(workdir / f"{phase}.db", chats)
    fake.ask("limits", limits)
    _, before_429, fake_cpu = fake.ask("stats", set())
    async with make_bot(fake) as bot:
        sender = Sender(db, TelegramMessenger(bot), SendLimiter(rate, 1.0, 20.0),
                        RowRenderer(db), concurrency,
                        place=lambda row: placement_of(db, row))  # as the engine builds it
        cpu, wall = time.process_time(), time.perf_counter()
        while status_counts(db).get("pending"):  # a row put off by a 429 is retried
            if await sender.drain() == 0:
                await asyncio.sleep(0.2)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    not_sent = len(chats) - status_counts(db).get("sent", 0)
    db.close()
    print(f"  {phase}: ingest of one story for {len(chats)} chats: {ingest_s * 1000:.0f} ms",
          flush=True)
    return tally(phase, fake, chats, wall, cpu, (fake_cpu, before_429), not_sent)


async def send_retrying(bot: ExtBot[None], chat: int, text: str, tries: int = 5) -> None:
    """One send_message, retried on what Vigie retries (bot.deliver.sender.decide: 429, timeouts,
    network errors such as one httpx.ReadError): the baseline never dies on a transient error.
    The wait is the Sender's own, capped at 1 s: the fake is on loopback."""
    for attempt in range(tries):
        try:
            await bot.send_message(chat, text, parse_mode="HTML")
            return
        except TelegramError as error:
            decision = decide(error, attempt)
            if decision.action not in ("wait", "backoff") or attempt == tries - 1:
                raise
            await asyncio.sleep(min(decision.seconds, 1.0))


async def plain_phase(fake: RemoteFake, chats: list[int], concurrency: int = 32,
                      rate: float | None = None) -> Result:
    """The baseline: bare send_message calls, as many at once as the sender allows; paced by
    our SendLimiter at `rate` when given (what waking for every send at 1,000/s costs)."""
    fake.ask("limits", UNLIMITED)
    limiter = SendLimiter(rate, 1.0, 20.0) if rate else None
    _, before_429, fake_cpu = fake.ask("stats", set())
    gate = asyncio.Semaphore(concurrency)
    text = "<b>NATO</b> defence ministers agree to send more air defence to Ukraine"

    async def one(bot: ExtBot[None], chat: int) -> None:
        async with gate:
            if limiter is not None:
                await limiter.acquire(chat)
            await send_retrying(bot, chat, text)

    async with make_bot(fake) as bot:
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(one(bot, chat) for chat in chats))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    phase = f"paced_{rate:.0f}" if rate else "plain"
    return tally(phase, fake, chats, wall, cpu, (fake_cpu, before_429), 0)


def show(r: Result) -> None:
    print(f"  {r.phase:<10} {r.messages:>6} msgs {r.seconds:>7.2f} s {r.msgs_per_s:>7.1f} msg/s"
          f"  CPU {r.cpu_ms_per_msg:.3f} ms/msg (fake {r.fake_cpu_ms_per_msg:.3f})"
          f"  429s {r.http_429}  lost {r.lost}  dup {r.duplicates}"
          f"  not sent in db {r.not_sent_in_db}", flush=True)


async def main(at_1000: int, at_30: int, concurrency: int) -> None:
    fake = RemoteFake()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            print(f"fan-out through the fake Bot API ({fake.base_url}, own process)")
            slow = await sender_phase("at_30", fake, Limits(), 30.0,
                                      list(range(1, at_30 + 1)), workdir, concurrency)
            show(slow)
            fast = await sender_phase("at_1000", fake, Limits(per_second=1000), 1000.0,
                                      list(range(100_001, 100_001 + at_1000)), workdir,
                                      concurrency)
            show(fast)
            plain = await plain_phase(fake, list(range(200_001, 200_001 + at_1000)),
                                      concurrency)
            show(plain)
            paced = await plain_phase(fake, list(range(300_001, 300_001 + at_1000)),
                                      concurrency, 1000.0)
            show(paced)
    finally:
        fake.close()
    print(f"sender at 1,000/s vs plain gather: {fast.msgs_per_s / plain.msgs_per_s:.2f}x the "
          f"rate, {fast.cpu_ms_per_msg / plain.cpu_ms_per_msg:.2f}x the CPU per message")
    print(f"sender at 1,000/s vs plain paced at 1,000/s: "
          f"{fast.cpu_ms_per_msg / paced.cpu_ms_per_msg:.2f}x the CPU per message "
          f"(the outbox, rendering and bookkeeping: "
          f"{fast.cpu_ms_per_msg - paced.cpu_ms_per_msg:.3f} ms a message)")
    print(json.dumps({
        "msgs_per_s_at_30": slow.msgs_per_s, "msgs_per_s_at_1000": fast.msgs_per_s,
        "cpu_ms_per_msg": fast.cpu_ms_per_msg,
        "lost": slow.lost + fast.lost + slow.not_sent_in_db + fast.not_sent_in_db,
        "duplicates": slow.duplicates + fast.duplicates,
        "http_429": slow.http_429 + fast.http_429,
        "plain_msgs_per_s": plain.msgs_per_s, "plain_cpu_ms_per_msg": plain.cpu_ms_per_msg,
        "paced_msgs_per_s": paced.msgs_per_s, "paced_cpu_ms_per_msg": paced.cpu_ms_per_msg,
        "chats_at_30": at_30, "chats_at_1000": at_1000, "concurrency": concurrency,
        "sniffio_stubbed": sys.modules.get("sniffio", 0) is None, "fake_nodelay": NODELAY,
        "request": "httpx" if HTTPX else "aiohttp",
    }))


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=10_000, help="chats at the 1,000/s cap")
    parser.add_argument("--chats-at-30", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=32, help="the Sender's sends at once")
    parser.add_argument("--stub-sniffio", action="store_true",
                        help="make `import sniffio` fail fast, as if sniffio were installed")
    parser.add_argument("--nagle", action="store_true", help="leave Nagle on in the fake")
    parser.add_argument("--httpx", action="store_true",
                        help="PTB's HTTPXRequest instead of the bot's AiohttpRequest")
    return parser.parse_args()


if __name__ == "__main__":
    args = options()
    if args.stub_sniffio:
        # httpcore tries `import sniffio` on every request; when it is not installed the failed
        # import searches sys.path each time (about 1 ms of CPU per request here).
        sys.modules["sniffio"] = None  # type: ignore[assignment]
    asyncio.run(main(args.chats, args.chats_at_30, args.concurrency))
