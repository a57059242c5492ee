"""The schema, as an append-only list of migrations. Never edit a released one: add another."""

from __future__ import annotations

V1 = [
    """CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        interval REAL,
        language TEXT,
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT,
        last_poll_at TEXT,
        next_poll_at TEXT,
        last_status TEXT,
        error_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_warning TEXT,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        first_story_id INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        last_story_at TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 1,
        sources TEXT NOT NULL DEFAULT '[]'
    )""",
    """CREATE TABLE stories (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        source TEXT NOT NULL DEFAULT '',
        guid TEXT,
        link TEXT,
        title TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        language TEXT,
        cluster_id INTEGER REFERENCES clusters(id),
        duplicate_of INTEGER
    )""",
    "CREATE INDEX stories_link ON stories(link)",
    "CREATE INDEX stories_published ON stories(published)",
    "CREATE INDEX stories_cluster ON stories(cluster_id)",
    # how often a feed publishes sets its next poll: read once per feed per poll
    "CREATE INDEX stories_feed_published ON stories(feed_id, published)",
    """CREATE TABLE chats (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL DEFAULT 'private',
        title TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1,
        paused INTEGER NOT NULL DEFAULT 0,
        language TEXT,
        timezone TEXT NOT NULL DEFAULT 'UTC',
        created_at TEXT NOT NULL,
        deactivated_reason TEXT
    )""",
    """CREATE TABLE subscriptions (
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        topic TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, topic)
    )""",
    "CREATE INDEX subscriptions_topic ON subscriptions(topic)",
    """CREATE TABLE filters (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        expr TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX filters_chat ON filters(chat_id)",
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id),
        story_id INTEGER NOT NULL REFERENCES stories(id),
        reasons TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        message_id INTEGER,
        sent_at TEXT,
        edits INTEGER NOT NULL DEFAULT 0,
        edit_due INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (chat_id, cluster_id)
    )""",
    "CREATE INDEX outbox_pending ON outbox(status, id)",
]

# Digests, quiet hours, mutes (issue 6). Held rows wait in the outbox for a digest; a digest
# records the messages it sent, so a restart resumes it instead of sending it again.
V2 = [
    "ALTER TABLE chats ADD COLUMN digest TEXT NOT NULL DEFAULT 'off'",
    "ALTER TABLE chats ADD COLUMN digest_time TEXT",
    "ALTER TABLE chats ADD COLUMN quiet_start TEXT",
    "ALTER TABLE chats ADD COLUMN quiet_end TEXT",
    """CREATE TABLE mutes (
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        target TEXT NOT NULL,
        until TEXT NOT NULL,
        PRIMARY KEY (chat_id, target)
    )""",
    """CREATE TABLE digests (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        due_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        message_ids TEXT NOT NULL DEFAULT '[]',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        error TEXT,
        sent_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX digests_pending ON digests(status, next_attempt_at)",
    "ALTER TABLE outbox ADD COLUMN digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL",
    "CREATE INDEX outbox_digest ON outbox(digest_id)",
]

# Freshness (issue 11): the dedup window is what Vigie saw lately, and a feed's schedule
# follows when it last brought something new.
V3 = [
    "CREATE INDEX stories_fetched ON stories(fetched_at)",
    "ALTER TABLE feeds ADD COLUMN last_new_at TEXT",
    """UPDATE feeds SET last_new_at =
        (SELECT max(fetched_at) FROM stories WHERE stories.feed_id = feeds.id)""",
]

# Never stuck, never growing (issue 13): a stored filter that no longer parses is set aside
# (kept, and its chat told once); retention deletes old clusters with their stories and
# outbox rows, which needs the outbox reachable by cluster and by story (the foreign keys
# are checked on every delete) and the clusters by age.
V4 = [
    """CREATE TABLE filters_set_aside (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        expr TEXT NOT NULL,
        reason TEXT NOT NULL,
        set_aside_at TEXT NOT NULL,
        told_at TEXT
    )""",
    "CREATE INDEX outbox_cluster ON outbox(cluster_id)",
    "CREATE INDEX outbox_story ON outbox(story_id)",
    "CREATE INDEX clusters_last_story ON clusters(last_story_at)",
]

# Alerts where people read them (issue 17): a chat's link previews; channels connected from
# a private chat (who connected them, and which destination a user's commands change); forum
# topics a topic or filter is routed to, and a broken route waiting to be told to the group.
V5 = [
    "ALTER TABLE chats ADD COLUMN preview TEXT NOT NULL DEFAULT 'off'",
    """CREATE TABLE connections (
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        user_id INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        lost_reason TEXT,
        told_at TEXT,
        PRIMARY KEY (chat_id, user_id)
    )""",
    "CREATE INDEX connections_user ON connections(user_id)",
    """CREATE TABLE managing (
        user_id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE
    )""",
    """CREATE TABLE routes (
        chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
        target TEXT NOT NULL,
        thread_id INTEGER NOT NULL,
        broken TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, target)
    )""",
]

# Every answer helps (issue 18): a feed keeps the folder its OPML import put it in, so an
# export gives the folders back.
V6 = [
    "ALTER TABLE feeds ADD COLUMN folder TEXT NOT NULL DEFAULT ''",
]

# /stop forgets a chat; this remembers only that it did, and in which language, so that a
# later command asks before setting the chat up again
V7 = [
    """CREATE TABLE stopped (
        chat_id INTEGER PRIMARY KEY,
        language TEXT,
        stopped_at TEXT NOT NULL
    )""",
]

# Cost at scale (issue 16): what the dedup window needs of a story, stored with it when it is
# inserted (bot/dedup/stored.py), so a start reads it back instead of recomputing it; the
# codec names the code that wrote it, and a print of an older codec is recomputed at start.
V8 = [
    "ALTER TABLE stories ADD COLUMN dedup_print BLOB",
    "ALTER TABLE stories ADD COLUMN dedup_codec TEXT",
]

# Ingest cost (issue 16): the pipeline keeps chats' settings and filters in memory
# (storage/known.py). A trigger gives a table a new random token on every write that changes
# what is kept, by any code or process; a token read in the story's transaction that differs
# from the one kept means: start over. Random, not a counter: a write rolled back and another
# one after it cannot bring an old number back.
_TOKEN = "BEGIN UPDATE changes SET token = random() WHERE name = '{0}'; END"
_KEPT = {"chats": "id, active, paused, language, timezone, digest, digest_time, quiet_start, "
                  "quiet_end",
         "filters": "id, chat_id, expr"}
_OUTBOX = ("id, chat_id, cluster_id, story_id, reasons, status, attempts, next_attempt_at, "
           "message_id, sent_at, edits, edit_due, error, created_at, digest_id")


def _rebuilt_outbox(version: str, chat_key: str) -> list[str]:
    """The outbox copied into a new table keyed (cluster, chat), every row and id kept; V9 and
    V10 differ only in the chat's key (a foreign key, then none: triggers do its cascades)."""
    chat = f"chat_id INTEGER NOT NULL {chat_key}".rstrip()
    return [f"""CREATE TABLE outbox_{version} (
        id INTEGER PRIMARY KEY,
        {chat},
        cluster_id INTEGER NOT NULL REFERENCES clusters(id),
        story_id INTEGER NOT NULL REFERENCES stories(id),
        reasons TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        message_id INTEGER,
        sent_at TEXT,
        edits INTEGER NOT NULL DEFAULT 0,
        edit_due INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        created_at TEXT NOT NULL,
        digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL,
        UNIQUE (cluster_id, chat_id)
    )""",
            f"INSERT INTO outbox_{version} ({_OUTBOX}) SELECT {_OUTBOX} FROM outbox ORDER BY id",
            "DROP TABLE outbox",
            f"ALTER TABLE outbox_{version} RENAME TO outbox"]
V9 = [
    "CREATE TABLE changes (name TEXT PRIMARY KEY, token INTEGER NOT NULL)",
    "INSERT INTO changes (name, token) VALUES ('chats', random()), ('filters', random())",
    *[f"CREATE TRIGGER {table}_{verb} AFTER {event} ON {table} {_TOKEN.format(table)}"
      for table, columns in _KEPT.items()
      for verb, event in (("added", "INSERT"), ("changed", f"UPDATE OF {columns}"),
                          ("removed", "DELETE"))],
    # The outbox's one-alert-per-chat key led by the cluster: a story's 900 rows land side by
    # side instead of on 900 random pages of a key led by the chat (whose cost grew with the
    # outbox); it also serves the look-ups by cluster, so outbox_cluster goes, and a plain
    # index serves those by chat. Same columns, same ids, same rows.
    *_rebuilt_outbox("v9", "REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE"),
    "CREATE INDEX outbox_pending ON outbox(status, id)",
    "CREATE INDEX outbox_digest ON outbox(digest_id)",
    "CREATE INDEX outbox_story ON outbox(story_id)",
    "CREATE INDEX outbox_chat ON outbox(chat_id)",
]

# Ingest cost (issue 16): a story's 900 rows cost 900 entries at random pages of an index by
# chat (the outbox's biggest cost, growing with it). Rows still pending stay out of that index:
# what asks for a chat's pending rows reads them through outbox_pending, which the sender reads
# whole on every tick anyway; a row enters it when it is sent, held, closed... (one at a time).
# A foreign key needs a full index, so the chat's key to `chats` becomes two triggers doing what
# ON DELETE / ON UPDATE CASCADE did, each through an index. A row joins a digest long after it
# is written, if ever: the index by digest holds only the rows that did; the rows flagged for an
# edit get one too. Same columns, same ids, same rows.
BY_CHAT = "status != 'pending'"
"""The condition of the outbox_chat index: a query by chat says it, or SQLite cannot use it."""
V10 = [
    *_rebuilt_outbox("v10", ""),
    "CREATE INDEX outbox_pending ON outbox(status, id)",
    "CREATE INDEX outbox_digest ON outbox(digest_id) WHERE digest_id IS NOT NULL",
    "CREATE INDEX outbox_story ON outbox(story_id)",
    f"CREATE INDEX outbox_chat ON outbox(chat_id) WHERE {BY_CHAT}",
    # the sender's question each tick, "which sent alerts want an edit?", read every row
    "CREATE INDEX outbox_edits ON outbox(id) WHERE edit_due = 1",
    f"""CREATE TRIGGER outbox_chat_gone AFTER DELETE ON chats BEGIN
        DELETE FROM outbox WHERE status = 'pending' AND chat_id = old.id;
        DELETE FROM outbox WHERE {BY_CHAT} AND chat_id = old.id;
    END""",
    f"""CREATE TRIGGER outbox_chat_moved AFTER UPDATE OF id ON chats BEGIN
        UPDATE outbox SET chat_id = new.id WHERE status = 'pending' AND chat_id = old.id;
        UPDATE outbox SET chat_id = new.id WHERE {BY_CHAT} AND chat_id = old.id;
    END""",
]

# A new cluster may read much like a report in another language that did not merge with it
# (bot/dedup/crosslang.py LINK_BAR): its alerts show that report as perhaps the same event.
V11 = ["ALTER TABLE clusters ADD COLUMN perhaps_story_id INTEGER "
       "REFERENCES stories(id) ON DELETE SET NULL"]

MIGRATIONS: list[list[str]] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11]
