"""Fuzz the feed reader: mutated RSS, Atom and RDF through parse_feed and normalise_entry.

Seeds are feeds written here in the shapes real outlets publish (RSS 2.0 with CDATA and HTML
descriptions, Atom with xhtml content, RDF/RSS 1.0 with Dublin Core dates), in English,
French, Ukrainian and Russian. Each input gets one to three mutations: byte flips, truncation,
tag duplication, encoding swaps, huge attributes, nested CDATA, entity declarations (billion
laughs, external files), splices of two seeds, inserted markup and control characters, runs
of empty comments before the root, and runs of unclosed tags in a title or summary.

Before the random inputs, the fixed HOSTILE inputs (each 1 MB or the issue's 361 bytes) are
read once each and timed: the patterns that backtracked on them (empty comments before
<rss>: exponential; unclosed <script, <a, < in a title: quadratic) must stay linear.

A failure is an exception out of parse_feed or normalise_entry, or an output that breaks the
contract: text longer than the limits, or more text out than came in (entity expansion).
The baseline is the unmutated seeds, parsed in the same process.

    .venv/bin/python benchmarks/fuzz_feeds.py --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.ingest.normalise import SUMMARY_LIMIT, TITLE_LIMIT, normalise_entry  # noqa: E402
from bot.ingest.parse import parse_feed  # noqa: E402
from bot.ingest.reader import PARSE_LIMIT, FeedJob, ReadFeed, process_reader  # noqa: E402

NOW = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
FEED_URL = "https://feed.example/rss"
TITLES = [
    "NATO ministers agree on air defence for Ukraine",
    "Kherson: power restored in three districts after shelling",
    "L'OTAN renforce sa présence sur le flanc est",
    "Херсон: відновлено електропостачання в трьох районах",
    "ОБСЕ призывает к прекращению огня в Донбассе",
    "Grain corridor: first ship leaves Odesa since May",
    "Réunion de l'OSCE à Vienne : « un pas en avant »",
    "Північноатлантичний альянс обговорить допомогу Україні",
]
SUMMARIES = [
    "<p>Ministers met in <b>Brussels</b> on Thursday &amp; agreed on new deliveries.</p>",
    "Repair crews worked through the night; <a href='https://x.example/more'>more</a>.",
    "<![CDATA[<div class=\"lead\">Les alliés se sont réunis <i>jeudi</i>.</div>]]>",
    "Ремонтні бригади працювали всю ніч &#8212; повідомляє ОВА.",
]
TRICKY = [
    "\u202e", "\u200d", "\u200b", "\ufeff", "\x00", "\x01", "\x1b", "&#0;", "&#xD800;",
    "&nbsp;", "&undefined;", "&#x110000;", "<script>alert(1)</script>", "<![CDATA[", "]]>",
    "<!--", "-->", "<?pi x?>", "javascript:alert(1)", "😀" * 50, "\\", "\"'<>&",
]
ENTITY_PROLOGS = [
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!-- <rss --><!DOCTYPE rss [<!ENTITY n "' + "n" * 5000 + '">]>',
    '<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>',
    '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd">',
]
MB = 1_000_000
MAX_BODY = 10 * MB  # the fetcher's default cap: a larger body never reaches the parser
HOSTILE = {
    "40 empty comments before <rss> (361 bytes)":
        b'<?xml version="1.0"?>' + b"<!---->" * 40
        + b'<rss version="2.0"><channel><title>Wire</title></channel></rss>',
    "empty comments before <rss>, 1 MB":
        b"<!---->" * (MB // 7) + b'<rss version="2.0"><channel><title>W</title></channel></rss>',
    "empty comments before <html>, 1 MB": b"<!---->" * (MB // 7) + b"<html><body>Log in",
    **{f"unclosed {unit!r} in a title, 1 MB":
       b'<rss version="2.0"><channel><title>W</title><item><guid>g</guid><title><![CDATA['
       + unit * (MB // len(unit)) + b"]]></title></item></channel></rss>"
       for unit in (b"<script ", b"<style>", b"<a ", b"<", b"</b ")},
}
UNCLOSED = ["<script ", "<style>", "<a ", "<", "</span "]
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251", "koi8-r",
             "latin-1", "cp1252", "ascii", "shift_jis", "cp037"]
Mutation = Callable[[bytes, random.Random], bytes]


def rss(rng: random.Random, items: int) -> str:
    entries = "".join(
        f"<item><title>{rng.choice(TITLES)}</title><link>https://x.example/{i}?utm_source=rss"
        f"</link><guid isPermaLink='false'>g-{i}</guid><description>{rng.choice(SUMMARIES)}"
        f"</description><pubDate>Mon, 02 Jun 2025 0{i % 10}:00:00 GMT</pubDate>"
        f"<category>War</category></item>" for i in range(items))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Kyiv Courier</title>'
            f"<link>https://x.example/</link><language>uk</language>{entries}</channel></rss>")


def atom(rng: random.Random, items: int) -> str:
    entries = "".join(
        f"<entry><title type='html'>{rng.choice(TITLES)}</title>"
        f"<link rel='alternate' href='https://a.example/{i}'/><id>urn:a:{i}</id>"
        f"<updated>2025-06-02T0{i % 10}:00:00Z</updated><content type='xhtml'>"
        f"<div xmlns='http://www.w3.org/1999/xhtml'><p>{rng.choice(TITLES)}</p></div></content>"
        f"</entry>" for i in range(items))
    return ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
            "xml:lang='fr'><title>Le Veilleur</title><id>urn:a</id>"
            f"<updated>2025-06-02T00:00:00Z</updated>{entries}</feed>")


def rdf(rng: random.Random, items: int) -> str:
    entries = "".join(
        f"<item rdf:about='https://r.example/{i}'><title>{rng.choice(TITLES)}</title>"
        f"<link>https://r.example/{i}</link><description>{rng.choice(SUMMARIES)}</description>"
        f"<dc:date>2025-06-02T0{i % 10}:00:00+03:00</dc:date></item>" for i in range(items))
    return ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<channel rdf:about='https://r.example/'><title>Baltic Wire</title></channel>"
            f"{entries}</rdf:RDF>")


def seeds(rng: random.Random) -> list[bytes]:
    """Feeds of each format and a few sizes."""
    return [make(rng, n).encode("utf-8") for make in (rss, atom, rdf) for n in (1, 5, 30)]


def flip_bytes(body: bytes, rng: random.Random) -> bytes:
    data = bytearray(body)
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def truncate(body: bytes, rng: random.Random) -> bytes:
    return body[: rng.randrange(len(body))]


def duplicate_tag(body: bytes, rng: random.Random) -> bytes:
    start = body.find(b"<", rng.randrange(len(body)))
    end = body.find(b">", start) + 1
    if start < 0 or end <= 0:
        return body + body
    return body[:start] + body[start:end] * rng.randint(2, 2000) + body[start:]


def swap_encoding(body: bytes, rng: random.Random) -> bytes:
    """Re-encode, keeping the declaration or not (so it may lie)."""
    encoding = rng.choice(ENCODINGS)
    text = body.decode("utf-8", "replace")
    if rng.random() < 0.5:
        text = text.replace('encoding="utf-8"', f'encoding="{encoding}"')
    return text.encode(encoding, "replace")


def huge_attribute(body: bytes, rng: random.Random) -> bytes:
    at = body.find(b">", rng.randrange(len(body)))
    if at < 1 or body[at - 1 : at] in (b"/", b"?"):
        return body
    value = rng.choice([b"x", b"&amp;", b"\xd0\x96", b"'"]) * rng.randint(1000, 200_000)
    return body[:at] + b' data-x="' + value + b'"' + body[at:]


def nested_cdata(body: bytes, rng: random.Random) -> bytes:
    depth = rng.randint(1, 500)
    inner = b"<![CDATA[" * depth + b"<b>NATO</b>" + b"]]>" * depth
    return body.replace(b"</title>", inner + b"</title>", rng.randint(1, 3))


def declare_entities(body: bytes, rng: random.Random) -> bytes:
    prolog = rng.choice(ENTITY_PROLOGS).encode()
    refs = rng.choice([b"&a;", b"&d;", b"&x;", b"&n;" * 100, b"&p;"])
    head, _, rest = body.partition(b"?>")
    if not rest:
        return prolog + body
    return head + b"?>" + prolog + rest.replace(b"</title>", refs + b"</title>", 3)


def insert_tricky(body: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(body))
    return body[:at] + rng.choice(TRICKY).encode("utf-8", "surrogatepass") + body[at:]


def empty_comments(body: bytes, rng: random.Random) -> bytes:
    """Empty comments before the root: "(?:<!--.*?-->\\s*)*" backtracked on them."""
    at = body.find(b"<rss")
    at = at if at >= 0 else 0
    return body[:at] + b"<!---->" * rng.randint(20, 20_000) + body[at:]


def unclosed_tags(body: bytes, rng: random.Random) -> bytes:
    """A run of tags never closed in a title or summary: quadratic for "<[^>]*>"."""
    run = rng.choice(UNCLOSED).encode() * rng.randint(100, 100_000)
    close = rng.choice([b"</title>", b"</description>"])
    return body.replace(close, b"<![CDATA[" + run + b"]]>" + close, 1)


MUTATIONS: list[Mutation] = [flip_bytes, truncate, duplicate_tag, swap_encoding, huge_attribute,
                             nested_cdata, declare_entities, insert_tricky, empty_comments,
                             unclosed_tags]


def mutate(seed: bytes, other: bytes, rng: random.Random) -> bytes:
    body = seed
    if rng.random() < 0.1:
        body = seed[: rng.randrange(len(seed))] + other[rng.randrange(len(other)) :]
    for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
        if body:
            body = mutation(body, rng)
    return body[:MAX_BODY]


HEADERS = [{}, {"content-type": "application/rss+xml; charset=utf-8"},
           {"content-type": "text/xml"}, {"content-type": "text/html; charset=windows-1251"},
           {"content-type": "application/atom+xml; charset=utf-16"}]


def check(body: bytes, headers: dict[str, str]) -> str | None:
    """Run one input through parse and normalise; a problem in words, or None."""
    parsed = parse_feed(body, headers)
    out = 0
    for entry in parsed.entries:
        story = normalise_entry(entry, FEED_URL, "Fuzz", parsed.language, NOW)
        if story is None:
            continue
        if len(story.title) > TITLE_LIMIT or len(story.summary) > SUMMARY_LIMIT:
            return "over the length limits"
        out += len(entry.title) + len(entry.summary)
    if out > 4 * len(body) + 10_000:
        return f"amplified: {len(body)} bytes in, {out} characters out"
    return None


def hostile() -> dict[str, float]:
    """Seconds each fixed hostile input takes; any problem it shows is raised."""
    took: dict[str, float] = {}
    for name, body in HOSTILE.items():
        start = time.perf_counter()
        problem = check(body, {})
        took[name] = round(time.perf_counter() - start, 4)
        assert problem is None, f"{name}: {problem}"
    return took


def check_job(job: FeedJob) -> ReadFeed:
    """`check` as a parser worker runs it: the problem as the error, and an exception's
    traceback as the warning."""
    try:
        return ReadFeed(None, None, error=check(job.body, dict(job.headers)))
    except Exception as error:  # noqa: BLE001 - finding these is the point
        return ReadFeed(None, None, error=f"{type(error).__name__}: {error}"[:200],
                        warning=traceback.format_exc())


def run(seconds: float, seed: int, save: Path | None, limit: float) -> dict[str, object]:
    """Fuzz for `seconds`; each input runs in a parser worker under the bot's wall-clock
    limit machinery (`limit` seconds), so one feedparser cannot stall the run."""
    rng = random.Random(seed)
    hostile_s = hostile()
    corpus = seeds(rng)
    base_start = time.perf_counter()
    for body in corpus:
        assert check(body, {}) is None, "a seed fails"
    baseline = (time.perf_counter() - base_start) / len(corpus)
    tried, failures, slowest, slowest_size, total, stopped = 0, [], 0.0, 0, 0.0, 0
    kinds: dict[str, int] = {}
    deadline = time.monotonic() + seconds
    with process_reader(1, limit, check_job) as reader:
        while time.monotonic() < deadline:
            body = mutate(rng.choice(corpus), rng.choice(corpus), rng)
            headers = rng.choice(HEADERS)
            start = time.perf_counter()
            read = asyncio.run(reader(FeedJob(body, headers, FEED_URL, "Fuzz", None, NOW)))
            problem = read.error
            if problem is not None and problem.startswith("parsing took longer than"):
                stopped, problem = stopped + 1, None
                if save is not None:
                    _save(save, body, headers, read.error or "")
            elif read.warning is not None and problem is not None:
                kind = problem.split(":", 1)[0]
                kinds[kind] = kinds.get(kind, 0) + 1
                if save is not None:
                    _save(save, body, headers, read.warning)
            elapsed = time.perf_counter() - start
            total += elapsed
            tried += 1
            if elapsed > slowest:
                slowest, slowest_size = elapsed, len(body)
            if problem is not None:
                failures.append(problem)
    return {"seconds": seconds, "seed": seed, "inputs_tried": tried,
            "stopped_at_limit": stopped, "limit_s": limit,
            "failures": len(failures), "failure_kinds": kinds,
            "first_failures": sorted(set(failures))[:5],
            "slowest_input_s": round(slowest, 4), "slowest_input_bytes": slowest_size,
            "mean_input_ms": round(1000 * total / max(tried, 1), 3),
            "baseline_seed_ms": round(1000 * baseline, 3),
            "mean_vs_baseline": round(total / max(tried, 1) / baseline, 2),
            "hostile_s": hostile_s}


def _save(directory: Path, body: bytes, headers: dict[str, str], trace: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(body).hexdigest()[:16]
    (directory / f"{name}.xml").write_bytes(body)
    (directory / f"{name}.txt").write_text(f"{headers}\n{trace}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, help="directory for failing inputs")
    parser.add_argument("--limit", type=float, default=10.0,
                        help="seconds an input may take before its worker is killed (the bot: "
                             f"{PARSE_LIMIT:g})")
    args = parser.parse_args()
    result = run(args.seconds, args.seed, args.save, args.limit)
    print(f"inputs tried: {result['inputs_tried']}, failures: {result['failures']} "
          f"{result['failure_kinds']}, stopped at the {result['limit_s']} s limit: "
          f"{result['stopped_at_limit']}")
    for failure in result["first_failures"]:  # type: ignore[attr-defined]
        print(f"  {failure}")
    print(f"slowest input: {result['slowest_input_s']} s ({result['slowest_input_bytes']} bytes);"
          f" mean {result['mean_input_ms']} ms vs {result['baseline_seed_ms']} ms for a seed "
          f"({result['mean_vs_baseline']}x)")
    for name, took in result["hostile_s"].items():  # type: ignore[attr-defined]
        print(f"  hostile: {name}: {took} s")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
