"""The catalogue: every message in every language, with the same {fields} as English, valid
Telegram HTML once filled; and the language a chat gets."""

from __future__ import annotations

import string
from dataclasses import fields

import pytest
import sqlite_utils

from bot.core.texts import ENGLISH, Texts, fill, language_of, texts_for
from bot.core.texts_fr import FRENCH_FIELDS
from bot.core.texts_uk import UKRAINIAN_FIELDS
from bot.deliver.alerts import render_row
from storage.chats import register_chat
from storage.outbox import recent_for_chat
from tests.support.fakebot import html_error
from tests.support.stories import hold, utc

FIELDS = [f.name for f in fields(Texts)]
LANGUAGES = {"fr": FRENCH_FIELDS, "uk": UKRAINIAN_FIELDS}
# the same in every language on purpose: pure markup around a value
SAME_EVERYWHERE = {"topic_line", "topic_button_on", "topic_button_off", "filter_line",
                   "connection_line", "button_manage", "managing_header",
                   "filter_button", "recent_line", "recent_link", "feeds_block",
                   "digest_group", "digest_item"}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_message_exists_in_every_language(language: str) -> None:
    catalogue = LANGUAGES[language]
    assert sorted(set(FIELDS) - set(catalogue)) == []  # missing translations
    assert sorted(set(catalogue) - set(FIELDS)) == []  # names English does not have
    assert [name for name, text in catalogue.items() if not text.strip()] == []


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_translations_keep_the_fields_of_the_english_message(language: str) -> None:
    catalogue = LANGUAGES[language]
    differing = [name for name in FIELDS
                 if placeholders(catalogue[name]) != placeholders(getattr(ENGLISH, name))]
    assert differing == []


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_translations_are_translated(language: str) -> None:
    catalogue = LANGUAGES[language]
    untranslated = [name for name in FIELDS if name not in SAME_EVERYWHERE
                    and catalogue[name] == getattr(ENGLISH, name)]
    assert untranslated == []


@pytest.mark.parametrize("language", ["en", "fr", "uk"])
def test_every_message_is_valid_telegram_html_once_filled(language: str) -> None:
    t = texts_for(language)
    broken = {}
    for name in FIELDS:
        template = getattr(t, name)
        filled = fill(template, **dict.fromkeys(placeholders(template), "x < y & z"))
        if (error := html_error(filled)) is not None:
            broken[name] = error
    assert broken == {}


@pytest.mark.parametrize(("code", "language"), [
    ("fr", "fr"), ("fr-CA", "fr"), ("uk", "uk"), ("uk-UA", "uk"), ("en-GB", "en"),
    ("ru", "en"),  # Russian speakers get English: /lang uk is theirs to choose
    ("de", "en"), (None, "en"), ("", "en"),
])
def test_a_chat_gets_its_language_or_english(code: str | None, language: str) -> None:
    assert language_of(code) == language
    assert texts_for(code) is texts_for(language)


def test_each_language_reads_differently() -> None:
    helps = {texts_for(code).help for code in ("en", "fr", "uk")}
    assert len(helps) == 3


@pytest.mark.parametrize(("language", "label"), [
    (None, "🔔 topic nato"), ("fr", "🔔 thème nato"), ("uk", "🔔 тема nato")])
def test_an_alert_names_its_reason_in_the_chats_language(
        db: sqlite_utils.Database, language: str | None, label: str) -> None:
    register_chat(db, 300, "private", "reader", language, utc("2026-05-01T00:00"))
    hold(db, 300, 1, utc("2026-05-01T08:00"), "NATO opens a command in Finland")
    [row] = recent_for_chat(db, 300, 1)
    assert render_row(db, row).split("\n")[0] == label


@pytest.mark.parametrize(("language", "month", "also"), [
    (None, "1 May 2026", "Also reported by Kyiv Courier"),
    ("fr", "1 mai 2026", "Également rapporté par Kyiv Courier"),
    ("uk", "1 трав. 2026", "Також повідомили: Kyiv Courier"),
])
def test_an_alerts_date_and_other_outlets_are_in_the_chats_language(
        db: sqlite_utils.Database, language: str | None, month: str, also: str) -> None:
    register_chat(db, 300, "private", "reader", language, utc("2026-05-01T00:00"))
    hold(db, 300, 1, utc("2026-05-01T08:00"), "NATO opens a command in Finland")
    [row] = recent_for_chat(db, 300, 1)
    db.execute("UPDATE clusters SET sources = ? WHERE id = ?",
               ['["' + str(row_source(db, row.story_id)) + '", "Kyiv Courier"]', row.cluster_id])
    text = render_row(db, row)
    assert month in text and also in text


def row_source(db: sqlite_utils.Database, story_id: int) -> str:
    return str(db.execute("SELECT source FROM stories WHERE id = ?", [story_id]).fetchone()[0])
