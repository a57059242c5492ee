"""The send limiter: who waits, for how long, in virtual time (no test sleeps)."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.deliver.ratelimit import SendLimiter, retry_after_seconds
from tests.support.fakebot import FakeBotServer, Limits, make_bot, serving


class VirtualTime:
    """A clock and a sleep: time jumps to the next wake-up once every task is waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + seconds, next(self._order), future))
        await future

    async def run(self, *jobs: Awaitable[None]) -> None:
        """Run `jobs` to completion, advancing time whenever they are all asleep."""
        tasks = [asyncio.ensure_future(job) for job in jobs]
        while not all(task.done() for task in tasks):
            for _ in range(20):
                await asyncio.sleep(0)
            if self._sleepers:
                wake, _, future = heapq.heappop(self._sleepers)
                self.now = max(self.now, wake)
                future.set_result(None)
        for task in tasks:
            task.result()


Send = tuple[float, int]


def schedule(limiter_kwargs: dict[str, Any], chats: list[int],
             before: Callable[[SendLimiter, VirtualTime], None] | None = None) -> list[Send]:
    """Acquire a slot for each chat in order (concurrently); return (time, chat) of each send."""
    vt = VirtualTime()
    limiter = SendLimiter(**limiter_kwargs, clock=vt.clock, sleep=vt.sleep)
    if before:
        before(limiter, vt)
    sends: list[Send] = []

    async def send(chat: int) -> None:
        await limiter.acquire(chat)
        sends.append((round(vt.now, 6), chat))

    asyncio.run(vt.run(*(send(chat) for chat in chats)))
    return sorted(sends)


@pytest.mark.parametrize("kwargs, chats, expected", [
    # overall pacing, evenly, oldest first
    ({"per_second": 5}, [1, 2, 3, 4], [(0, 1), (0.2, 2), (0.4, 3), (0.6, 4)]),
    # one chat waits a second between messages; another chat is not held up by it
    ({"per_second": 100}, [1, 1, 1, 2], [(0, 1), (0.01, 2), (1, 1), (2, 1)]),
    # a group: one every 3 s at 20 a minute, even though its chat limit is 1 a second
    ({"per_second": 100}, [-5, -5, -5], [(0, -5), (3, -5), (6, -5)]),
    ({"per_second": 100, "group_per_minute": 60}, [-5, -5, 7], [(0, -5), (0.01, 7), (1, -5)]),
])
def test_sends_are_paced(kwargs: dict[str, Any], chats: list[int],
                         expected: list[Send]) -> None:
    assert schedule(kwargs, chats) == expected


def test_a_penalised_chat_waits_and_others_do_not() -> None:
    sends = schedule({"per_second": 100}, [1, 2, 3],
                     before=lambda limiter, vt: limiter.penalise(1, 5))
    assert sends == [(0, 2), (0.01, 3), (5, 1)]


def test_a_penalty_during_a_wait_moves_the_reserved_send() -> None:
    vt = VirtualTime()
    limiter = SendLimiter(per_second=100, clock=vt.clock, sleep=vt.sleep)
    sends: list[Send] = []

    async def first() -> None:
        await limiter.acquire(1)
        await vt.sleep(0.5)  # the first send answers 429 after half a second
        limiter.penalise(1, 4)

    async def second() -> None:
        await limiter.acquire(1)  # had the slot at t=1, must now wait for t=4.5
        sends.append((vt.now, 1))

    asyncio.run(vt.run(first(), second()))
    assert sends == [(4.5, 1)]


def test_many_chats_flooded_at_once_pause_everyone() -> None:
    def flood(limiter: SendLimiter, vt: VirtualTime) -> None:
        for chat in (1, 2, 3):
            limiter.penalise(chat, 2)

    assert schedule({"per_second": 100, "trip": 3}, [4, 5], before=flood) == [(2, 4), (2.01, 5)]
    assert schedule({"per_second": 100, "trip": 4}, [4, 5], before=flood) == [(0, 4), (0.01, 5)]


@pytest.mark.parametrize("retry_after, expected, next_send", [
    (3, 3.0, 3.0),
    (0.25, 0.25, 1.0),  # a short penalty does not lift the chat's own 1 a second
])
def test_slot_penalises_on_retry_after(monkeypatch: pytest.MonkeyPatch, retry_after: float,
                                       expected: float, next_send: float) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    vt = VirtualTime()
    limiter = SendLimiter(per_second=100, clock=vt.clock, sleep=vt.sleep)
    sends: list[float] = []

    async def job() -> None:
        with pytest.raises(RetryAfter) as caught:
            async with limiter.slot(9):
                raise RetryAfter(retry_after)  # type: ignore[arg-type]
        assert retry_after_seconds(caught.value) == expected
        await limiter.acquire(9)
        sends.append(vt.now)

    asyncio.run(vt.run(job()))
    assert sends == [next_send]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotServer]:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    fake = FakeBotServer(limits=Limits(per_second=200, chat_per_second=10, chat_burst=5,
                                       group_per_minute=600, group_burst=5))
    with serving(fake) as running:
        yield running


def test_the_real_client_through_the_limiter_gets_no_429(server: FakeBotServer) -> None:
    """Limits ten times Telegram's on both sides, so the test stays short."""
    limiter = SendLimiter(per_second=200, chat_per_second=10, group_per_minute=600)
    chats = [1, 2, 3, -4] * 8

    async def main() -> None:
        async with make_bot(server) as bot:

            async def send(index: int, chat: int) -> None:
                async with limiter.slot(chat):
                    await bot.send_message(chat, f"alert {index}")

            await asyncio.gather(*(send(i, chat) for i, chat in enumerate(chats)))

    asyncio.run(main())
    assert server.count_429 == 0
    assert sorted(m.text for m in server.sent()) == sorted(f"alert {i}" for i in range(32))
