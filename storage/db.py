"""Opening the database and keeping its schema current.

The schema version lives in SQLite's `user_version`. Each migration is a list of statements
applied in one transaction, so a database is always at one version or the next, never between.
A file written by a newer Vigie, or a file that is not SQLite at all, is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from bot.core.errors import StorageError
from storage.schema import MIGRATIONS

SQLITE_MAGIC = b"SQLite format 3\x00"


BUSY_TIMEOUT_S = 10.0


def open_database(path: str | Path, busy_timeout: float = BUSY_TIMEOUT_S) -> sqlite_utils.Database:
    """Open (or create) the database at `path`, in WAL mode, migrated to the current schema.

    A write waits up to `busy_timeout` seconds for another process's lock before failing.
    """
    path = Path(path)
    _refuse_foreign_file(path)
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None,
                               check_same_thread=False)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=NORMAL")
        migrate(db, str(path))
    except sqlite3.DatabaseError as error:
        raise StorageError(f"{path}: cannot use this database: {error}") from None
    return db


def _refuse_foreign_file(path: Path) -> None:
    """Refuse a non-empty file that does not start with SQLite's header."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise StorageError(
                f"{path}: not a SQLite database; refusing to touch it "
                "(point [storage] path at a new file or an existing Vigie database)"
            )


def file_identity(path: str | Path) -> tuple[int, int] | None:
    """The file's (device, inode), or None when nothing is there: how a run notices that its
    database was deleted or replaced (SQLite would go on writing to a file no one can open)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def rescue_copy(db: sqlite_utils.Database, path: str | Path) -> Path:
    """Copy the open database, whole and consistent, to a new file beside `path`; its name.

    Never to `path` itself: an old `-wal` file left there would be replayed into the copy.
    """
    target = Path(f"{path}.rescued")
    number = 1
    while target.exists() or Path(f"{target}-wal").exists():
        number += 1
        target = Path(f"{path}.rescued-{number}")
    copy = sqlite3.connect(target)
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    return target


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version recorded in the file."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, where: str) -> None:
    """Apply the migrations this file lacks; refuse a file from a newer Vigie."""
    current = schema_version(db)
    if current > len(MIGRATIONS):
        raise StorageError(
            f"{where}: written by a newer Vigie (schema {current}, this one knows "
            f"{len(MIGRATIONS)}); upgrade Vigie or use another [storage] path"
        )
    for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
        with transaction(db):
            for statement in statements:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")


class transaction:  # noqa: N801 - used as a statement, like `with transaction(db):`
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error; nests by doing nothing inside."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn
        self.outer = False

    def __enter__(self) -> None:
        self.outer = not self.conn.in_transaction
        if self.outer:
            self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if not self.outer:
            return
        self.conn.execute("ROLLBACK" if kind else "COMMIT")
