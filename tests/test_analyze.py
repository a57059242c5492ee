"""`vigie analyze`: anyone can check Vigie's judgement on their own file of stories."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.app.cli import main
from tests.support.bulletins import load_cases

STORIES = [
    {"id": "a", "title": "Five injured in Odesa drone strike - Reuters",
     "published": "2026-11-24T06:00:00+00:00"},
    {"id": "b", "title": "Seven injured in Odesa drone strike",
     "published": "2026-11-24T08:00:00+00:00"},
    {"id": 3, "title": "L’OTAN ouvre un centre de commandement en Pologne",
     "summary": "Le sénateur a salué la décision.", "link": "https://x.example/3"},
    {"id": 4, "title": "Губернатор Херсонщини повідомив про обстріл Херсона"},
    {"id": 5, "title": "EU foreign ministers meet in Luxembourg"},
    {"id": 6, "title": "EU finance ministers meet in Luxembourg"},
]


def analyze(tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: list[str],
            *args: str) -> tuple[int, list[dict[str, object]], str]:
    path = tmp_path / "stories.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["analyze", str(path), *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_one_line_out_per_line_in_with_clusters_topics_and_filters(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = analyze(tmp_path, capsys, [json.dumps(s) for s in STORIES],
                           "--filter", "odesa drone", "--filter", "ministers -finance")
    assert code == 0
    assert [line["id"] for line in out] == ["a", "b", 3, 4, 5, 6]
    assert out[1]["cluster"] == "a" and out[1]["duplicate_of"] == "a"  # updated toll, same story
    assert out[5]["cluster"] == 6 and out[5]["duplicate_of"] is None  # another meeting
    assert out[2]["topics"] == ["nato"] and out[3]["topics"] == ["kherson"]
    assert out[0]["filters"] == ["odesa drone"] and out[4]["filters"] == ["ministers -finance"]
    assert out[5]["filters"] == []


def test_stories_older_than_the_window_are_not_compared(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As in the bot: a story leaves the window after `window_hours` (48 by default)."""
    title = "Russian drones hit Kharkiv power plant"
    lines = [json.dumps({"id": n, "title": title, "published": f"2026-11-{day}T06:00:00+00:00"})
             for n, day in enumerate(["20", "21", "24"])]
    code, out, _ = analyze(tmp_path, capsys, lines)
    assert code == 0
    assert out[1]["duplicate_of"] == 0  # a day later: still in the window
    assert out[2]["duplicate_of"] is None and out[2]["cluster"] == 2  # three days later: gone


def test_standard_input_is_read_with_a_dash(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(STORIES[0]) + "\n"))
    assert main(["analyze", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["cluster"] == "a"


def test_the_link_is_never_searched(tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    story = {"id": 1, "title": "Rain expected in Lviv", "summary": "Cooler by Friday.",
             "link": "https://nato.example/kherson/osce-drone"}
    code, out, _ = analyze(tmp_path, capsys, [json.dumps(story)], "--filter", "drone")
    assert code == 0 and (out[0]["topics"], out[0]["filters"]) == ([], [])


@pytest.mark.parametrize(("lines", "args", "message"), [
    (['{"id": 1, "title": "ok"}', '{"id": 2, "title": '], (), "line 2: not JSON"),
    (['{"id": 1}'], (), 'line 1: needs an object with "id" and a string "title"'),
    (['{"id": 1, "title": "x", "published": "yesterday"}'], (), "line 1: published"),
    (['{"id": 1, "title": "x"}'], ("--filter", "(kherson"), "is never closed (at character 1)"),
])
def test_a_bad_line_or_filter_exits_2_and_says_where(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: list[str],
        args: tuple[str, ...], message: str) -> None:
    code, out, err = analyze(tmp_path, capsys, lines, *args)
    assert code == 2 and message in err


def test_an_html_bulletin_gives_one_line_per_part_and_a_whole_item_keeps_its_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = {case.name: case for case in load_cases()}
    bulletin, whole = cases["fr_headline_paragraphs"], cases["fr_read_also"]
    lines = [json.dumps({"id": "v", "title": bulletin.title, "summary": "Trois informations.",
                         "html": bulletin.html}),
             json.dumps({"id": "w", "title": whole.title, "html": whole.html})]
    code, out, _ = analyze(tmp_path, capsys, lines)
    assert code == 0
    assert [line["id"] for line in out] == ["v#1", "v#2", "v#3", "w"]
    assert [line["topics"] for line in out] == [["nato"], ["kherson"], ["osce"], ["osce"]]


def test_a_report_in_another_language_reading_alike_but_unmerged_is_named_perhaps_the_same(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As the bot's alert shows it: a link only probable is shown, not merged."""
    at = "2026-11-24T06:00:00+00:00"
    lines = [json.dumps(story) for story in (
        {"id": "en", "title": "Power restored to most of Kyiv after overnight strikes",
         "language": "en", "published": at},
        {"id": "fr", "title": "L'électricité rétablie dans la majeure partie de Kyiv après "
         "les frappes", "language": "fr", "published": at},
        {"id": "other", "title": "Le pont de Zatoka rouvert à la circulation", "language": "fr",
         "published": at})]
    code, out, _ = analyze(tmp_path, capsys, lines)
    assert code == 0
    assert [(o["cluster"], o["perhaps_same"]) for o in out] == [
        ("en", None), ("fr", "en"), ("other", None)]
