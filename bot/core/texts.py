"""Every message the bot writes, as named templates in one catalogue per language.

Templates are Telegram HTML with `{name}` fields. `fill` escapes every value it is given, so
user and feed text can never inject markup; a value that is already HTML (a snippet with
bold words) is wrapped in `Html` to say so. A language is a `Texts` instance: English is the
defaults, French and Ukrainian give every field (bot/core/texts_fr.py, texts_uk.py; a test
fails when one is missing or its {fields} differ), and `texts_for` picks one by code.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.core.texts_fr import FRENCH_FIELDS
from bot.core.texts_uk import UKRAINIAN_FIELDS


class Html(str):
    """A value already safe as Telegram HTML (built from escaped parts); `fill` keeps it."""

    __slots__ = ()


def fill(template: str, **values: object) -> str:
    """The template with its fields filled, each value escaped unless it is `Html`."""
    safe = {key: value if isinstance(value, Html) else html.escape(str(value), quote=False)
            for key, value in values.items()}
    return template.format(**safe)


def plain(template: str, **values: object) -> str:
    """The template filled as plain text: for button labels and button answers, never HTML."""
    return template.format(**values)


@dataclass(frozen=True, slots=True)
class Texts:
    """One language's templates. Field names say where each is used."""

    # /start and /help
    intro: str = (
        "<b>Vigie</b> watches news feeds about the war in Ukraine (in French, English, "
        "Ukrainian and Russian), folds the same story told by many outlets into one, and "
        "alerts this chat about what it follows: the topics below and your own keyword "
        "filters.\n\nTap a topic to follow or leave it, or add a filter, e.g. "
        "<code>/filter add kherson drone</code>. /help lists every command."
    )
    intro_not_admin: str = (
        "<b>Vigie</b> watches news feeds about the war in Ukraine and alerts chats about the "
        "topics and keyword filters they follow. Only this group's administrators can set it "
        "up here. /help lists every command."
    )
    help: str = (
        "<b>Vigie commands</b>\n"
        "/start — set up this chat and show the topics\n"
        "/topics — the topics, with a button to follow or leave each\n"
        "/subscribe TOPIC — follow a topic, e.g. <code>/subscribe nato</code>\n"
        "/unsubscribe TOPIC — leave a topic, e.g. <code>/unsubscribe osce</code>\n"
        "/filter add EXPR — add a keyword filter, e.g. "
        "<code>/filter add kherson (drone OR \"power plant\") -exercise</code>\n"
        "/filters — this chat's filters, numbered, with a remove button each\n"
        "/filter remove N — remove filter number N, e.g. <code>/filter remove 2</code>\n"
        "/test TEXT — what would match TEXT, e.g. <code>/test NATO summit in Vilnius</code>\n"
        "/recent — the last alerts of this chat\n"
        "/pause, /resume — stop and restart alerts, keeping the settings\n"
        "/stop — delete everything stored about this chat\n"
        "/digest off | hourly | daily HH:MM — gather alerts into one message, e.g. "
        "<code>/digest daily 08:00</code>\n"
        "/quiet HH:MM-HH:MM | off — hold alerts for a while each day, e.g. "
        "<code>/quiet 22:00-07:00</code>\n"
        "/timezone Area/City — this chat's time zone, e.g. <code>/timezone Europe/Kyiv</code>\n"
        "/lang en | fr | uk — the language Vigie writes in, e.g. <code>/lang fr</code>\n"
        "/mute TOPIC|N DURATION — silence a topic or filter N for a while, e.g. "
        "<code>/mute kherson 6h</code>; /mute alone lists the mutes\n"
        "/settings — everything this chat has set, with buttons\n"
        "/help — this list\n\n"
        "<b>Filters</b>: words must all appear; <code>OR</code> between words; "
        "<code>-word</code> excludes; <code>\"a phrase\"</code>; <code>prefix*</code>; "
        "parentheses group. Case and accents do not matter. At most {max_length} characters "
        "a filter and {max_count} filters a chat."
    )
    help_admin: str = (
        "\n\n<b>Administrators</b>\n"
        "/feeds — the feeds and their health\n"
        "/addfeed URL [name] — e.g. <code>/addfeed https://example.org/rss.xml Example</code>\n"
        "/removefeed URL — e.g. <code>/removefeed https://example.org/rss.xml</code>\n"
        "/stats — counts of feeds, stories, chats and alerts"
    )

    # topics
    topics_header: str = "<b>Topics</b> (✅ followed, ➕ not followed). Tap to follow or leave:"
    topic_line: str = "• <b>{name}</b>: {aliases}"
    topic_button_on: str = "✅ {name}"
    topic_button_off: str = "➕ {name}"
    subscribed: str = "This chat now follows <b>{topic}</b>."
    already_subscribed: str = "This chat already follows <b>{topic}</b>."
    unsubscribed: str = "This chat no longer follows <b>{topic}</b>."
    not_subscribed: str = "This chat does not follow <b>{topic}</b>."
    unknown_topic: str = "There is no topic “{topic}”. The topics are: {known}."
    usage_subscribe: str = (
        "Usage: /subscribe TOPIC, e.g. <code>/subscribe nato</code>. The topics are: {known}."
    )
    usage_unsubscribe: str = (
        "Usage: /unsubscribe TOPIC, e.g. <code>/unsubscribe nato</code>. "
        "This chat follows: {followed}."
    )
    nothing_followed: str = "nothing yet"
    answer_followed: str = "Following {topic}"
    answer_left: str = "Left {topic}"

    # filters
    usage_filter: str = (
        "Usage:\n/filter add EXPR — e.g. <code>/filter add kherson drone</code>\n"
        "/filter remove N — N as numbered in /filters, e.g. <code>/filter remove 1</code>\n"
        "At most {max_length} characters a filter and {max_count} filters a chat."
    )
    filter_reason_star_inside: str = "'*' is allowed only at the end of a word"
    filter_reason_no_letter: str = "'{text}' has no letter or digit to look for"
    filter_reason_short_prefix: str = "a prefix needs at least {count} letters before '*'"
    filter_reason_quote_open: str = 'this quote is never closed: add the closing "'
    filter_reason_empty: str = 'the filter is empty: type a word to look for'
    filter_reason_close_alone: str = "')' without a matching '(': remove it or add the '('"
    filter_reason_end_missing: str = 'a word is missing at the end'
    filter_reason_operator_sides: str = '{operator} needs a word on each side'
    filter_reason_before_close: str = "a word is missing before ')'"
    filter_reason_word_expected: str = 'a word is expected here'
    filter_reason_empty_parens: str = 'empty parentheses: put words inside or remove them'
    filter_reason_paren_open: str = "this '(' is never closed: add the ')'"
    filter_reason_too_long: str = (
        'a filter is at most {count} charact'
        'ers long: split it into two filters'
    )
    filter_reason_too_many: str = (
        'more than {count} alternatives once th'
        'e ORs are multiplied out: use fewer ORs'
    )
    filter_reason_only_exclusions: str = (
        'it would match stories holding none of its words (only exclusi'
        'ons, or an OR with an exclusion alone): add a word to look for'
    )
    filter_reason_never_matches: str = (
        'this can never match: it requi'
        'res and excludes the same word'
    )
    filter_reason_markup: str = (
        'markup such as {tag} is not searched (alerts ar'
        'e matched on their words): type the words alone'
    )
    filter_syntax: str = (
        "That filter does not parse: {reason}.\n<pre>{expr}\n{caret}</pre>\n"
        "Words must all appear; <code>OR</code> between words; <code>-word</code> excludes; "
        "<code>\"a phrase\"</code>; <code>prefix*</code>; parentheses group."
    )
    filter_too_many: str = (
        "This chat already has {count} filters, the most a chat can have. "
        "Remove one first (/filters)."
    )
    filter_exists: str = "This chat already has that filter (number {number} in /filters)."
    filters_set_aside: str = (
        "These filters of yours no longer work with this version of Vigie and were set aside "
        "(they match nothing now):\n{lines}\nType them again, corrected, with /filter add."
    )
    filter_set_aside_line: str = "• <code>{expr}</code>: {reason}"
    filter_added: str = (
        "Filter {number} added: <code>{expr}</code>\nCheck it with /test followed by a headline."
    )
    filters_empty: str = (
        "This chat has no keyword filters. Add one, e.g. <code>/filter add kherson drone</code>"
    )
    filters_header: str = "<b>Keyword filters</b> ({count} of {max_count}). Tap ❌ to remove one:"
    filter_line: str = "{number}. <code>{expr}</code>"
    filter_button: str = "❌ {number}"
    filter_removed: str = "Filter {number} removed: <code>{expr}</code>"
    filter_no_such: str = "There is no filter {number}: this chat has {count}. See /filters."
    answer_filter_removed: str = "Filter removed"
    answer_filter_gone: str = "That filter no longer exists"

    # /test
    usage_test: str = (
        "Usage: /test TEXT, e.g. <code>/test NATO summit in Vilnius</code>: shows which of "
        "this chat's topics and filters would match TEXT as a story title."
    )
    test_nothing: str = "Nothing this chat follows matches that text."
    test_header: str = "As a story title, this text would be alerted for:"
    test_topic: str = "• topic <b>{name}</b>, in the {where}: {snippet}"
    test_filter: str = "• filter {number} <code>{expr}</code>, in the {where}: {snippet}"
    field_title: str = "title"
    field_summary: str = "summary"

    # /recent
    recent_empty: str = "No alerts for this chat yet."
    recent_header: str = "<b>Last alerts</b>, newest first:"
    recent_line: str = "{when} · {status} · {title} ({source})"
    recent_link: str = "<a href=\"{link}\">{title}</a>"
    status_sent: str = "sent"
    status_pending: str = "pending"
    status_skipped: str = "skipped while paused"
    status_dead: str = "refused by Telegram"
    status_closed: str = "not sent (chat left)"
    status_held: str = "waiting for the digest"
    status_stale: str = "not sent: already old when Vigie first saw it"

    # /pause /resume /stop
    paused: str = (
        "Alerts paused. Topics and filters are kept; what matches while paused will not be "
        "sent later. /resume to restart."
    )
    already_paused: str = "Alerts are already paused. /resume to restart them."
    resumed: str = "Alerts resumed."
    not_paused: str = "Alerts are not paused."
    stopped: str = (
        "Done: Vigie deleted everything it stored about this chat (topics, filters, alert "
        "history) and will send nothing more; it keeps only that this chat stopped, to ask "
        "before starting again. /start to begin again."
    )
    stop_nothing: str = "Nothing is stored about this chat. /start to set it up."
    restart_question: str = (
        "This chat said /stop, so Vigie deleted everything about it and sends nothing here. "
        "Start again, with no topics or filters yet?"
    )
    restart_button: str = "▶️ Start again"
    restarted: str = "Vigie is set up here again."

    # access and errors
    group_admins_only: str = "Sorry, only this group's administrators can change its settings."
    answer_admins_only: str = "Only the group's administrators can change this."
    bot_admins_only: str = "Sorry, this command is for Vigie's administrators."
    flood_notice: str = (
        "You are sending commands faster than Vigie answers: the next ones wait and are "
        "answered in about {seconds} seconds."
    )
    group_greeting: str = (
        "Hello! I am Vigie: I post alerts about the war in Ukraine from news feeds. An "
        "administrator of this group sets me up: /topics to follow nato, kherson or osce, "
        "<code>/filter add WORDS</code> for your own keywords, /help for everything."
    )
    plain_text_help: str = (
        "I answer commands, not messages: /topics to choose what to follow, /help for the list."
    )
    unknown_command: str = "Unknown command {command}: see /help."
    answer_stale_button: str = "This button is out of date"
    internal_error: str = "Sorry, something went wrong. Please try again later."

    # administrators
    usage_addfeed: str = (
        "Usage: /addfeed URL [name], e.g. <code>/addfeed https://example.org/rss.xml Example</code>"
    )
    usage_removefeed: str = "Usage: /removefeed URL, e.g. <code>/removefeed https://example.org/rss.xml</code>"
    feed_refused: str = "Feed refused: {reason}."
    refused_too_long: str = "a feed URL is at most {limit} characters long"
    refused_not_http: str = (
        "'{url}' is not an http(s) URL (expected e.g. https://example.org/rss.xml)")
    refused_no_host: str = "'{url}' has no host name"
    refused_bad_port: str = "'{url}' has an invalid port"
    refused_not_public: str = (
        "{host} resolves to {kind} address {address}, and Vigie fetches only public hosts "
        "(unless [fetch] allow_private_hosts = true)")
    address_unspecified: str = "an unspecified"
    address_loopback: str = "a loopback"
    address_link_local: str = "a link-local"
    address_multicast: str = "a multicast"
    address_reserved: str = "a reserved"
    address_private: str = "a private"
    address_non_public: str = "a non-public"
    feed_added: str = (
        "Feed added: {url}\nFirst poll: {stories} new stories, {stale} of them already old "
        "(stored, never alerted); {fresh} may be alerted."
    )
    feed_added_failed: str = (
        "Feed added: {url}\nIts first poll failed: {error}\nVigie keeps trying, less and "
        "less often; /feeds shows how it goes."
    )
    feed_exists: str = "That feed is already there: {url}"
    feed_removed: str = "Feed removed: {url}. Its stories stay."
    feed_unknown: str = "There is no feed with the URL {url}. See /feeds."
    feeds_block: str = "<pre>{body}</pre>"
    stats: str = (
        "<b>Vigie</b>\n"
        "Feeds: {feeds} ({failing} failing)\n"
        "Stories: {stories} in {clusters} clusters\n"
        "Chats: {chats} active, {paused} paused, {inactive} inactive\n"
        "Alerts: {sent} sent, {pending} pending, {skipped} skipped, {dead} refused\n"
        "Last poll: {last_poll}\nRunning since: {started}"
    )
    stats_stopped: str = (
        "⚠️ <b>Sending stopped</b> since {since}: the database cannot record what Telegram "
        "accepted ({reason}). Telegram answers kept in memory: {kept}. Nothing more is sent "
        "until they are written."
    )
    never: str = "never"

    # where alerts land: previews, channels, forum topics (issue 17)
    help_more: str = (
        "\n\n<b>Where alerts land</b>\n"
        "/preview off | small | large — link previews in alerts, e.g. "
        "<code>/preview small</code>\n"
        "/route TOPIC|N — typed inside a forum topic: that topic's (or filter N's) alerts go "
        "there, e.g. <code>/route nato</code>; <code>/route nato off</code> sends them back "
        "to General\n"
        "/connect @channel — from a private chat: post alerts in a channel you and Vigie "
        "administer; /connect alone lists your channels, with buttons to pick which one the "
        "commands change\n"
        "/disconnect @channel — stop posting there and forget its settings\n"
        "/trend TOPIC|N [days] — a chart of stories per day, e.g. <code>/trend kherson 30</code>"
    )
    usage_preview: str = (
        "Usage: <code>/preview off</code> (no preview, the default), <code>/preview small</code> "
        "(a small preview of the story's page) or <code>/preview large</code> (a large one "
        "above the text). Now: {current}."
    )
    preview_now: str = "Link previews in alerts: {current}."
    preview_off: str = "off"
    preview_small: str = "small"
    preview_large: str = "large, above the text"
    usage_trend: str = (
        "Usage: <code>/trend TOPIC [days]</code>, a topic ({known}) or a filter number as in "
        "/filters, and 1 to {max_days} days (default {days}), e.g. <code>/trend nato 30</code>."
    )
    trend_empty: str = "No story on {target} in the last {days} days: there is nothing to draw."
    trend_title: str = "{target}: stories per day, last {days} days"
    trend_peak: str = "most: {count}"
    trend_caption: str = (
        "<b>{target}</b>: {total} stories in {days} days; the most on {day} ({count})."
    )
    trend_other_language: str = "other"
    stats_chart_title: str = "Alerts sent per day, last {days} days"
    stats_chart_caption: str = "Alerts sent per day over the last {days} days: {total} in all."
    usage_connect: str = (
        "Usage: <code>/connect @channel</code> or <code>/connect -100…</code> (the channel's "
        "id). Vigie must be an administrator of the channel allowed to post messages, and so "
        "must you."
    )
    channel_command: str = (
        "Vigie is set up for a channel from a private chat, so that setting it up never posts "
        "to the channel's readers: open a chat with @{bot} and send "
        "<code>/connect {chat}</code> (you and Vigie must both administer this channel)."
    )
    connect_private_only: str = (
        "Connect a channel from your private chat with Vigie: "
        "<code>/connect @channel</code>."
    )
    connect_not_found: str = (
        "Vigie cannot see {chat}. Check the name, add Vigie to it as an administrator, then "
        "try again."
    )
    connect_bot_not_admin: str = (
        "Vigie is not an administrator of {title} allowed to post messages. Make it one "
        "(with “Post messages”), then <code>/connect {chat}</code> again."
    )
    connect_user_not_admin: str = (
        "Only an administrator of {title} can connect it, and you are not one there."
    )
    connect_done: str = (
        "Connected <b>{title}</b>: it has its own topics, filters and settings. The commands "
        "you type here now change {title} (/subscribe, /filter, /digest, /quiet, /lang, "
        "/preview …). /connect lists your channels, with a button to switch back to this chat."
    )
    connections_header: str = "<b>Your channels</b>. Commands typed here change: <b>{current}</b>"
    connection_line: str = "• {title} ({state})"
    connection_active: str = "alerts on"
    connection_lost: str = "Vigie cannot post there"
    connections_empty: str = (
        "No channel connected. <code>/connect @channel</code> connects one: it gets its own "
        "topics, filters and settings, managed from here."
    )
    this_chat: str = "this chat"
    button_manage: str = "✏️ {title}"
    answer_managing: str = "Commands here now change {title}"
    usage_disconnect: str = (
        "Usage: <code>/disconnect @channel</code> (or its id), or /disconnect alone for the "
        "channel the commands change now."
    )
    disconnect_unknown: str = "{chat} is not a channel you connected. /connect lists yours."
    disconnected: str = (
        "Disconnected <b>{title}</b>: Vigie posts nothing more there and forgot its topics, "
        "filters and settings (unless another administrator connected it too)."
    )
    destination_lost: str = (
        "⚠️ Vigie can no longer post in <b>{title}</b> ({reason}): its alerts stopped. Make "
        "Vigie an administrator allowed to post there again, then <code>/connect {chat}</code>."
    )
    channel_admins_only: str = (
        "Sorry, only an administrator of {title} can change its settings, and Telegram says "
        "you no longer are one."
    )
    usage_route: str = (
        "Type <code>/route TOPIC</code> or <code>/route N</code> (filter N) inside a forum "
        "topic of this group: those alerts then go to that topic, e.g. <code>/route nato</code>. "
        "<code>/route nato off</code> sends them back to General."
    )
    route_forum_only: str = (
        "Routes are for groups with topics: type /route inside the forum topic that should "
        "receive the alerts."
    )
    route_now: str = "Alerts for {target} now go to this topic."
    route_off: str = "Alerts for {target} go to the General topic again."
    route_was_not: str = "{target} had no route: its alerts already go to General."
    route_fell_back: str = (
        "⚠️ The forum topic for {target} is closed or deleted: its alerts go to General from "
        "now on. Type <code>/route …</code> inside another topic to change that."
    )
    settings_preview: str = "\nLink previews: {preview}"
    managing_header: str = "📢 <b>{title}</b>"
    menu_preview: str = "Link previews: /preview small"
    menu_trend: str = "A chart of a topic: /trend nato"
    menu_connect: str = "Post alerts in a channel"
    menu_disconnect: str = "Stop posting in a channel"
    menu_route: str = "In a forum topic: /route nato"

    # alerts and digests
    reason_topic: str = "topic {name}"
    reason_filter: str = "filter: {name}"
    alert_also_reported: str = "Also reported by {sources}"
    alert_and_more: str = "{shown} and {count} more"
    alert_untitled: str = "(untitled)"
    alert_perhaps_same: str = "Perhaps the same event:"
    month_names: str = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
    digest_header: str = "📬 <b>Vigie digest</b> · alerts: {count}"
    digest_continued: str = "📬 <b>Vigie digest</b> (continued)"
    digest_more: str = "📬 <b>And {count} more from {feed}</b>"
    digest_group: str = "<b>🔔 {name}</b>"
    digest_item: str = "{number}. {title} — <i>{source}</i>, {time}"

    # /digest /quiet /timezone /lang
    usage_digest: str = (
        "Usage: /digest off | hourly | daily HH:MM, e.g. <code>/digest daily 08:00</code> "
        "(this chat's time, {tz}). Now: {current}."
    )
    digest_now_off: str = "Digest off: alerts come one by one, as they are found."
    digest_off_flush: str = (
        "Digest off: alerts come one by one again. What was waiting goes now, as one digest."
    )
    digest_now_hourly: str = "Digest every hour: alerts are gathered and sent on the hour ({tz})."
    digest_now_daily: str = (
        "Digest every day at {time} ({tz}): alerts are gathered and sent as one message."
    )
    mode_off: str = "off (alerts one by one)"
    mode_hourly: str = "every hour"
    mode_daily: str = "every day at {time}"
    usage_quiet: str = (
        "Usage: /quiet HH:MM-HH:MM | off, e.g. <code>/quiet 22:00-07:00</code> "
        "(this chat's time, {tz}). Now: {current}."
    )
    quiet_now: str = (
        "Quiet hours {start}–{end} ({tz}): alerts found then wait, and go as one digest at {end}."
    )
    quiet_now_off: str = "Quiet hours off."
    quiet_none: str = "none"
    usage_timezone: str = (
        "Usage: /timezone Area/City, e.g. <code>/timezone Europe/Kyiv</code>. "
        "Now: {tz}, where it is {time}."
    )
    time_out_of_range: str = (
        '“{typed}” is not a time of day: hours go from 00 to 23 and minutes '
        'from 00 to 59, e.g. <code>08:00</code> or <code>23:30</code>.'
    )
    duration_out_of_range: str = (
        '“{typed}” is out of range: a mute lasts from 1 minute to {max_days} '
        'days, e.g. <code>/mute {target} {max_days}d</code>.'
    )
    timezone_suggest: str = (
        'There is no time zone “{typed}”. Did you mean {suggestion}? '
        'Send <code>/timezone {suggestion}</code>.'
    )
    timezone_unknown: str = (
        "There is no time zone “{typed}”. Use an Area/City name such as Europe/Paris, "
        "Europe/Kyiv or America/New_York."
    )
    timezone_now: str = "Time zone: {tz}. It is {time} there."
    usage_lang: str = "Usage: /lang en | fr | uk, e.g. <code>/lang fr</code>. Now: {language}."
    lang_now: str = "Vigie now writes to this chat in English."

    # /mute
    usage_mute: str = (
        "Usage: /mute TOPIC|N DURATION, e.g. <code>/mute kherson 6h</code> or "
        "<code>/mute 2 30m</code> (N as numbered in /filters; DURATION in m, h or d, at most "
        "{max_days} days; <code>off</code> lifts a mute). /mute alone lists the mutes."
    )
    mute_now: str = "{target} is muted until {until}."
    mute_lifted: str = "{target} is no longer muted."
    mute_was_not: str = "{target} was not muted."
    mutes_empty: str = "Nothing is muted in this chat."
    mutes_header: str = "<b>Muted</b>:"
    mute_line: str = "• {target} until {until}"
    mute_topic: str = "topic {name}"
    mute_filter: str = "filter {number}"
    mute_filter_gone: str = "a removed filter"

    # /settings
    settings: str = (
        "<b>This chat's settings</b>\n"
        "Language: {language}\n"
        "Time zone: {tz} (it is {time})\n"
        "Digest: {digest}\n"
        "Quiet hours: {quiet}\n"
        "Alerts: {state}\n"
        "Topics: {topics}\n"
        "Filters: {filters}\n"
        "Muted: {mutes}\n"
        "Waiting for a digest: {held}"
    )
    state_on: str = "on"
    state_paused: str = "paused"
    button_instant: str = "⚡ One by one"
    button_hourly: str = "🕐 Hourly digest"
    button_daily: str = "📅 Daily digest 08:00"
    button_quiet_off: str = "🔔 Quiet hours off"
    answer_saved: str = "Saved"

    # command menu (setMyCommands): short descriptions
    menu_start: str = "Set up this chat and show the topics"
    menu_help: str = "Every command, with an example"
    menu_topics: str = "Follow or leave topics"
    menu_subscribe: str = "Follow a topic: /subscribe nato"
    menu_unsubscribe: str = "Leave a topic: /unsubscribe nato"
    menu_filter: str = "Add or remove a keyword filter"
    menu_filters: str = "This chat's keyword filters"
    menu_test: str = "What would match a headline"
    menu_recent: str = "The last alerts of this chat"
    menu_pause: str = "Pause alerts, keeping settings"
    menu_resume: str = "Resume alerts"
    menu_stop: str = "Delete everything about this chat"
    menu_digest: str = "Alerts gathered: /digest daily 08:00"
    menu_quiet: str = "Quiet hours: /quiet 22:00-07:00"
    menu_timezone: str = "Time zone: /timezone Europe/Kyiv"
    menu_lang: str = "Language: /lang fr"
    menu_mute: str = "Silence a topic: /mute kherson 6h"
    menu_settings: str = "Everything this chat has set"
    menu_feeds: str = "Feeds and their health (admin)"
    menu_addfeed: str = "Add a feed (admin)"
    menu_removefeed: str = "Remove a feed (admin)"
    menu_stats: str = "Counts and last poll (admin)"


ENGLISH = Texts()
FRENCH = Texts(**FRENCH_FIELDS)
UKRAINIAN = Texts(**UKRAINIAN_FIELDS)
CATALOGUES: dict[str, Texts] = {"en": ENGLISH, "fr": FRENCH, "uk": UKRAINIAN}
# Each language in its own words: the same on every button, whatever the chat's language.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français", "uk": "Українська"}


def language_of(code: str | None) -> str:
    """The catalogue for a Telegram language code ("fr-CA" -> "fr"); English otherwise.

    Russian speakers get English, not Ukrainian: guessing a reader's politics from their
    phone's language is not ours to do; /lang uk is one command away.
    """
    base = (code or "").split("-")[0].split("_")[0].casefold()
    return base if base in CATALOGUES else "en"


def texts_for(language: str | None) -> Texts:
    """The catalogue for a chat's language or a Telegram language code."""
    return CATALOGUES[language_of(language)]
