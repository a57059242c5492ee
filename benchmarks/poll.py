"""Benchmark one poll cycle (issue 2): many slow feeds on 127.0.0.1, all new, then all unchanged.

Workload: FEEDS feeds of ITEMS items (about 10 kB each, distinct headlines, a quarter of
the feeds in each of English, French, Ukrainian and Russian),
served by an asyncio HTTP/1.1 server in its own process (so its CPU is not counted as
Vigie's), each answer delayed by a random 50-500 ms; ETag and If-None-Match -> 304.

Vigie: `vigie poll --once` as the command runs it (`bot.app.poll_command.poll_once`: fetch, parse
off the loop, normalise, store, cluster, match, enqueue) on a real SQLite file, polling
concurrency CONCURRENCY. Cycle 1: every feed new. Cycle 2: every feed made due again; each
answers 304. Wall time and CPU time (this process, all threads) of each.

Baseline in the same run: sequential `feedparser.parse(url)` (its defaults: sanitising and
relative URI resolution on, no storage), on a sample of feeds, scaled to FEEDS (said in the
output), since all 1,000 would take about five minutes.

    .venv/bin/python benchmarks/poll.py                 # 1,000 feeds, about 1 minute
    .venv/bin/python benchmarks/poll.py --feeds 100 --sample 10    # smoke run
    .venv/bin/python benchmarks/poll.py --profile       # cProfile of each cycle, top entries
    .venv/bin/python benchmarks/poll.py --store-only    # fetch, parse, store: no dedup, no match

Last line: one JSON object: cycle_new_s, cycle_unchanged_s, cpu_ms_per_feed (unchanged
cycle), threadpool_s (the thread pool of feedparser.parse over all feeds), baseline_s (sequential),
speedup (baseline_s / cycle_new_s), and the details: among them the main process's CPU in
the store step (cycle_new_store_cpu_s: store, cluster, match, enqueue; the rest is fetching,
the hand-off to the parsing workers and the feed rows) and the garbage collector's time and
longest pause in each cycle (the event loop stands still that long).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import hashlib
import json
import multiprocessing
import os
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import feedparser  # noqa: E402

from bot.app.context import open_context
from bot.core.clock import utcnow  # noqa: E402
from bot.core.context import Context  # noqa: E402
from bot.engine import running_engine  # noqa: E402
from bot.ingest.poll import PollReport  # noqa: E402
from storage.db import transaction  # noqa: E402
from storage.feeds import make_all_due  # noqa: E402
from storage.stories import insert_story, known_among  # noqa: E402

DELAY = (0.05, 0.5)
LANGUAGES = ("en", "fr", "uk", "ru")
"""Feed `index` is in LANGUAGES[index % 4], as our users' outlets are: the cross-language
step (bot/dedup/crosslang.py) then runs as it does for them, not only within one language."""
PLACES = {
    "en": ["Kyiv", "Kharkiv", "Odesa", "Kherson", "Dnipro", "Zaporizhzhia", "Lviv", "Mykolaiv",
           "Sumy", "Poltava", "Vilnius", "Brussels", "Geneva", "Vienna", "Warsaw", "Paris",
           "Berlin", "Chernihiv", "Izium", "Bakhmut"],
    "fr": ["Kyiv", "Kharkiv", "Odessa", "Kherson", "Dnipro", "Zaporijjia", "Lviv", "Mykolaïv",
           "Soumy", "Poltava", "Vilnius", "Bruxelles", "Genève", "Vienne", "Varsovie", "Paris",
           "Berlin", "Tchernihiv", "Izioum", "Bakhmout"],
    "uk": ["Києві", "Харкові", "Одесі", "Херсоні", "Дніпрі", "Запоріжжі", "Львові", "Миколаєві",
           "Сумах", "Полтаві", "Вільнюсі", "Брюсселі", "Женеві", "Відні", "Варшаві", "Парижі",
           "Берліні", "Чернігові", "Ізюмі", "Бахмуті"],
    "ru": ["Киеве", "Харькове", "Одессе", "Херсоне", "Днепре", "Запорожье", "Львове",
           "Николаеве", "Сумах", "Полтаве", "Вильнюсе", "Брюсселе", "Женеве", "Вене", "Варшаве",
           "Париже", "Берлине", "Чернигове", "Изюме", "Бахмуте"],
}
ACTORS = {
    "en": ["NATO ministers", "OSCE monitors", "the UN envoy", "EU leaders", "the mayor",
           "rescue teams", "the general staff", "energy workers", "grain traders",
           "the IAEA mission", "parliament", "Red Cross staff", "the central bank",
           "railway crews", "school heads"],
    "fr": ["les ministres de l'OTAN", "les observateurs de l'OSCE", "l'envoyé de l'ONU",
           "les dirigeants de l'UE", "le maire", "les secouristes", "l'état-major",
           "les énergéticiens", "les négociants en céréales", "la mission de l'AIEA",
           "le parlement", "la Croix-Rouge", "la banque centrale", "les cheminots",
           "les directeurs d'école"],
    "uk": ["міністри НАТО", "спостерігачі ОБСЄ", "посланець ООН", "лідери ЄС", "мер",
           "рятувальники", "Генштаб", "енергетики", "зернотрейдери", "місія МАГАТЕ",
           "парламент", "Червоний Хрест", "центробанк", "залізничники", "директори шкіл"],
    "ru": ["министры НАТО", "наблюдатели ОБСЕ", "посланник ООН", "лидеры ЕС", "мэр",
           "спасатели", "Генштаб", "энергетики", "зернотрейдеры", "миссия МАГАТЭ", "парламент",
           "Красный Крест", "центробанк", "железнодорожники", "директора школ"],
}
VERBS = {
    "en": ["meet in", "report from", "warn about", "return to", "restore power in",
           "debate aid for", "inspect damage in", "evacuate families from", "sign a deal in",
           "reopen routes to"],
    "fr": ["se réunissent à", "témoignent depuis", "alertent sur", "reviennent à",
           "rétablissent le courant à", "débattent de l'aide à", "inspectent les dégâts à",
           "évacuent des familles de", "signent un accord à", "rouvrent les routes vers"],
    "uk": ["зустрічаються в", "повідомляють з", "попереджають про", "повертаються до",
           "відновлюють світло в", "обговорюють допомогу для", "оглядають руйнування в",
           "евакуюють родини з", "підписують угоду в", "відкривають шляхи до"],
    "ru": ["встречаются в", "сообщают из", "предупреждают о", "возвращаются в",
           "восстанавливают свет в", "обсуждают помощь для", "осматривают разрушения в",
           "эвакуируют семьи из", "подписывают соглашение в", "открывают пути в"],
}
WORDS = {
    "en": ["after overnight talks", "as shelling resumes", "despite the curfew",
           "amid air raid alerts", "for the third day", "with new funding", "under heavy fire",
           "before the winter", "ahead of the summit", "as prices climb"],
    "fr": ["après des pourparlers nocturnes", "alors que les bombardements reprennent",
           "malgré le couvre-feu", "sous les alertes aériennes", "pour le troisième jour",
           "avec de nouveaux fonds", "sous un feu nourri", "avant l'hiver",
           "à la veille du sommet", "alors que les prix montent"],
    "uk": ["після нічних переговорів", "на тлі відновлення обстрілів", "попри комендантську годину",
           "під час повітряних тривог", "третій день поспіль", "з новим фінансуванням",
           "під сильним вогнем", "перед зимою", "напередодні саміту", "на тлі зростання цін"],
    "ru": ["после ночных переговоров", "на фоне возобновления обстрелов",
           "несмотря на комендантский час", "во время воздушных тревог", "третий день подряд",
           "с новым финансированием", "под сильным огнем", "перед зимой", "накануне саммита",
           "на фоне роста цен"],
}


# --- the feed server (its own process) -----------------------------------------------------


def feed_body(index: int, items: int, now: datetime) -> bytes:
    """Feed `index`: ITEMS items with distinct headlines, published over the last two days."""
    rng = random.Random(index)
    language = LANGUAGES[index % len(LANGUAGES)]
    words = WORDS[language]
    entries = []
    for n in range(items):
        actor = rng.choice(ACTORS[language])
        title = (f"{actor[0].upper()}{actor[1:]} {rng.choice(VERBS[language])} "
                 f"{rng.choice(PLACES[language])} {rng.choice(words)} (report {index}-{n})")
        summary = f"{title}. " + " ".join(rng.choice(words) for _ in range(8)) + "."
        when = format_datetime(now - timedelta(minutes=rng.randrange(2880)), usegmt=True)
        entries.append(
            f"<item><guid>urn:bench:{index}:{n}</guid><title>{escape(title)}</title>"
            f"<link>https://outlet{index}.example/news/{n}?utm_source=rss</link>"
            f"<description>{escape(summary)}</description><pubDate>{when}</pubDate></item>"
        )
    channel = (f"<title>Outlet {index}</title><language>{language}</language>"
               f"{''.join(entries)}")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>{channel}'
            "</channel></rss>").encode()


class FeedSite:
    """The answers: one body and ETag per feed path, each after a random delay."""

    def __init__(self, feeds: int, items: int, seed: int) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        self.bodies = [feed_body(i, items, now) for i in range(feeds)]
        self.etags = ['"' + hashlib.sha1(b).hexdigest()[:16] + '"' for b in self.bodies]
        self.rng = random.Random(seed)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """HTTP/1.1 with keep-alive, GET only; enough for httpx and urllib."""
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                close = await self.answer(head.decode("latin-1"), writer)
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def answer(self, head: str, writer: asyncio.StreamWriter) -> bool:
        lines = head.split("\r\n")
        path = lines[0].split(" ")[1]
        pairs = (line.partition(":") for line in lines[1:])
        headers = {name.strip().lower(): value.strip() for name, _, value in pairs}
        await asyncio.sleep(self.rng.uniform(*DELAY))
        index = int(path.strip("/").split(".")[0]) if path.strip("/")[:1].isdigit() else -1
        if not 0 <= index < len(self.bodies):
            status, body, etag = "404 Not Found", b"no such feed", None
        elif headers.get("if-none-match") == self.etags[index]:
            status, body, etag = "304 Not Modified", b"", self.etags[index]
        else:
            status, body, etag = "200 OK", self.bodies[index], self.etags[index]
        close = headers.get("connection", "").lower() == "close"
        out = [f"HTTP/1.1 {status}", "Content-Type: application/rss+xml; charset=utf-8"]
        out += [f"ETag: {etag}"] if etag else []
        out += [] if status.startswith("304") else [f"Content-Length: {len(body)}"]
        out += ["Connection: close"] if close else []
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + body)
        await writer.drain()
        return close


def serve(feeds: int, items: int, seed: int, port_out: Any) -> None:
    """The server process: serve until killed."""

    async def main() -> None:
        site = FeedSite(feeds, items, seed)
        server = await asyncio.start_server(site.handle, "127.0.0.1", 0, backlog=4096)
        port_out.send(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Timed:
    wall: float
    cpu: float
    workers: float = 0.0  # CPU of the parsing worker processes, which process_time misses
    store: float = 0.0  # main-thread CPU in the store step (store, cluster, match, enqueue)
    gc_s: float = 0.0  # time in the garbage collector
    gc_max_ms: float = 0.0  # its longest pause: the event loop stood still that long


class Collections:
    """Time spent in the garbage collector while installed: total and longest pause."""

    def __init__(self) -> None:
        self.total = self.longest = 0.0
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
            return
        pause = time.perf_counter() - self._began
        self.total += pause
        self.longest = max(self.longest, pause)


class StoreClock:
    """Wraps the pipeline's `ingest` (one transaction of stories: store, cluster, match,
    enqueue; synchronous, so the thread's clock counts it alone) and adds up its CPU."""

    def __init__(self, ingest: Any) -> None:
        self.ingest = ingest
        self.cpu = 0.0

    def __call__(self, *args: Any) -> Any:
        began = time.thread_time()
        try:
            return self.ingest(*args)
        finally:
            self.cpu += time.thread_time() - began


@contextmanager
def measured(profile: bool, label: str) -> Iterator[list[Timed]]:
    """Wall and CPU time of the block (this process, every thread), profiled if asked; the
    figures land in the yielded list when the block ends. The profile counts the main
    thread's CPU, not the wall clock: waiting for the GIL (held by the thread that reads a
    parsing worker's answer) made BEGIN and COMMIT look 200 times dearer than they are."""
    spent: list[Timed] = []
    profiler = cProfile.Profile(time.thread_time) if profile else None
    collections = Collections()
    gc.callbacks.append(collections)
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    yield spent
    if profiler:
        profiler.disable()
    gc.callbacks.remove(collections)
    spent.append(Timed(time.perf_counter() - wall, time.process_time() - cpu,
                       gc_s=collections.total, gc_max_ms=collections.longest * 1000))
    if profiler:
        print(f"--- profile: {label} (main thread's CPU; parsing runs in worker processes) ---")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def write_config(directory: Path, urls: list[str], concurrency: int) -> Path:
    lines = ["[storage]", f"path = {json.dumps(str(directory / 'bench.db'))}",
             "[polling]", "interval = 300", "timeout = 120", f"concurrency = {concurrency}",
             "[fetch]", "allow_private_hosts = true"]
    for url in urls:
        lines += ["[[feeds]]", f"url = {json.dumps(url)}"]
    path = directory / "bench.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def baseline(urls: list[str]) -> Timed:
    """Plain feedparser, one URL after another, as a naive poller would."""
    wall, cpu = time.perf_counter(), time.process_time()
    entries = sum(len(feedparser.parse(url).entries) for url in urls)
    spent = Timed(time.perf_counter() - wall, time.process_time() - cpu)
    print(f"baseline: {len(urls)} feeds parsed sequentially, {entries} entries")
    return spent


def threadpool(urls: list[str], workers: int = 64) -> Timed:
    """The fair baseline: `feedparser.parse(url)` in a ThreadPoolExecutor of `workers`.

    feedparser fetches with its own urllib (no conditional GET: it keeps no ETag between
    runs, so every cycle downloads and parses every feed) and parses; it stores nothing and
    neither folds duplicates nor matches. Vigie's cycle does all of that and sends
    If-None-Match/If-Modified-Since, so an unchanged feed is a 304 with nothing to parse."""
    wall, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        entries = sum(len(parsed.entries) for parsed in pool.map(feedparser.parse, urls))
    spent = Timed(time.perf_counter() - wall, time.process_time() - cpu)
    print(f"thread pool baseline: {len(urls)} feeds, {workers} threads of feedparser.parse, "
          f"{entries} entries: {spent.wall:.2f} s wall, {spent.cpu:.2f} s CPU")
    return spent


def run(args: argparse.Namespace) -> dict[str, Any]:
    for name in [k for k in os.environ if k.lower().endswith("_proxy")]:
        del os.environ[name]  # loopback only; urllib (the baseline) would honour a proxy
    spawn = multiprocessing.get_context("spawn")
    receive, send = spawn.Pipe(duplex=False)
    server = spawn.Process(target=serve, args=(args.feeds, args.items, 7, send), daemon=True)
    server.start()
    try:
        port = receive.recv()
        urls = [f"http://127.0.0.1:{port}/{i}.xml" for i in range(args.feeds)]
        return measure(args, urls)
    finally:
        server.kill()
        server.join()


def measure(args: argparse.Namespace, urls: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as directory:
        context = open_context(str(write_config(Path(directory), urls, args.concurrency)))
        first, second = asyncio.run(cycles(context, args))
        with measured(False, "start") as spent:
            asyncio.run(engine_start(context))
        start = spent[0]
        print(f"engine start on the full database (what each `vigie poll --once` pays first):"
              f" {start.wall:.2f} s wall, {start.cpu:.2f} s CPU")
        stored = context.db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        context.db.close()
    sample = urls[: args.sample]
    base = baseline(sample)
    scale = args.feeds / len(sample)
    baseline_s = base.wall * scale
    print(f"baseline: {base.wall:.2f} s wall, {base.cpu:.2f} s CPU for {len(sample)} feeds; "
          f"scaled x{scale:g} to {args.feeds} feeds: {baseline_s:.1f} s")
    pooled = threadpool(urls)
    speedup = baseline_s / first.wall
    cpu_ms = (second.cpu + second.workers) * 1000 / args.feeds
    print(f"all-new cycle: {first.wall:.1f} s wall (target <= 15 s); thread pool of feedparser:"
          f" {pooled.wall:.1f} s (Vigie takes {first.wall / pooled.wall:.2f}x as long); sequential:"
          f" {speedup:.0f}x; unchanged cycle CPU: {cpu_ms:.2f} ms per feed (target <= 1.5)")
    return {
        "cycle_new_s": round(first.wall, 3), "cycle_unchanged_s": round(second.wall, 3),
        "cpu_ms_per_feed": round(cpu_ms, 3), "baseline_s": round(baseline_s, 2),
        "speedup": round(speedup, 1), "threadpool_s": round(pooled.wall, 3),
        "threadpool_cpu_s": round(pooled.cpu, 3), "cycle_new_cpu_s": round(first.cpu, 3),
        "cycle_unchanged_cpu_s": round(second.cpu, 3),
        "cycle_new_worker_cpu_s": round(first.workers, 3),
        "cycle_unchanged_worker_cpu_s": round(second.workers, 3),
        "cycle_new_store_cpu_s": round(first.store, 3),
        "cycle_new_gc_s": round(first.gc_s, 3), "cycle_new_gc_max_ms": round(first.gc_max_ms),
        "cycle_unchanged_gc_s": round(second.gc_s, 3),
        "cycle_unchanged_gc_max_ms": round(second.gc_max_ms), "feeds": args.feeds,
        "items": args.items, "stories_stored": stored, "concurrency": args.concurrency,
        "scope": "fetch, parse, store" if args.store_only else "all of vigie poll --once",
        "engine_start_full_db_s": round(start.wall, 3),
        "baseline_sample": len(sample), "baseline_sample_s": round(base.wall, 3),
        "baseline_scaled": scale != 1, "delay_s": list(DELAY),
    }


async def cycles(context: Context, args: argparse.Namespace) -> tuple[Timed, Timed]:
    """Two cycles of one engine, as `vigie run` polls: all new, then all unchanged (304)."""
    async with running_engine(context) as engine:
        if args.store_only:
            engine.poller.store = store_only(context)
        clock = StoreClock(engine.pipeline.ingest)
        engine.pipeline.ingest = clock  # type: ignore[method-assign]
        with measured(args.profile, "all new") as spent:
            new = await engine.poll_once()
        first = with_workers(spent[0], engine, 0.0, clock.cpu)
        show("cycle 1 (all new)", new, first, args.feeds)
        make_all_due(context.db, utcnow())
        with measured(args.profile, "unchanged") as spent:
            same = await engine.poll_once()
        second = with_workers(spent[0], engine, first.workers, clock.cpu - first.store)
        show("cycle 2 (unchanged)", same, second, args.feeds)
    return first, second


def store_only(context: Context) -> Any:
    """The poller's store step as issue 2 built it: new stories stored once, nothing more
    (no clustering, no matching, no outbox); `--store-only` measures that scope."""

    async def store(feed: Any, stories: list[Any], now: datetime) -> list[Any]:
        with transaction(context.db):
            known = known_among(context.db, stories)
            for story in stories:
                if story not in known:
                    known.add(story)
                    insert_story(context.db, story, feed.id, now)
        return []

    return store


def with_workers(spent: Timed, engine: Any, before: float, store: float) -> Timed:
    """The figures with the parsing workers' CPU (their running total minus `before`) and
    the store step's."""
    total = float(getattr(engine.poller.reader, "cpu_s", 0.0))
    return Timed(spent.wall, spent.cpu, total - before, store, spent.gc_s, spent.gc_max_ms)


async def engine_start(context: Context) -> None:
    """Build the engine (dedup window, matcher) on the full database, poll nothing."""
    async with running_engine(context):
        pass


def show(label: str, report: PollReport, spent: Timed, feeds: int) -> None:
    print(f"{label}: {spent.wall:.2f} s wall, {spent.cpu:.2f} s CPU "
          f"({spent.cpu * 1000 / feeds:.2f} ms per feed) + {spent.workers:.2f} s CPU in parsing "
          f"workers; {report.summary()}")
    print(f"  main process CPU: {spent.store:.2f} s storing (store, cluster, match, enqueue), "
          f"{spent.cpu - spent.store:.2f} s the rest (fetch, hand-off to the workers, feed rows);"
          f" garbage collector {spent.gc_s:.2f} s, longest pause {spent.gc_max_ms:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--sample", type=int, default=50, help="feeds in the baseline run")
    parser.add_argument("--profile", action="store_true", help="cProfile each cycle")
    parser.add_argument("--store-only", action="store_true",
                        help="store the stories but neither cluster nor match them (issue 2's "
                             "own scope; the default runs all that `vigie poll --once` runs)")
    args = parser.parse_args()
    args.sample = max(1, min(args.sample, args.feeds))
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main()
