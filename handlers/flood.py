"""A per-user limit on commands and button presses, so one user's flood cannot starve the rest.

Runs before every other handler (group -2). A person using the bot briskly (a burst of `limit`
actions in `window` seconds) is never limited. Past that, the user is told once, politely, and
the next commands are held and answered as the window frees a slot, up to `limit` of them;
only what comes beyond is dropped, without a database read or a Telegram call. Other users are
served as usual meanwhile (a held update waits in its own task). The memory is bounded: at most
`max_users` users are tracked, the least recently seen forgotten first.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.core.texts import plain
from handlers.common import Context, texts

LIMIT = 20
WINDOW_S = 10.0
MAX_USERS = 10_000


@dataclass
class _Burst:
    """One user's recent and reserved command times (monotonic, sorted) and whether told."""

    times: deque[float]
    warned: bool = False


@dataclass
class FloodGate:
    """Decides, per user, whether a command is served, refused with the notice, or dropped."""

    limit: int = LIMIT
    window: float = WINDOW_S
    max_users: int = MAX_USERS
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    _users: OrderedDict[int, _Burst] = field(default_factory=OrderedDict)
    _released: set[int] = field(default_factory=set)
    """Update ids of held commands whose slot has come: served without being counted again."""

    def admit(self, user_id: int) -> tuple[str, float]:
        """("serve", 0), ("warn"|"hold", seconds until its slot) or ("drop", 0).

        A held command reserves the slot it will be served in, so held ones keep their order
        and the window's limit holds for them too.
        """
        now, burst = self.clock(), self._burst(user_id)
        while burst.times and burst.times[0] <= now - self.window:
            burst.times.popleft()
        count = len(burst.times)
        if count < self.limit:
            burst.times.append(now)
            burst.warned = False
            return "serve", 0.0
        if count >= 2 * self.limit:
            return "drop", 0.0
        slot = burst.times[count - self.limit] + self.window
        burst.times.append(slot)
        verdict = "hold" if burst.warned else "warn"
        burst.warned = True
        return verdict, slot - now

    def _burst(self, user_id: int) -> _Burst:
        burst = self._users.pop(user_id, None) or _Burst(deque())
        self._users[user_id] = burst  # most recently seen last
        while len(self._users) > self.max_users:
            self._users.popitem(last=False)
        return burst

    def __len__(self) -> int:
        return len(self._users)


def _counted(update: Update) -> bool:
    """Commands and button presses count; plain messages and service updates do not."""
    if update.callback_query is not None:
        return True
    message = update.message
    return bool(message and message.text and message.text.startswith("/"))


async def _tell(update: Update, context: Context, seconds: int) -> None:
    """The one notice of a burst, in the chat's language; a failure to send it changes nothing."""
    text = plain(texts(update, context).flood_notice, seconds=seconds)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.message is not None:
            await update.message.reply_text(text)
    except TelegramError:
        return


def guard(gate: FloodGate) -> Callable[[Update, Context], Any]:
    """The group -2 callback that applies `gate` to every counted update."""
    async def check(update: Update, context: Context) -> None:
        user = update.effective_user
        if update.update_id in gate._released:
            gate._released.discard(update.update_id)
            return
        if user is None or not _counted(update):
            return
        verdict, wait = gate.admit(user.id)
        if verdict == "serve":
            return
        if verdict == "warn":
            await _tell(update, context, max(1, round(wait)))
        if verdict == "hold" or (verdict == "warn" and update.callback_query is None):
            # a button press is answered once: the notice was its answer
            context.application.create_task(_release(gate, update, context, wait))
        raise ApplicationHandlerStop

    return check


async def _release(gate: FloodGate, update: Update, context: Context, wait: float) -> None:
    """Serve a held command once its slot has come."""
    await gate.sleep(wait)
    gate._released.add(update.update_id)
    await context.application.process_update(update)


def install(application: Application[Any, Any, Any, Any, Any, Any],
            gate: FloodGate | None = None) -> FloodGate:
    """Put the limit in front of every handler; returns the gate (tests pass a fake clock)."""
    gate = FloodGate() if gate is None else gate
    application.add_handler(TypeHandler(Update, guard(gate)), group=-2)
    return gate
