"""Hostile feeds through the real path: fetch -> parse -> normalise -> pipeline -> fake Telegram.

Each feed is served by the loopback FeedServer and polled by the real Engine; the alerts it
owes are sent by the real Sender to the fake Bot API, whose checker refuses what Telegram would.
Each case asserts what a user or an operator would notice: memory stays bounded (tracemalloc
peak during the poll), the poll finishes, the feed row says why, and nothing is sent or stored
that should not be. No test connects anywhere but 127.0.0.1.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from bot.ingest.addresses import check_public
from tests.support.fakebot import SentMessage, html_error, utf16_len
from tests.support.feedserver import FeedServer, make_fixture, unused_port
from tests.support.hostile import (
    MB,
    Outcome,
    poll,
    rss_items,
)

feed_server = make_fixture()

SECRET = "VIGIE-LOCAL-SECRET-7f3a"  # the content of a local file an entity tries to read






async def first_hop_then_real(host: str, port: int, allowed: set[tuple[str, int]]) -> str | None:
    """The address check of these tests: each listed (host, port) passes once, then the real one."""
    if (host, port) in allowed:
        allowed.discard((host, port))
        return None
    return await check_public(host, port)










def failed_with(outcome: Outcome, url: str) -> str:
    """The reason recorded on a feed that must have failed."""
    feed = outcome.feeds[url]
    assert feed.error_count == 1 and feed.last_error, f"{url} did not fail: {feed}"
    return feed.last_error


def assert_valid_alerts(sent: list[SentMessage]) -> None:
    """Every message Telegram would accept: valid HTML, within 4096 units."""
    for message in sent:
        assert html_error(message.text) is None, message.text
        assert utf16_len(message.text) <= 4096


# --- entities ------------------------------------------------------------------------------

LAUGHS = '<!ENTITY lol "lollollollollollollollollollol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))


@pytest.mark.parametrize("prefix", [
    "",  # the classic
    "<!-- <rss -->",  # a comment that looks like the root element, to hide the DOCTYPE
    '<?note <rss?>',  # the same in a processing instruction
], ids=["plain", "behind a comment", "behind a PI"])
@pytest.mark.parametrize("subset_prefix", ["", "<!-- <rss -->", '<!NOTATION n SYSTEM "<rss">'],
                         ids=["bare subset", "comment in subset", "literal in subset"])
def test_billion_laughs_is_refused_without_expanding(
    feed_server: FeedServer, tmp_path: Path, prefix: str, subset_prefix: str
) -> None:
    prolog = f"{prefix}<!DOCTYPE rss [{subset_prefix}{LAUGHS}]>"
    feed_server.add("/laughs.xml", rss_items(
        [("NATO &lol9;", "&lol9;&lol9;", "https://x.example/1")], prolog=prolog))
    url = feed_server.url("/laughs.xml")
    outcome = poll(tmp_path, [url])
    assert failed_with(outcome, url) == "refused: the document declares XML entities"
    assert outcome.stories == [] and outcome.sent == []
    assert outcome.peak < 20 * MB


@pytest.mark.parametrize("declaration", [
    '<!ENTITY xxe SYSTEM "file://{path}">',
    '<!ENTITY % xxe SYSTEM "file://{path}"> %xxe;',
], ids=["general", "parameter"])
@pytest.mark.parametrize("prefix", ["", "<!-- <rss -->"], ids=["plain", "behind a comment"])
def test_an_external_entity_never_reads_a_local_file(
    feed_server: FeedServer, tmp_path: Path, declaration: str, prefix: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    prolog = f"{prefix}<!DOCTYPE rss [{declaration.format(path=secret)}]>"
    feed_server.add("/xxe.xml", rss_items(
        [("NATO summit &xxe;", "Leaked: &xxe;", "https://x.example/1")], prolog=prolog))
    url = feed_server.url("/xxe.xml")
    outcome = poll(tmp_path, [url])
    assert failed_with(outcome, url) == "refused: the document declares XML entities"
    assert SECRET not in repr(outcome.stories) + "".join(m.text for m in outcome.sent)


def test_an_external_dtd_is_not_read(feed_server: FeedServer, tmp_path: Path) -> None:
    """No entity declared here, so the feed is kept; the DTD file it names is never opened."""
    secret = tmp_path / "secret.dtd"
    secret.write_text(f'<!ENTITY leak "{SECRET}">', encoding="utf-8")
    prolog = f'<!DOCTYPE rss SYSTEM "file://{secret}">'
    feed_server.add("/dtd.xml", rss_items(
        [("NATO summit &leak; opens", "", "https://x.example/1")], prolog=prolog))
    outcome = poll(tmp_path, [feed_server.url("/dtd.xml")])
    assert SECRET not in repr(outcome.stories) + "".join(m.text for m in outcome.sent)
    assert_valid_alerts(outcome.sent)


# --- size --------------------------------------------------------------------------------

JUNK = b"<rss><channel><title>" + b"A" * 65_536  # never closes: only the cap ends it


def gzip_bomb(size: int, block: int = MB) -> bytes:
    """`size` bytes of zeros gzipped (about 1,000 to 1), built a block at a time in ~1 MB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(block)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // block):
        crc = zlib.crc32(zeros, crc)
    trailer = b"\x03\x00" + crc.to_bytes(4, "little") + (size % 2**32).to_bytes(4, "little")
    return first + again * (size // block - 1) + trailer


def test_an_endless_body_stops_at_the_cap(feed_server: FeedServer, tmp_path: Path) -> None:
    """A 1 GB (or endless) stream without a length: the cap ends the read, not the memory."""
    feed_server.add("/endless.xml", JUNK, endless=True)
    url = feed_server.url("/endless.xml")
    outcome = poll(tmp_path, [url], max_bytes=MB)
    assert failed_with(outcome, url) == "body over the 1 MB cap"
    assert outcome.peak < 12 * MB and outcome.stories == [] and outcome.sent == []


def test_a_declared_gigabyte_is_refused_before_reading(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/huge.xml", JUNK, endless=True, headers={"Content-Length": str(1000 * MB)})
    url = feed_server.url("/huge.xml")
    outcome = poll(tmp_path, [url], max_bytes=MB)
    assert failed_with(outcome, url) == "body over the 1 MB cap"
    assert outcome.peak < 12 * MB


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip"])
def test_a_gzip_bomb_is_stopped_at_the_cap_while_inflating(
    feed_server: FeedServer, tmp_path: Path, encoding: str
) -> None:
    """1 GB of zeros in 1 MB of gzip: inflating it whole would take a gigabyte."""
    feed_server.add("/bomb.xml", gzip_bomb(1000 * MB), headers={"Content-Encoding": encoding})
    url = feed_server.url("/bomb.xml")
    outcome = poll(tmp_path, [url], max_bytes=MB)
    assert failed_with(outcome, url) == "body over the 1 MB cap"
    assert outcome.peak < 12 * MB and outcome.stories == []


def test_a_small_gzipped_feed_is_still_read(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.add("/small.xml", rss_items([("NATO meets in Vilnius", "", "https://x.example/1")]),
                    gzip=True)
    outcome = poll(tmp_path, [feed_server.url("/small.xml")], max_bytes=MB)
    assert [s["title"] for s in outcome.stories] == ["NATO meets in Vilnius"]
    assert len(outcome.sent) == 1


@pytest.mark.parametrize(("coding", "body", "reason"), [
    ("gzip", b"\x1f\x8b\x08\x00 this is not deflate", "cannot decode the body: "),
    ("br", b"\x8b\x02\x80NATO\x03", "cannot decode the body: unsupported content encoding 'br'"),
    ("gzip, gzip", b"\x1f\x8b", "cannot decode the body: unsupported content encoding"),
])
def test_a_body_we_cannot_inflate_within_the_cap_gives_a_reason(
    feed_server: FeedServer, tmp_path: Path, coding: str, body: bytes, reason: str
) -> None:
    feed_server.add("/coded.xml", body, headers={"Content-Encoding": coding})
    url = feed_server.url("/coded.xml")
    assert failed_with(poll(tmp_path, [url]), url).startswith(reason)


def test_an_entity_declaration_quoted_in_an_item_is_just_text(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    """A security outlet may quote the attack itself; only the prolog may declare entities."""
    quoted = "<![CDATA[NATO warns of &lt;!ENTITY xxe SYSTEM 'file:///etc/passwd'&gt;]]>"
    feed_server.add("/quoted.xml", rss_items([(quoted, "", "https://x.example/1")]))
    outcome = poll(tmp_path, [feed_server.url("/quoted.xml")])
    [story] = outcome.stories
    assert "<!ENTITY xxe" in story["title"] and len(outcome.sent) == 1
    assert "&lt;!ENTITY xxe" in outcome.sent[0].text


# --- text --------------------------------------------------------------------------------

INVALID_UTF8 = [
    b"NATO \xff\xfe allies",  # bytes never valid in UTF-8
    b"NATO \xc0\xaf overlong",  # an overlong "/"
    b"NATO \xed\xa0\x80 surrogate",  # a UTF-16 surrogate encoded as UTF-8
    b"NATO \xe2\x82 truncated",  # a sequence cut short
]


def test_invalid_utf8_is_stored_as_text_and_alerts_are_valid(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    items = b"".join(b"<item><guid>u-%d</guid><title>%s</title><link>https://x.example/%d</link>"
                     b"</item>" % (i, title, i) for i, title in enumerate(INVALID_UTF8))
    feed_server.add("/utf8.xml", b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
                    b"<channel><title>Broken</title>" + items + b"</channel></rss>")
    url = feed_server.url("/utf8.xml")
    outcome = poll(tmp_path, [url])
    assert outcome.feeds[url].last_error is None and outcome.feeds[url].last_warning
    assert len(outcome.stories) == len(INVALID_UTF8) == len(outcome.sent)
    for story in outcome.stories:
        story["title"].encode("utf-8")  # no lone surrogate reached storage
    assert_valid_alerts(outcome.sent)


@pytest.mark.parametrize(("reference", "shown"), [
    ("&#xD800;", "\ufffd"), ("&#55296;", "\ufffd"), ("&#xDFFF;", "\ufffd"),
    ("&#x110000;", "\ufffd"), ("&#99999999999;", "\ufffd"),
    ("&#xD83D;&#xDE00;", "😀"),  # an emoji written as its UTF-16 surrogate pair
    ("&#0;", ""), ("&#x1F;", ""), ("&#xFFFF;", ""),
])
def test_character_references_to_invalid_characters_never_stop_the_feed(
    feed_server: FeedServer, tmp_path: Path, reference: str, shown: str
) -> None:
    """expat refuses them, so feedparser's loose parser runs, and it used to raise on them:
    the feed was then never recorded and polled again on every tick."""
    feed_server.add("/ref.xml", rss_items([(f"NATO {reference} talks", f"x {reference} y",
                                            "https://x.example/1")]))
    url = feed_server.url("/ref.xml")
    outcome = poll(tmp_path, [url])
    assert outcome.feeds[url].last_poll_at is not None and outcome.feeds[url].last_error is None
    [story] = outcome.stories
    story["title"].encode("utf-8")
    if shown:
        assert shown in story["title"] and shown in story["summary"]
    [alert] = outcome.sent
    assert_valid_alerts(outcome.sent)


def test_ten_thousand_items_are_all_stored(feed_server: FeedServer, tmp_path: Path) -> None:
    """No cap on items per feed: a burst of 10,000 is stored whole, in one poll."""
    items = [(f"Bulletin {i}: grain shipment {i * 7} leaves port {i % 97}", "", f"https://x.example/{i}")
             for i in range(10_000)]
    feed_server.add("/many.xml", rss_items(items))
    url = feed_server.url("/many.xml")
    outcome = poll(tmp_path, [url], trace=False)
    assert outcome.feeds[url].last_error is None
    assert len(outcome.stories) == 10_000 and outcome.sent == []
    assert outcome.peak < 200 * MB


def test_a_100_kb_title_is_stored_cut_and_the_alert_fits(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    title = "NATO " + "very long headline " * 5_300  # about 100 kB
    feed_server.add("/long.xml", rss_items([(title, "NATO " * 20_000, "https://x.example/1")]))
    outcome = poll(tmp_path, [feed_server.url("/long.xml")])
    [story] = outcome.stories
    assert len(title) > 100_000 and len(story["title"]) <= 500 and story["title"].endswith("…")
    [alert] = outcome.sent
    assert_valid_alerts(outcome.sent)
    assert utf16_len(alert.text) < 4096


MARKUP = [
    ("NATO &lt;script&gt;alert(1)&lt;/script&gt; summit",
     "&lt;p&gt;Allies &lt;b&gt;meet&lt;/b&gt;&lt;script&gt;steal()&lt;/script&gt;&lt;/p&gt;"),
    ("<![CDATA[NATO <img src=x onerror=alert(1)> summit]]>",
     "<![CDATA[<iframe src='https://evil.example'></iframe>NATO talks <a href='javascript:x'>"
     "here</a>]]>"),
    ("NATO &amp;lt;b&amp;gt;double escaped&amp;lt;/b&amp;gt;", "a &amp;amp; b &lt; c"),
    ("NATO &lt;/b&gt;&lt;/a&gt; closing tags first", "&lt;a href=\"x\"&gt; unclosed"),
]


@pytest.mark.parametrize(("title", "summary"), MARKUP, ids=range(len(MARKUP)))
def test_markup_in_feed_text_is_stored_plain_and_sent_escaped(
    feed_server: FeedServer, tmp_path: Path, title: str, summary: str
) -> None:
    feed_server.add("/markup.xml", rss_items([(title, summary, "https://x.example/1")]))
    outcome = poll(tmp_path, [feed_server.url("/markup.xml")])
    [story] = outcome.stories
    for text in (story["title"], story["summary"]):
        for dropped in ("<script", "<img", "<iframe", "steal()", "alert(1)</"):
            assert dropped not in text
    [alert] = outcome.sent
    assert_valid_alerts(outcome.sent)
    for forbidden in ("<script", "<img", "<iframe", "javascript:", "onerror"):
        assert forbidden not in alert.text.lower()


@pytest.mark.parametrize("link", [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "java&#x09;script:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "https://x.example/a\" onclick=\"alert(1)",
])
def test_a_script_link_is_never_sent_as_a_link(
    feed_server: FeedServer, tmp_path: Path, link: str
) -> None:
    feed_server.add("/js.xml", rss_items([("NATO opens a liaison office", "", escape(link))]))
    outcome = poll(tmp_path, [feed_server.url("/js.xml")])
    [alert] = outcome.sent
    assert_valid_alerts(outcome.sent)
    lowered = alert.text.lower()
    assert "javascript" not in lowered and "data:" not in lowered and "vbscript" not in lowered
    assert 'onclick="' not in lowered
    for story in outcome.stories:
        assert story["link"] is None or story["link"].startswith("https://")


# --- redirects into private addresses -----------------------------------------------------

@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/internal.xml",
    "http://localhost:{port}/internal.xml",
    "http://127.0.0.1:{closed}/admin",
    "http://[::1]:{port}/internal.xml",
    "http://[::ffff:127.0.0.1]:{port}/internal.xml",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/latest/meta-data/",
    "http://10.0.0.1/",
    "http://0x7f000001:{port}/internal.xml",
])
def test_a_redirect_into_a_private_address_is_refused(
    feed_server: FeedServer, tmp_path: Path, target: str
) -> None:
    """The feed's own first hop is let through; the hop it redirects to meets the real check."""
    feed_server.add("/internal.xml", rss_items([("NATO internal-only memo", "", "https://i/1")]))
    feed_server.redirect("/feed.xml", target.format(port=feed_server.port, closed=unused_port()))
    url = feed_server.url("/feed.xml")
    allowed = {("127.0.0.1", feed_server.port)}

    async def check(host: str, port: int) -> str | None:
        return await first_hop_then_real(host, port, allowed)

    outcome = poll(tmp_path, [url], private=False, check=check)
    assert failed_with(outcome, url).startswith("refused: host resolves to a")
    assert feed_server.hits["/feed.xml"] == 1 and feed_server.hits["/internal.xml"] == 0
    assert outcome.stories == [] and outcome.sent == []
