"""The fake Bot API answers the real python-telegram-bot client the way Telegram does."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.support.fakebot import (
    FakeBotServer,
    Limits,
    html_error,
    local_request,
    make_bot,
    serving,
)

Scenario = Callable[[Any], Awaitable[Any]]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotServer]:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    with serving(FakeBotServer(limits=Limits(chat_burst=50, group_per_minute=600))) as fake:
        yield fake


def run_bot(server: FakeBotServer, scenario: Scenario) -> Any:
    """Run `scenario(bot)` with an initialised real bot, in a fresh event loop."""

    async def main() -> Any:
        async with make_bot(server) as bot:
            return await scenario(bot)

    return asyncio.run(main())


def test_get_me_gives_the_username(server: FakeBotServer) -> None:
    me = run_bot(server, lambda bot: bot.get_me())
    assert me.username == server.username


def test_send_message_is_recorded_with_its_options(server: FakeBotServer) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Follow nato", callback_data="t:nato")]])
    message = run_bot(server, lambda bot: bot.send_message(
        42, "<b>NATO</b> summit", parse_mode=ParseMode.HTML, reply_markup=markup,
        disable_web_page_preview=True))
    [sent] = server.sent(42)
    assert (sent.text, sent.parse_mode, sent.link_preview_disabled) == (
        "<b>NATO</b> summit", "HTML", True)
    assert sent.reply_markup == {"inline_keyboard": [[{"text": "Follow nato",
                                                       "callback_data": "t:nato"}]]}
    assert message.message_id == sent.message_id


@pytest.mark.parametrize("markup, problem", [
    ("<script>alert(1)</script>", "Unsupported start tag \"script\""),
    ("<b>bold", "Can't find end tag"),
    ("<b><i>x</b></i>", "Unexpected end tag"),
    ("Tom & Jerry", "Character '&' is reserved"),
    ("&nbsp;", "Character '&' is reserved"),
    ("1 < 2", "stray '<'"),
    ('<a href="x" onclick="y">x</a>', "Unsupported attribute \"onclick\""),
    ('<span class="red">x</span>', "tg-spoiler"),
])
def test_invalid_html_is_refused(server: FakeBotServer, markup: str, problem: str) -> None:
    with pytest.raises(BadRequest, match="(?i)can't parse entities") as caught:
        run_bot(server, lambda bot: bot.send_message(1, markup, parse_mode=ParseMode.HTML))
    assert problem.lower() in caught.value.message.lower()  # PTB lowercases after the first
    assert server.sent() == []


@pytest.mark.parametrize("markup", [
    '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>',
    '<strike>x</strike><del>d</del><code>c</code><pre><code class="language-py">p</code></pre>',
    '<tg-spoiler>t</tg-spoiler><span class="tg-spoiler">s</span><blockquote>q</blockquote>',
    '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">link</a> &lt;&gt;&amp;&#39;&#x1F600;',
])
def test_valid_html_is_accepted(markup: str) -> None:
    assert html_error(markup) is None


@pytest.mark.parametrize("text, parse_mode, accepted", [
    ("x" * 4096, None, True),
    ("x" * 4097, None, False),
    ("😀" * 2048, None, True),  # 4096 UTF-16 units
    ("😀" * 2049, None, False),
    ("<b>" + "x" * 4096 + "</b>", ParseMode.HTML, True),  # tags do not count
    ("&amp;" * 4097, ParseMode.HTML, False),  # each entity counts as one character
])
def test_length_is_counted_in_utf16_after_parsing(server: FakeBotServer, text: str,
                                                  parse_mode: str | None, accepted: bool) -> None:
    def send(bot: Any) -> Any:
        return bot.send_message(7, text, parse_mode=parse_mode)

    if accepted:
        run_bot(server, send)
    else:
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            run_bot(server, send)
    assert len(server.sent(7)) == int(accepted)


def test_429_raises_retry_after_and_is_counted(server: FakeBotServer) -> None:
    server.fail_next("sendMessage", 1, "429", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        run_bot(server, lambda bot: bot.send_message(5, "hi"))
    assert caught.value.retry_after == dtm.timedelta(seconds=3)
    assert server.count_429 == 1
    run_bot(server, lambda bot: bot.send_message(5, "again"))
    assert [m.text for m in server.sent(5)] == ["again"]


@pytest.mark.parametrize("kind, error", [
    ("403", Forbidden), ("400", BadRequest), ("502", NetworkError), ("migrate", ChatMigrated),
])
def test_faults_map_to_the_client_errors(server: FakeBotServer, kind: str,
                                         error: type[Exception]) -> None:
    server.fail_next("sendMessage", 1, kind, migrate_to_chat_id=-1009)
    with pytest.raises(error) as caught:
        run_bot(server, lambda bot: bot.send_message(-9, "hi"))
    if kind == "migrate":
        assert isinstance(caught.value, ChatMigrated) and caught.value.new_chat_id == -1009
    if kind == "403":
        assert "bot was blocked by the user" in str(caught.value)


def test_a_blocked_chat_fails_every_time_and_others_still_work(server: FakeBotServer) -> None:
    server.fail_chat(11, "403")

    async def scenario(bot: Any) -> list[str]:
        outcomes = []
        for chat in (11, 12, 11):
            try:
                await bot.send_message(chat, "alert")
                outcomes.append("sent")
            except Forbidden:
                outcomes.append("forbidden")
        return outcomes

    assert run_bot(server, scenario) == ["forbidden", "sent", "forbidden"]


@pytest.mark.parametrize("limits, chats, expected_429", [
    # slow refills, so that the answer does not depend on how fast the client is
    (Limits(chat_per_second=0.01, chat_burst=3), [1, 1, 1, 1, 1], 2),  # per chat
    (Limits(per_second=0.01, burst=5), [1, 2, 3, 4, 5, 6, 7], 2),  # overall
    (Limits(group_per_minute=2, chat_burst=10), [-5, -5, -5, -6], 1),  # per group
])
def test_flood_limits_answer_429(server: FakeBotServer, limits: Limits, chats: list[int],
                                 expected_429: int) -> None:
    server.set_limits(limits)

    async def scenario(bot: Any) -> int:
        refused = 0
        for chat in chats:
            try:
                await bot.send_message(chat, "x")
            except RetryAfter as exc:
                assert isinstance(exc.retry_after, dtm.timedelta)
                assert exc.retry_after >= dtm.timedelta(seconds=1)
                refused += 1
        return refused

    assert run_bot(server, scenario) == expected_429 == server.count_429
    assert len(server.sent()) == len(chats) - expected_429


def test_edit_changes_the_text_and_refuses_a_no_op(server: FakeBotServer) -> None:
    async def scenario(bot: Any) -> None:
        message = await bot.send_message(3, "first")
        await bot.edit_message_text("first, also reported by X", 3, message.message_id)
        with pytest.raises(BadRequest, match="(?i)not modified"):
            await bot.edit_message_text("first, also reported by X", 3, message.message_id)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", 3, 999)

    run_bot(server, scenario)
    [sent] = server.sent(3)
    assert (sent.text, sent.edits) == ("first, also reported by X", ["first, also reported by X"])


def test_commands_and_admins(server: FakeBotServer) -> None:
    from telegram import BotCommand, BotCommandScopeChat

    server.set_admins(-50, [7])

    async def scenario(bot: Any) -> tuple[str, str, int]:
        await bot.set_my_commands([BotCommand("feeds", "feed health")],
                                  scope=BotCommandScopeChat(7))
        admin = await bot.get_chat_member(-50, 7)
        member = await bot.get_chat_member(-50, 8)
        admins = await bot.get_chat_administrators(-50)
        chat = await bot.get_chat(-50)
        assert chat.type == "group"
        return admin.status, member.status, len(admins)

    assert run_bot(server, scenario) == ("administrator", "member", 1)
    assert server.my_commands == [{"commands": [{"command": "feeds", "description": "feed health"}],
                                   "scope": {"type": "chat", "chat_id": 7},
                                   "language_code": None}]


def test_an_unknown_method_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    with FakeBotServer() as fake:
        with pytest.raises(Exception, match="sendDice"):
            run_bot(fake, lambda bot: bot.send_dice(1))
        assert fake.unknown_methods == ["sendDice"]


def test_an_application_answers_commands_and_buttons(server: FakeBotServer) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"welcome {context.args}")

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer(f"pressed {update.callback_query.data}")

    async def main() -> None:
        app = (ApplicationBuilder().token(server.token).base_url(server.base_url)
               .base_file_url(server.base_file_url).request(local_request())
               .get_updates_request(local_request()).build())
        app.add_handlers([CommandHandler("start", start), CallbackQueryHandler(pressed)])
        async with app:
            await app.updater.start_polling(timeout=dtm.timedelta(seconds=1))  # type: ignore[union-attr]
            await app.start()
            server.push_message(42, "/start now", language_code="fr")
            server.push_message(-77, f"/start@{server.username}", user_id=9, chat_type="group")
            await asyncio.to_thread(server.wait_sent, 2)
            server.push_callback(42, 42, "t:nato", server.sent(42)[0].message_id)
            await asyncio.to_thread(_wait, lambda: bool(server.callback_answers))
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()

    asyncio.run(main())
    assert [m.text for m in server.sent(42)] == ["welcome ['now']"]
    assert [m.text for m in server.sent(-77)] == ["welcome []"]
    assert server.callback_answers[0]["text"] == "pressed t:nato"


def _wait(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll a condition set by another thread (the answer, not a timing, is asserted)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
