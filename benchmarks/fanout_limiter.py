"""Our SendLimiter against python-telegram-bot's AIORateLimiter, through the real client.

The fake Bot API enforces Telegram's limits (30/s overall, 1/s per chat with a burst of 3,
20/min per group) and answers 429 with retry_after. Each variant delivers the same messages;
a 429 is retried after retry_after (the outbox never drops a row), so every variant ends with
everything sent once and the difference is in time, 429s and CPU.

Phases: a fan-out to N distinct private chats at the real 30/s; then a burst of 10 to one
chat and of 25 to one group, with every rate (and retry_after) scaled by 10 to stay short.
"plain" is the baseline: no limiter, only retry on 429.

Run: PTB_TIMEDELTA=true .venv/bin/python benchmarks/fanout_limiter.py [N]
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PTB_TIMEDELTA", "true")

from telegram.error import RetryAfter  # noqa: E402
from telegram.ext import AIORateLimiter  # noqa: E402

from bot.deliver.ratelimit import SendLimiter, retry_after_seconds  # noqa: E402
from tests.support.fakebot import FakeBotServer, Limits, make_bot  # noqa: E402

SCALE = 10  # the burst phases run ten times faster than Telegram's limits
REAL = Limits()
SCALED = Limits(per_second=30 * SCALE, chat_per_second=SCALE, chat_burst=3,
                group_per_minute=20 * SCALE, group_burst=20, integer_retry_after=False)


@dataclass
class Result:
    variant: str
    phase: str
    messages: int
    seconds: float
    msgs_per_s: float
    http_429: int
    cpu_ms_per_msg: float
    lost: int
    duplicates: int


def make_variant(name: str, scale: float) -> tuple[SendLimiter | None, AIORateLimiter | None]:
    if name == "ours":
        return SendLimiter(30 * scale, 1 * scale, 20 * scale), None
    if name == "ptb":
        return None, AIORateLimiter(overall_max_rate=30 * scale, group_max_rate=20,
                                    group_time_period=60 / scale, max_retries=3)
    return None, None


async def send_one(bot: Any, limiter: SendLimiter | None, chat: int, text: str) -> None:
    """Send until Telegram takes it; a 429 waits retry_after (ours: through the limiter)."""
    while True:
        try:
            if limiter is None:
                await bot.send_message(chat, text)
            else:
                async with limiter.slot(chat):
                    await bot.send_message(chat, text)
            return
        except RetryAfter as exc:
            if limiter is None:
                await asyncio.sleep(retry_after_seconds(exc))


async def deliver(server: FakeBotServer, variant: str, phase: str, chats: list[int],
                  scale: float) -> Result:
    limiter, ptb_limiter = make_variant(variant, scale)
    kwargs = {"rate_limiter": ptb_limiter} if ptb_limiter else {}
    async with make_bot(server, **kwargs) as bot:
        before_429, before_sent = server.count_429, len(server.sent())
        cpu, wall = time.thread_time(), time.perf_counter()
        texts = [f"{variant} {phase} {i}" for i in range(len(chats))]
        await asyncio.gather(*(send_one(bot, limiter, c, t) for c, t in zip(chats, texts,
                                                                              strict=True)))
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    got = Counter(m.text for m in server.sent()[before_sent:])
    n = len(chats)
    return Result(variant, phase, n, round(wall, 2), round(n / wall, 1),
                  server.count_429 - before_429, round(cpu * 1000 / n, 3),
                  sum(1 for t in texts if t not in got), sum(c - 1 for c in got.values()))


async def run_phase(server: FakeBotServer, phase: str, chats: list[int], limits: Limits,
                    scale: float) -> list[Result]:
    results = []
    for variant in ("plain", "ptb", "ours"):
        server.set_limits(limits)  # fresh buckets for each variant
        results.append(await deliver(server, variant, phase, chats, scale))
        print_result(results[-1])
    return results


def print_result(r: Result) -> None:
    print(f"  {r.phase:<10} {r.variant:<6} {r.messages:>4} msgs  {r.seconds:>6.2f} s  "
          f"{r.msgs_per_s:>6.1f} msg/s  429s {r.http_429:>4}  CPU {r.cpu_ms_per_msg:.3f} ms/msg"
          f"  lost {r.lost} dup {r.duplicates}", flush=True)


def verdict(results: list[Result]) -> str:
    """Fewer 429s wins (each risks a longer ban); the fan-out rate breaks ties."""
    def score(variant: str) -> tuple[int, float]:
        rows = [r for r in results if r.variant == variant]
        fanout = next(r.msgs_per_s for r in rows if r.phase == "fanout")
        return sum(r.http_429 for r in rows), -fanout
    return min(("ptb", "ours"), key=score)


async def main(n: int) -> None:
    logging.basicConfig(level=logging.CRITICAL)
    with FakeBotServer(long_poll_cap=0.1) as server:
        print(f"fan-out to {n} private chats at 30 msg/s (real time)")
        results = await run_phase(server, "fanout", list(range(1, n + 1)), REAL, 1)
        print(f"burst to one chat, rates x{SCALE}")
        results += await run_phase(server, "one_chat", [777] * 10, SCALED, SCALE)
        print(f"burst to one group, rates x{SCALE}")
        results += await run_phase(server, "group", [-100500] * 25, SCALED, SCALE)
    plain = next(r for r in results if r.variant == "plain" and r.phase == "fanout")
    for variant in ("ptb", "ours"):
        row = next(r for r in results if r.variant == variant and r.phase == "fanout")
        print(f"{variant}: fan-out {row.msgs_per_s / plain.msgs_per_s:.2f}x plain's rate, "
              f"CPU {row.cpu_ms_per_msg / plain.cpu_ms_per_msg:.2f}x plain's")
    favours = verdict(results)
    print(f"the benchmark favours: {favours}")
    print(json.dumps({"n": n, "scale_for_bursts": SCALE, "favours": favours,
                      "results": [asdict(r) for r in results]}))


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
