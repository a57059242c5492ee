"""A fake Telegram Bot API server on 127.0.0.1 for tests and benchmarks.

The real python-telegram-bot client talks to it over HTTP, so the tests exercise the same
request encoding, error mapping and polling code that production uses. It runs in its own
thread (ThreadingHTTPServer) so sync tests and an asyncio Application can both use it.

    with FakeBotServer() as server:
        bot = telegram.Bot(server.token, base_url=server.base_url, request=local_request())
        server.push_message(42, "/start")       # served by getUpdates
        server.fail_next("sendMessage", 1, "429", retry_after=1)
        server.sent(42)                          # what the bot sent to chat 42

Channels, forums and photos: `add_channel` names a channel (getChat finds it by @name) and
`set_bot_rights` says whether the bot administers it with the right to post; `set_forum`
makes a group a forum and `close_topic` closes or deletes one of its topics (a send there is
refused as Telegram does); `push_my_chat_member` tells the bot its status changed; sendPhoto
keeps the uploaded bytes (`SentMessage.photo`).

What it checks like Telegram does: HTML markup (allowed tags, balanced, entities), the 4096
UTF-16 limit on the text after entity parsing, flood limits (overall per second, per chat, per
group per minute: 429 with retry_after). Any method it does not know is recorded in
`unknown_methods` (answered 404) so the fixture can fail the test.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import itertools
import json
import math
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

MAX_TEXT = 4096
MAX_CAPTION = 1024
JsonDict = dict[str, Any]

# --------------------------------------------------------------------------- HTML checking

_ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "blockquote", "span",
}
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)"
    r"\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class HtmlError(ValueError):
    """Markup Telegram would refuse; the message is Telegram's wording after the colon."""


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _check_attributes(name: str, attrs: str, text: str, index: int) -> None:
    found = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
             for m in _ATTR.finditer(attrs)}
    allowed = {"a": {"href"}, "span": {"class"}, "code": {"class"}, "pre": set(),
               "blockquote": {"expandable"}}.get(name, set())
    extra = set(found) - allowed
    if extra:
        raise HtmlError(f'Unsupported attribute "{sorted(extra)[0]}" in tag "{name}" '
                        f"at byte offset {_byte_offset(text, index)}")
    if name == "span" and found.get("class") != "tg-spoiler":
        raise HtmlError(f"Tag \"span\" must have class \"tg-spoiler\" at byte offset "
                        f"{_byte_offset(text, index)}")


def _entity(text: str, index: int) -> tuple[str, int]:
    match = _ENTITY.match(text, index)
    if match is None:
        raise HtmlError(f"Character '&' is reserved and must be escaped; use &amp; "
                        f"(byte offset {_byte_offset(text, index)})")
    body = match.group(1)
    if body.startswith("#x"):
        return chr(int(body[2:], 16)), match.end()
    if body.startswith("#"):
        return chr(int(body[1:])), match.end()
    return _NAMED[body], match.end()


def _tag(text: str, index: int, stack: list[str]) -> int:
    match = _TAG.match(text, index)
    offset = _byte_offset(text, index)
    if match is None:
        raise HtmlError(f"Unsupported start tag or stray '<' at byte offset {offset}")
    closing, name, attrs = match.group(1) == "/", match.group(2).lower(), match.group(3)
    if name not in _ALLOWED_TAGS:
        kind = "end" if closing else "start"
        raise HtmlError(f'Unsupported {kind} tag "{name}" at byte offset {offset}')
    if not closing:
        _check_attributes(name, attrs, text, index)
        stack.append(name)
    elif not stack or stack[-1] != name:
        raise HtmlError(f'Unexpected end tag "{name}" at byte offset {offset}')
    else:
        stack.pop()
    return match.end()


def parse_telegram_html(text: str) -> str:
    """Check `text` the way Telegram parses parse_mode=HTML; return the visible text."""
    out: list[str] = []
    stack: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            index = _tag(text, index, stack)
        elif char == "&":
            decoded, index = _entity(text, index)
            out.append(decoded)
        else:
            out.append(char)
            index += 1
    if stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def html_error(text: str) -> str | None:
    """Telegram's complaint about `text` as HTML, or None when it is valid."""
    try:
        parse_telegram_html(text)
    except HtmlError as exc:
        return str(exc)
    return None


# --------------------------------------------------------------------------- flood limits


@dataclass
class _Bucket:
    """Token bucket: `capacity` sends at once, refilled at `rate` per second."""

    rate: float
    capacity: float
    tokens: float = -1.0
    stamp: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until one token is there (0 when one is there now)."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 - 1e-3 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


@dataclass(frozen=True)
class Limits:
    """Telegram's flood limits as the fake enforces them (bursts: bucket capacity)."""

    per_second: float = 30.0
    burst: float | None = None  # None: one second's worth, like aiolimiter
    chat_per_second: float = 1.0
    chat_burst: float = 3.0
    group_per_minute: float = 20.0
    group_burst: float | None = None  # None: one minute's worth
    integer_retry_after: bool = True


class _Flood:
    """All the buckets, keyed by chat; used under the server lock."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.overall = _Bucket(limits.per_second, limits.burst or limits.per_second)
        self.chats: dict[int, _Bucket] = {}
        self.groups: dict[int, _Bucket] = {}

    def _buckets(self, chat_id: int) -> list[_Bucket]:
        lim = self.limits
        chat = self.chats.setdefault(chat_id, _Bucket(lim.chat_per_second, lim.chat_burst))
        buckets = [self.overall, chat]
        if chat_id < 0:
            per_s = lim.group_per_minute / 60
            buckets.append(self.groups.setdefault(
                chat_id, _Bucket(per_s, lim.group_burst or lim.group_per_minute)))
        return buckets

    def admit(self, chat_id: int, now: float) -> float | None:
        """Take a send slot for `chat_id`, or return the retry_after to answer."""
        buckets = self._buckets(chat_id)
        wait = max(bucket.wait(now) for bucket in buckets)
        if wait > 0:
            return float(max(1, math.ceil(wait))) if self.limits.integer_retry_after else wait
        for bucket in buckets:
            bucket.take()
        return None


# --------------------------------------------------------------------------- records


@dataclass
class Call:
    """One request as the server saw it (values decoded from the form)."""

    method: str
    params: JsonDict
    at: float


@dataclass
class SentMessage:
    """A message the bot sent, with its current text after edits."""

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: JsonDict | None
    link_preview_disabled: bool
    edits: list[str] = field(default_factory=list)
    deleted: bool = False
    thread_id: int | None = None
    link_preview: JsonDict | None = None
    photo: bytes | None = None


@dataclass
class Fault:
    """A programmed failure: kind is 429, 403, 400, migrate, 502, timeout (late answer)."""

    kind: str
    retry_after: float = 1
    description: str | None = None
    migrate_to_chat_id: int | None = None
    delay: float = 0.0


class Failure(Exception):
    """Raised inside a method to answer an error like Telegram."""

    def __init__(self, code: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


_DEFAULT_DESCRIPTIONS = {
    "403": "Forbidden: bot was blocked by the user",
    "400": "Bad Request: chat not found",
    "502": "Bad Gateway",
}


def _fault_failure(fault: Fault, chat_id: int | None) -> Failure | None:
    kind = fault.kind
    if kind == "timeout":
        time.sleep(fault.delay)
        return None
    if kind == "429":
        retry = fault.retry_after
        return Failure(429, f"Too Many Requests: retry after {retry:g}", {"retry_after": retry})
    if kind == "migrate":
        new_id = fault.migrate_to_chat_id or -1_000_000_000_000 - abs(chat_id or 1)
        return Failure(400, "Bad Request: group chat was upgraded to a supergroup chat",
                       {"migrate_to_chat_id": new_id})
    description = fault.description or _DEFAULT_DESCRIPTIONS[kind]
    return Failure(int(kind), description)


# --------------------------------------------------------------------------- request values


_STRING_KEYS = {"text", "parse_mode", "callback_query_id", "data", "url", "language_code",
                "inline_message_id", "caption", "description", "short_description", "name"}


def _decode_value(key: str, raw: str) -> Any:
    """PTB sends strings as-is and everything else JSON-encoded ("@name" stays a string)."""
    if key in _STRING_KEYS:
        return raw
    with contextlib.suppress(ValueError):
        return json.loads(raw)
    return raw


def _multipart(body: bytes, content_type: str) -> dict[str, str | bytes]:
    """The form's fields; an uploaded file (a part with a file name) stays bytes."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, str | bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            is_file = part.get_filename() is not None
            fields[name] = payload if is_file else payload.decode("utf-8", "replace")
    return fields


def decode_form(body: bytes, content_type: str) -> JsonDict:
    """The request parameters, whatever encoding PTB chose."""
    if content_type.startswith("multipart/form-data"):
        raw = _multipart(body, content_type)
    elif content_type.startswith("application/json"):
        return dict(json.loads(body or b"{}"))
    else:
        raw = {k: v[-1] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
    return {key: value if isinstance(value, bytes) else _decode_value(key, value)
            for key, value in raw.items()}


# --------------------------------------------------------------------------- the server


_ADMIN_RIGHTS = ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
                 "can_manage_video_chats", "can_restrict_members", "can_promote_members",
                 "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
                 "can_delete_stories")


class FakeBotServer:
    """The fake Bot API. Thread-safe; start() binds 127.0.0.1 on a free port."""

    def __init__(self, token: str = "123456:TEST-token", username: str = "vigie_test_bot",
                 limits: Limits | None = None, *, enforce_limits: bool = True,
                 long_poll_cap: float = 1.0) -> None:
        self.token, self.username = token, username
        self.bot_id = int(token.split(":")[0])
        self.limits = limits or Limits()
        self.enforce_limits = enforce_limits
        self.long_poll_cap = long_poll_cap
        self.calls: list[Call] = []
        self.unknown_methods: list[str] = []
        self.count_429 = 0
        self.my_commands: list[JsonDict] = []
        self.callback_answers: list[JsonDict] = []
        self._cond = threading.Condition()
        self._updates: list[JsonDict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._messages: dict[tuple[int, int], SentMessage] = {}
        self._sent_order: list[SentMessage] = []
        self._faults: dict[str, list[tuple[Fault, int | None]]] = {}
        self._chat_faults: dict[int, Fault] = {}
        self._admins: dict[int, set[int]] = {}
        self._chat_types: dict[int, str] = {}
        self._usernames: dict[str, int] = {}
        self._bot_rights: dict[int, bool] = {}
        self._forums: set[int] = set()
        self._closed_topics: dict[tuple[int, int], str] = {}
        self._flood = _Flood(self.limits)
        self._closing = False
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotServer:
        httpd = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), name="fakebot",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> FakeBotServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url(...) / Bot(base_url=...)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def api_base_url(self) -> str:
        """The value for `[telegram] api_base_url`."""
        return f"http://127.0.0.1:{self.port}"

    # ------------------------------------------------------------------ programming it

    def set_limits(self, limits: Limits) -> None:
        """Change the flood limits (fresh buckets)."""
        with self._cond:
            self.limits, self._flood = limits, _Flood(limits)

    def fail_next(self, method: str, times: int = 1, kind: str | int = "429", *,
                  chat_id: int | None = None, retry_after: float = 1,
                  description: str | None = None, migrate_to_chat_id: int | None = None,
                  delay: float = 0.0) -> None:
        """Answer the next `times` calls of `method` (for `chat_id` if given) with a fault."""
        fault = Fault(str(kind), retry_after, description, migrate_to_chat_id, delay)
        with self._cond:
            self._faults.setdefault(method.lower(), []).extend([(fault, chat_id)] * times)

    def fail_chat(self, chat_id: int, kind: str | int = "403", *, retry_after: float = 1,
                  description: str | None = None,
                  migrate_to_chat_id: int | None = None) -> None:
        """Answer every call about `chat_id` with a fault until clear_chat(chat_id)."""
        with self._cond:
            self._chat_faults[chat_id] = Fault(str(kind), retry_after, description,
                                               migrate_to_chat_id)

    def clear_chat(self, chat_id: int) -> None:
        with self._cond:
            self._chat_faults.pop(chat_id, None)

    def set_admins(self, chat_id: int, user_ids: list[int]) -> None:
        """The administrators getChatMember/getChatAdministrators report for a group."""
        with self._cond:
            self._admins[chat_id] = set(user_ids)

    def add_channel(self, chat_id: int, username: str | None = None,
                    admins: list[int] | None = None) -> None:
        """A channel getChat finds by id or by "@username", administered by `admins`."""
        with self._cond:
            self._chat_types[chat_id] = "channel"
            if username:
                self._usernames[username.lower()] = chat_id
            self._admins[chat_id] = set(admins or [])

    def set_bot_rights(self, chat_id: int, can_post: bool | None) -> None:
        """The bot administers the chat, allowed to post or not (None: not an admin)."""
        with self._cond:
            if can_post is None:
                self._bot_rights.pop(chat_id, None)
            else:
                self._bot_rights[chat_id] = can_post

    def set_forum(self, chat_id: int) -> None:
        """Make a supergroup a forum (its messages may carry a topic)."""
        with self._cond:
            self._chat_types[chat_id] = "supergroup"
            self._forums.add(chat_id)

    def close_topic(self, chat_id: int, thread_id: int, *, deleted: bool = False) -> None:
        """Close (or delete) a forum topic: sends into it are refused as Telegram does."""
        words = "Bad Request: message thread not found" if deleted else "Bad Request: TOPIC_CLOSED"
        with self._cond:
            self._closed_topics[(chat_id, thread_id)] = words

    def push_my_chat_member(self, chat_id: int, user_id: int, old: str, new: str,
                            can_post: bool = True) -> int:
        """Queue a my_chat_member update: `user_id` changed the bot's status in the chat."""
        with self._cond:
            before, after = self._bot_member(old, can_post), self._bot_member(new, can_post)
            change = {"chat": self._chat(chat_id), "from": self._user(user_id),
                      "date": int(time.time()), "old_chat_member": before,
                      "new_chat_member": after}
            return self._queue({"my_chat_member": change})

    def push_message(self, chat_id: int, text: str, *, user_id: int | None = None,
                     chat_type: str | None = None, language_code: str | None = None,
                     username: str | None = None, thread_id: int | None = None) -> int:
        """Queue a message update (with a bot_command entity when text starts with "/");
        `thread_id`: typed inside that forum topic."""
        user = self._user(user_id if user_id is not None else abs(chat_id), language_code,
                          username)
        with self._cond:
            if chat_type is not None:
                self._chat_types[chat_id] = chat_type
            message = {"message_id": next(self._message_ids), "date": int(time.time()),
                       "chat": self._chat(chat_id), "from": user, "text": text}
            if thread_id is not None:
                message.update(message_thread_id=thread_id, is_topic_message=True)
            if text.startswith("/"):
                length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
            return self._queue({"message": message})

    def push_channel_post(self, chat_id: int, text: str) -> int:
        """Queue a post an administrator made in a channel (signed by the channel, no sender)."""
        with self._cond:
            message = {"message_id": next(self._message_ids), "date": int(time.time()),
                       "chat": self._chat(chat_id), "sender_chat": self._chat(chat_id),
                       "text": text}
            if text.startswith("/"):
                length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
            return self._queue({"channel_post": message})

    def push_callback(self, chat_id: int, user_id: int, data: str,
                      message_id: int) -> int:
        """Queue a button press on message `message_id` of chat `chat_id`."""
        with self._cond:
            sent = self._messages.get((chat_id, message_id))
            message = {"message_id": message_id, "date": int(time.time()),
                       "chat": self._chat(chat_id), "from": self._bot_user(),
                       "text": sent.text if sent else "…"}
            if sent and sent.reply_markup:
                message["reply_markup"] = sent.reply_markup
            query = {"id": f"cb{next(self._query_ids)}", "from": self._user(user_id),
                     "chat_instance": f"ci{chat_id}", "data": data, "message": message}
            return self._queue({"callback_query": query})

    # ------------------------------------------------------------------ reading it

    def sent(self, chat_id: int | None = None) -> list[SentMessage]:
        """Messages sent (oldest first), copies with their current text."""
        with self._cond:
            return [replace(m, edits=list(m.edits)) for m in self._sent_order
                    if chat_id is None or m.chat_id == chat_id]

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method.lower() == method.lower()]

    def wait_sent(self, count: int, chat_id: int | None = None,
                  timeout: float = 5.0) -> list[SentMessage]:
        """Block until at least `count` messages went out (to `chat_id`), or time out."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._sent_for(chat_id)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
        return self.sent(chat_id)

    def _sent_for(self, chat_id: int | None) -> list[SentMessage]:
        return [m for m in self._sent_order if chat_id is None or m.chat_id == chat_id]

    # ------------------------------------------------------------------ objects

    def _bot_user(self) -> JsonDict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Vigie",
                "username": self.username}

    @staticmethod
    def _user(user_id: int, language_code: str | None = None,
              username: str | None = None) -> JsonDict:
        user: JsonDict = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        if language_code:
            user["language_code"] = language_code
        if username:
            user["username"] = username
        return user

    def _chat_type(self, chat_id: int) -> str:
        if chat_id in self._chat_types:
            return self._chat_types[chat_id]
        if chat_id > 0:
            return "private"
        return "supergroup" if chat_id <= -1_000_000_000_000 else "group"

    def _chat(self, chat_id: int) -> JsonDict:
        kind = self._chat_type(chat_id)
        chat: JsonDict = {"id": chat_id, "type": kind}
        if kind == "private":
            chat["first_name"] = f"User{chat_id}"
        else:
            chat["title"] = f"{'Channel' if kind == 'channel' else 'Group'} {chat_id}"
        names = [name for name, known in self._usernames.items() if known == chat_id]
        if names:
            chat["username"] = names[0]
        if chat_id in self._forums:
            chat["is_forum"] = True
        return chat

    def _queue(self, payload: JsonDict) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        self._cond.notify_all()
        return update_id

    def _message_json(self, sent: SentMessage) -> JsonDict:
        message: JsonDict = {"message_id": sent.message_id, "date": int(time.time()),
                             "chat": self._chat(sent.chat_id), "from": self._bot_user(),
                             "text": sent.text}
        if sent.reply_markup:
            message["reply_markup"] = sent.reply_markup
        if sent.thread_id is not None:
            message.update(message_thread_id=sent.thread_id, is_topic_message=True)
        if sent.photo is not None:
            del message["text"]
            message["caption"] = sent.text
            message["photo"] = [{"file_id": f"photo{sent.message_id}", "width": 1, "height": 1,
                                 "file_unique_id": f"unique{sent.message_id}"}]
        return message

    # ------------------------------------------------------------------ dispatch

    def handle(self, method: str, params: JsonDict) -> Any:
        """Run one API method; raise Failure for an error answer."""
        with self._cond:
            self.calls.append(Call(method, params, time.monotonic()))
        name = method.lower()
        action = _METHODS.get(name)
        if action is None:
            with self._cond:
                self.unknown_methods.append(method)
            raise Failure(404, f"Not Found: method {method} not found")
        self._inject_fault(name, params)
        return action(self, params)

    def _inject_fault(self, name: str, params: JsonDict) -> None:
        chat_id = params.get("chat_id")
        with self._cond:
            fault = self._chat_faults.get(chat_id) if isinstance(chat_id, int) else None
            if fault is None:
                fault = self._pop_fault(name, chat_id)
        if fault is not None:
            failure = _fault_failure(fault, chat_id if isinstance(chat_id, int) else None)
            if failure is not None:
                self._count(failure)
                raise failure

    def _pop_fault(self, name: str, chat_id: Any) -> Fault | None:
        queue = self._faults.get(name, [])
        for index, (fault, only) in enumerate(queue):
            if only is None or only == chat_id:
                del queue[index]
                return fault
        return None

    def _count(self, failure: Failure) -> None:
        if failure.code == 429:
            with self._cond:
                self.count_429 += 1

    def _admit(self, chat_id: int) -> None:
        if not self.enforce_limits:
            return
        with self._cond:
            retry = self._flood.admit(chat_id, time.monotonic())
        if retry is not None:
            failure = Failure(429, f"Too Many Requests: retry after {retry:g}",
                              {"retry_after": retry})
            self._count(failure)
            raise failure

    # ------------------------------------------------------------------ methods

    def _get_me(self, params: JsonDict) -> Any:
        return {**self._bot_user(), "can_join_groups": True,
                "can_read_all_group_messages": False, "supports_inline_queries": False}

    def _true(self, params: JsonDict) -> Any:
        return True

    def _get_updates(self, params: JsonDict) -> Any:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), self.long_poll_cap)
        deadline = time.monotonic() + wait
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            limit = int(params.get("limit") or 100)
            return list(self._updates[:limit])

    def _send_message(self, params: JsonDict) -> Any:
        chat_id, text = _chat_id(params), _text(params)
        thread = self._topic(chat_id, params)
        self._admit(chat_id)
        preview = params.get("link_preview_options") or {}
        disabled = bool(params.get("disable_web_page_preview")) or bool(
            isinstance(preview, dict) and preview.get("is_disabled"))
        return self._record(SentMessage(
            chat_id, next(self._message_ids), text, params.get("parse_mode"),
            params.get("reply_markup"), disabled, thread_id=thread,
            link_preview=preview if isinstance(preview, dict) and preview else None))

    def _send_photo(self, params: JsonDict) -> Any:
        chat_id, photo = _chat_id(params), params.get("photo")
        if not isinstance(photo, bytes) or not photo:
            raise Failure(400, "Bad Request: there is no photo in the request")
        caption = _caption(params)
        thread = self._topic(chat_id, params)
        self._admit(chat_id)
        return self._record(SentMessage(
            chat_id, next(self._message_ids), caption, params.get("parse_mode"),
            params.get("reply_markup"), True, thread_id=thread, photo=photo))

    def _topic(self, chat_id: int, params: JsonDict) -> int | None:
        """The forum topic asked for, refused like Telegram when closed or deleted."""
        thread = params.get("message_thread_id")
        if thread is None:
            return None
        with self._cond:
            refusal = self._closed_topics.get((chat_id, int(thread)))
            if chat_id not in self._forums:
                refusal = "Bad Request: message thread not found"
        if refusal:
            raise Failure(400, refusal)
        return int(thread)

    def _record(self, sent: SentMessage) -> Any:
        with self._cond:
            self._messages[(sent.chat_id, sent.message_id)] = sent
            self._sent_order.append(sent)
            self._cond.notify_all()
            return self._message_json(sent)

    def _find(self, params: JsonDict, verb: str) -> SentMessage:
        sent = self._messages.get((_chat_id(params), int(params.get("message_id") or 0)))
        if sent is None or sent.deleted:
            raise Failure(400, f"Bad Request: message to {verb} not found")
        return sent

    def _edit_message_text(self, params: JsonDict) -> Any:
        text = _text(params)
        markup = params.get("reply_markup")
        with self._cond:
            sent = self._find(params, "edit")
            if text == sent.text and markup == sent.reply_markup:
                raise Failure(400, "Bad Request: message is not modified: specified new "
                              "message content and reply markup are exactly the same as a "
                              "current content and reply markup of the message")
            sent.text, sent.reply_markup = text, markup
            sent.parse_mode = params.get("parse_mode")
            sent.edits.append(text)
            return self._message_json(sent)

    def _edit_reply_markup(self, params: JsonDict) -> Any:
        with self._cond:
            sent = self._find(params, "edit")
            sent.reply_markup = params.get("reply_markup")
            return self._message_json(sent)

    def _delete_message(self, params: JsonDict) -> Any:
        with self._cond:
            self._find(params, "delete").deleted = True
        return True

    def _answer_callback(self, params: JsonDict) -> Any:
        with self._cond:
            self.callback_answers.append(params)
        return True

    def _set_my_commands(self, params: JsonDict) -> Any:
        with self._cond:
            self.my_commands = [c for c in self.my_commands if not _same_scope(c, params)]
            self.my_commands.append({"commands": params.get("commands") or [],
                                     "scope": params.get("scope"),
                                     "language_code": params.get("language_code")})
        return True

    def _get_my_commands(self, params: JsonDict) -> Any:
        with self._cond:
            found = [c["commands"] for c in self.my_commands if _same_scope(c, params)]
        return found[0] if found else []

    def _delete_my_commands(self, params: JsonDict) -> Any:
        with self._cond:
            self.my_commands = [c for c in self.my_commands if not _same_scope(c, params)]
        return True

    def _bot_member(self, status: str, can_post: bool) -> JsonDict:
        if status != "administrator":
            extra: JsonDict = {"until_date": 0} if status == "kicked" else {}
            return {"status": status, "user": self._bot_user(), **extra}
        return {"status": status, "user": self._bot_user(),
                **dict.fromkeys(_ADMIN_RIGHTS, False), "can_manage_chat": True,
                "can_post_messages": can_post}

    def _member(self, chat_id: int, user_id: int) -> JsonDict:
        user = self._user(user_id)
        if user_id == self.bot_id and self._chat_type(chat_id) == "channel":
            rights = self._bot_rights.get(chat_id)
            return self._bot_member("left" if rights is None else "administrator",
                                    bool(rights))
        if chat_id > 0 and chat_id == user_id:
            return {"status": "member", "user": user}
        if user_id not in self._admins.get(chat_id, set()):
            return {"status": "member", "user": user}
        return {"status": "administrator", "user": user,
                **dict.fromkeys(_ADMIN_RIGHTS, False), "can_manage_chat": True}

    def _get_chat_member(self, params: JsonDict) -> Any:
        with self._cond:
            return self._member(_chat_id(params), int(params["user_id"]))

    def _get_chat_administrators(self, params: JsonDict) -> Any:
        chat_id = _chat_id(params)
        with self._cond:
            return [self._member(chat_id, uid) for uid in sorted(self._admins.get(chat_id, ()))]

    def _get_chat(self, params: JsonDict) -> Any:
        with self._cond:
            named = params.get("chat_id")
            if isinstance(named, str) and named.startswith("@"):
                params = {**params, "chat_id": self._usernames.get(named[1:].lower())}
            chat = self._chat(_chat_id(params))
        gifts = dict.fromkeys(("unlimited_gifts", "limited_gifts", "unique_gifts",
                               "premium_subscription", "gifts_from_channels"), False)
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": gifts}


_ADMIN_RIGHTS = (
    "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
    "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info",
    "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
)


def _same_scope(record: JsonDict, params: JsonDict) -> bool:
    return bool(record.get("scope") == params.get("scope")
                and record.get("language_code") == params.get("language_code"))


def _chat_id(params: JsonDict) -> int:
    chat_id = params.get("chat_id")
    if not isinstance(chat_id, int):
        raise Failure(400, "Bad Request: chat not found")
    return chat_id


def _visible(text: str, params: JsonDict) -> str:
    """The text as the reader sees it: HTML parsed (and checked) when the parse mode asks."""
    if str(params.get("parse_mode") or "").upper() != "HTML":
        return text
    try:
        return parse_telegram_html(text)
    except HtmlError as exc:
        raise Failure(400, f"Bad Request: can't parse entities: {exc}") from None


def _caption(params: JsonDict) -> str:
    """A photo's caption, checked like Telegram: HTML when asked, 1024 units at most."""
    caption = str(params.get("caption") or "")
    if utf16_len(_visible(caption, params)) > MAX_CAPTION:
        raise Failure(400, "Bad Request: message caption is too long")
    return caption


def _text(params: JsonDict) -> str:
    """The text, checked like Telegram: HTML when asked, 1..4096 UTF-16 units after parsing."""
    text = params.get("text")
    text = "" if text is None else str(text)
    visible = _visible(text, params)
    if not visible.strip():
        raise Failure(400, "Bad Request: message text is empty")
    if utf16_len(visible) > MAX_TEXT:
        raise Failure(400, "Bad Request: message is too long")
    return text


_METHODS: dict[str, Callable[[FakeBotServer, JsonDict], Any]] = {
    "getme": FakeBotServer._get_me,
    "deletewebhook": FakeBotServer._true,
    "getupdates": FakeBotServer._get_updates,
    "sendmessage": FakeBotServer._send_message,
    "sendphoto": FakeBotServer._send_photo,
    "editmessagetext": FakeBotServer._edit_message_text,
    "editmessagereplymarkup": FakeBotServer._edit_reply_markup,
    "deletemessage": FakeBotServer._delete_message,
    "answercallbackquery": FakeBotServer._answer_callback,
    "setmycommands": FakeBotServer._set_my_commands,
    "getmycommands": FakeBotServer._get_my_commands,
    "deletemycommands": FakeBotServer._delete_my_commands,
    "getchatmember": FakeBotServer._get_chat_member,
    "getchatadministrators": FakeBotServer._get_chat_administrators,
    "getchat": FakeBotServer._get_chat,
}


# --------------------------------------------------------------------------- HTTP layer


class _QuietServer(ThreadingHTTPServer):
    """Daemon handler threads; a client hanging up mid-request is not an error."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 overflows when a fan-out opens many connections

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


def _make_handler(server: FakeBotServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        fake = server

    return Handler


class _Handler(BaseHTTPRequestHandler):
    """Maps POST /bot<TOKEN>/<method> onto FakeBotServer.handle."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out separately: no 40 ms stall
    timeout = 30
    fake: FakeBotServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the records are in `calls`."""

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch(b"", "")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._dispatch(body, self.headers.get("Content-Type") or "")

    def _dispatch(self, body: bytes, content_type: str) -> None:
        prefix = f"/bot{self.fake.token}/"
        path = self.path.split("?", 1)[0]
        if not path.startswith(prefix):
            self._answer(HTTPStatus.UNAUTHORIZED,
                         {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        try:
            result = self.fake.handle(path[len(prefix):], decode_form(body, content_type))
        except Failure as failure:
            answer: JsonDict = {"ok": False, "error_code": failure.code,
                                "description": failure.description}
            if failure.parameters:
                answer["parameters"] = failure.parameters
            self._answer(failure.code, answer)
            return
        self._answer(HTTPStatus.OK, {"ok": True, "result": result})

    def _answer(self, code: int, payload: JsonDict) -> None:
        data = json.dumps(payload).encode()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)


@contextlib.contextmanager
def running(server: FakeBotServer | None = None) -> Iterator[FakeBotServer]:
    """Start a server (a default one when None) and stop it afterwards."""
    fake = server or FakeBotServer()
    with fake:
        yield fake


@contextlib.contextmanager
def serving(server: FakeBotServer | None = None) -> Iterator[FakeBotServer]:
    """Like `running`, and fail when the bot called a method the fake does not know."""
    with running(server) as fake:
        yield fake
    assert not fake.unknown_methods, f"bot called unknown methods: {fake.unknown_methods}"


def local_request(pool_size: int = 256, read_timeout: float = 5.0) -> Any:
    """The request Vigie sends with (bot/app/aiohttp_request.py), ignoring proxy variables
    (loopback calls fail through a proxy)."""
    from bot.app.aiohttp_request import AiohttpRequest

    return AiohttpRequest(connection_pool_size=pool_size, read_timeout=read_timeout)


def make_bot(server: FakeBotServer, **kwargs: Any) -> Any:
    """A real telegram.ext.ExtBot pointed at `server` (kwargs: rate_limiter=..., ...)."""
    from telegram.ext import ExtBot

    return ExtBot(server.token, base_url=server.base_url, base_file_url=server.base_file_url,
                  request=local_request(), get_updates_request=local_request(), **kwargs)
