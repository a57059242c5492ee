"""A per-user limit on commands and button presses, so one user's flood cannot starve the rest.

Runs before every other handler (group -1). Past `limit` commands in `window` seconds, the user
is told once, politely, and the rest of the burst is dropped (ApplicationHandlerStop) without a
database read or a Telegram call. Other users are served as usual. The memory is bounded: at
most `max_users` users are tracked, the least recently seen forgotten first.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.core.texts import plain
from handlers.common import Context, texts

LIMIT = 10
WINDOW_S = 20.0
MAX_USERS = 10_000


@dataclass
class _Burst:
    """One user's recent commands (monotonic times) and whether they were told."""

    times: deque[float]
    warned: bool = False


@dataclass
class FloodGate:
    """Decides, per user, whether a command is served, refused with the notice, or dropped."""

    limit: int = LIMIT
    window: float = WINDOW_S
    max_users: int = MAX_USERS
    clock: Callable[[], float] = time.monotonic
    _users: OrderedDict[int, _Burst] = field(default_factory=OrderedDict)

    def admit(self, user_id: int) -> str:
        """"serve", "warn" (first refusal of a burst) or "drop"."""
        now, burst = self.clock(), self._burst(user_id)
        while burst.times and burst.times[0] <= now - self.window:
            burst.times.popleft()
        if len(burst.times) < self.limit:
            burst.times.append(now)
            burst.warned = False
            return "serve"
        if burst.warned:
            return "drop"
        burst.warned = True
        return "warn"

    def _burst(self, user_id: int) -> _Burst:
        burst = self._users.pop(user_id, None) or _Burst(deque(maxlen=self.limit))
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
    """The group -1 callback that applies `gate` to every counted update."""
    async def check(update: Update, context: Context) -> None:
        user = update.effective_user
        if user is None or not _counted(update):
            return
        verdict = gate.admit(user.id)
        if verdict == "serve":
            return
        if verdict == "warn":
            await _tell(update, context, int(gate.window))
        raise ApplicationHandlerStop

    return check


def install(application: Application[Any, Any, Any, Any, Any, Any],
            gate: FloodGate | None = None) -> FloodGate:
    """Put the limit in front of every handler; returns the gate (tests pass a fake clock)."""
    gate = FloodGate() if gate is None else gate
    application.add_handler(TypeHandler(Update, guard(gate)), group=-1)
    return gate
