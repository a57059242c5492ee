"""OPML in and out: lists exported by other readers come in whole; ours go back out intact."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from bot.core.errors import VigieError
from bot.ingest.opml import OpmlError, OpmlFeed, read_opml, read_opml_list, write_opml

# Shaped like a Feedly export: categories as outlines with text and title, feeds with htmlUrl.
FEEDLY = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Anna subscriptions in feedly Cloud</title></head>
  <body>
    <outline text="Ukraine" title="Ukraine">
      <outline type="rss" text="Kyiv Courier" title="Kyiv Courier"
               xmlUrl="https://kyivcourier.example/rss" htmlUrl="https://kyivcourier.example/"/>
      <outline type="rss" text="Дніпровський вісник" title="Дніпровський вісник"
               xmlUrl="https://dnipro-visnyk.example/feed.xml" htmlUrl="https://dnipro-visnyk.example"/>
    </outline>
    <outline text="Diplomatie" title="Diplomatie">
      <outline type="rss" text="Le Veilleur" title="Le Veilleur"
               xmlUrl="https://leveilleur.example/rss.xml" htmlUrl="https://leveilleur.example"/>
      <outline type="rss" text="Kyiv Courier" title="Kyiv Courier"
               xmlUrl="https://kyivcourier.example/rss" htmlUrl="https://kyivcourier.example/"/>
    </outline>
  </body>
</opml>
""".encode()

# Shaped like an Inoreader export: OPML 2.0, only `text` on some feeds, nested folders,
# lower-case attribute variants from older tools, an empty folder and a link outline.
INOREADER = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions from Inoreader [https://www.inoreader.com]</title></head>
  <body>
    <outline title="War" text="War">
      <outline title="East" text="East">
        <outline text="Baltic Wire" type="rss" xmlUrl="https://balticwire.example/feed"/>
        <outline text="Observateur de l'Est" type="rss" xmlurl="https://obs-est.example/rss"/>
      </outline>
      <outline title="Empty" text="Empty"/>
    </outline>
    <Outline TEXT="Old tool" XMLURL="http://old.example/rss.xml"/>
    <outline text="A bookmark" type="link" url="https://bookmark.example/"/>
    <outline title="" text="" xmlUrl="https://nameless.example/rss"/>
    <outline text="Baltic Wire again" xmlUrl="HTTPS://BalticWire.example/feed#x"/>
  </body>
</opml>
"""


def test_feedly_export_is_read_with_its_categories_and_duplicates_removed() -> None:
    assert read_opml(FEEDLY) == [
        OpmlFeed("https://kyivcourier.example/rss", "Kyiv Courier", "Ukraine"),
        OpmlFeed("https://dnipro-visnyk.example/feed.xml", "Дніпровський вісник", "Ukraine"),
        OpmlFeed("https://leveilleur.example/rss.xml", "Le Veilleur", "Diplomatie"),
    ]


def test_inoreader_export_is_read_whatever_the_case_and_nesting() -> None:
    assert read_opml(INOREADER) == [
        OpmlFeed("https://balticwire.example/feed", "Baltic Wire", "War/East"),
        OpmlFeed("https://obs-est.example/rss", "Observateur de l'Est", "War/East"),
        OpmlFeed("http://old.example/rss.xml", "Old tool"),
        OpmlFeed("https://nameless.example/rss", "https://nameless.example/rss"),
    ]


def test_round_trip_keeps_every_feed_and_name() -> None:
    feeds = [OpmlFeed("https://kyivcourier.example/rss", "Kyiv Courier"),
             OpmlFeed("https://obs-est.example/rss?lang=fr&x=1", "Observateur de l'Est & <co>"),
             OpmlFeed("https://dnipro-visnyk.example/feed.xml", "Дніпровський вісник")]
    assert read_opml(write_opml(feeds, "Vigie feeds")) == feeds


def test_written_document_is_opml_2_with_head_and_rss_outlines() -> None:
    created = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    data = write_opml([OpmlFeed("https://a.example/rss", "A")], "Vigie feeds", created)
    text = data.decode("utf-8")
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")
    assert '<opml version="2.0">' in text
    assert "<title>Vigie feeds</title>" in text
    assert "<dateCreated>Sun, 01 Jun 2025 12:00:00 GMT</dateCreated>" in text
    assert '<outline type="rss" text="A" title="A" xmlUrl="https://a.example/rss" />' in text


def test_an_empty_list_writes_and_reads_back_empty() -> None:
    assert read_opml(write_opml([], "Nothing")) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not OPML: invalid XML (no element found"),
        (b"<opml><body><outline xmlUrl='x'></body></opml>", "invalid XML (mismatched tag"),
        (b'<rss version="2.0"><channel/></rss>', "the root element is <rss>, expected <opml>"),
        (b"<html><body>Sign in</body></html>", "the root element is <html>"),
        (b'<opml version="2.0"><head/></opml>', "there is no <body> element"),
        (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body>'
         b'<outline text="&a;" xmlUrl="https://a.example/"/></body></opml>', "declares a DOCTYPE"),
        (b'<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body>'
         b'<outline text="&x;" xmlUrl="https://a.example/"/></body></opml>', "declares a DOCTYPE"),
        ('<?xml version="1.0" encoding="utf-16"?><!DOCTYPE opml><opml><body/></opml>'
         .encode("utf-16"), "declares a DOCTYPE"),
    ],
)
def test_bad_input_raises_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError) as caught:
        read_opml(data)
    assert message in str(caught.value)
    assert isinstance(caught.value, VigieError)


def test_billion_laughs_is_refused_before_expansion() -> None:
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    data = ("<!DOCTYPE opml [" + "".join(levels) + "]>"
            '<opml><body><outline text="&l9;" xmlUrl="https://a.example/"/></body></opml>')
    with pytest.raises(OpmlError, match="DOCTYPE"):
        read_opml(data.encode())


# Each file below carries one breakage real exports have; every feed of it must come in.
_BODY = ('<opml version="1.0"><head><title>Pays</title></head><body>'
         '<outline text="{folder}"><outline text="{name}" type="rss" '
         'xmlUrl="https://news.example/rss?lang=uk{amp}region=south"/></outline></body></opml>\n')


@pytest.mark.parametrize(("data", "name", "repair"), [
    (_BODY.format(folder="Україна", name="Kyiv", amp="&").encode(), "Kyiv",
     "escaped 1 bare '&'"),
    (_BODY.format(folder="Ukraine", name="Caf\u00e9 de l'Est", amp="&amp;").encode("cp1252"),
     "Caf\u00e9 de l'Est", "read as Windows-1252: no XML declaration and not UTF-8"),
    (_BODY.format(folder="Україна", name="Le&nbsp;Veilleur &eacute;t&eacute;",
                  amp="&amp;").encode(),
     "Le\u00a0Veilleur \u00e9t\u00e9", "replaced 3 HTML entit(ies) (&eacute;, &nbsp;)"),
    (b"\xef\xbb\xbfjunk\n" + _BODY.format(folder="Україна", name="Kyiv\x0b",
                                          amp="&amp;").encode(),
     "Kyiv", "removed 4 stray character(s) before the document"),
    (b'<?xml version="1.0" encoding="utf-8"?>' + _BODY.format(folder="U", name="Ky\xffiv",
                                                                amp="&amp;").encode("latin-1"),
     "Ky\ufffdiv", "replaced 1 stray byte(s) not in utf-8"),
])
def test_a_broken_export_is_repaired_and_says_what_was_repaired(
        data: bytes, name: str, repair: str) -> None:
    result = read_opml_list(data)
    assert [feed.name for feed in result.feeds] == [name]
    assert result.feeds[0].url == "https://news.example/rss?lang=uk&region=south"
    assert repair in result.repairs


def test_a_clean_file_needs_no_repair() -> None:
    assert read_opml_list(FEEDLY).repairs == []


def test_what_is_not_opml_is_still_refused_with_its_line() -> None:
    with pytest.raises(OpmlError, match="line 3"):
        read_opml(b"<opml>\n<body>\n<outline text='a' <<< />\n</body></opml>")


def test_folders_go_back_out_as_nested_outlines() -> None:
    feeds = [OpmlFeed("https://a.example/rss", "A", "War/East"),
             OpmlFeed("https://b.example/rss", "B", ""),
             OpmlFeed("https://c.example/rss", "C", "War")]
    data = write_opml(feeds, "Vigie feeds")
    war = ET.fromstring(data).find("body/outline[@text='War']")
    assert war is not None and war.find("outline[@text='East']/outline[@text='A']") is not None
    assert data.endswith(b"</opml>\n")
    assert sorted(read_opml(data), key=lambda feed: feed.url) == feeds
