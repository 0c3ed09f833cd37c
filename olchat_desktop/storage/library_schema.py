"""The library's SQLite schema: connection settings, migrations, and the pre-migration backup.

Durability choices (https://www.sqlite.org/pragma.html#pragma_synchronous, /wal.html):
- WAL lets a second app instance read while one writes, and a killed process cannot
  corrupt the file: an uncommitted transaction is simply ignored by the next reader.
- ``synchronous=FULL``: with WAL, NORMAL already survives an application crash (a commit
  is in the OS page cache once ``COMMIT`` returns), but a power cut or OS crash may roll
  back the last commits. FULL fsyncs the WAL on every commit, so "saved" also survives
  those. Saves are human-paced (autosave every few seconds), so one fsync each is cheap.
- Writers use ``BEGIN IMMEDIATE`` so that two instances queue on the busy timeout
  instead of failing with SQLITE_BUSY halfway through a read-then-write transaction.
"""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from olchat_desktop.storage import library_errors as errors

SCHEMA_VERSION = 4
BUSY_TIMEOUT_SECONDS = 10.0
FIRST_READ_WAIT_SECONDS = 2.0  # see open_connection
MAX_VERSIONS = 20


def fold(text: str) -> str:
    """Case- and width-insensitive key. SQLite's LOWER() only folds ASCII, so we fold here
    (NFKC + casefold handles Cyrillic, ß, ligatures and full-width forms)."""
    return unicodedata.normalize("NFKC", text).casefold()


def search_text(name: str, body: dict[str, object]) -> str:
    """The folded text that search matches: name, every text field, buttons and tags."""
    parts: list[str] = [name]
    for key in ("header", "message", "footer", "line", "phone"):
        value = body.get(key)
        if isinstance(value, str):
            parts.append(value)
    for key in ("buttons", "tags"):
        values = body.get(key)
        if isinstance(values, list):
            parts.extend(str(item) for item in values)
    return fold("\n".join(parts))


# What search matches a row against: its stored folded text, or, for a row a bulk import
# left "not yet checked" (status -1: its search_text is still empty), the same text
# folded from its body on the fly by the ``olchat_search_text`` function below. Search
# gives the same results before, during and after the checking pass; the fallback costs
# a JSON decode per pending row and query, only while rows are pending.
SEARCHED_TEXT = "iif(status = -1, olchat_search_text(name, body), search_text)"


def _search_text_of(name: object, body: object) -> str:
    try:
        data = json.loads(body) if isinstance(body, str) else None
    except ValueError:
        return ""
    return search_text(str(name or ""), data) if isinstance(data, dict) else ""


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions our queries use (``SEARCHED_TEXT``), on every connection."""
    conn.create_function("olchat_search_text", 2, _search_text_of, deterministic=True)


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    """The first schema: one row per template, the template itself as JSON."""
    conn.execute(
        "CREATE TABLE templates ("
        " id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL,"
        " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Trash, case-insensitive search and sorting, tags and version history."""
    conn.execute("ALTER TABLE templates ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE templates ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE templates ADD COLUMN deleted_at TEXT")
    conn.execute("CREATE INDEX templates_by_name ON templates (deleted_at, name_key)")
    conn.execute(
        "CREATE TABLE template_tags ("
        " template_id TEXT NOT NULL REFERENCES templates (id) ON DELETE CASCADE,"
        " tag TEXT NOT NULL, tag_key TEXT NOT NULL, PRIMARY KEY (template_id, tag_key))"
    )
    conn.execute("CREATE INDEX template_tags_by_key ON template_tags (tag_key)")
    conn.execute(
        "CREATE TABLE template_versions ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " template_id TEXT NOT NULL REFERENCES templates (id) ON DELETE CASCADE,"
        " saved_at TEXT NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE INDEX template_versions_by_template ON template_versions (template_id, id)"
    )
    rows = conn.execute("SELECT id, name, body, updated_at FROM templates").fetchall()
    for template_id, name, body_json, updated_at in rows:
        body = json.loads(body_json)
        conn.execute(
            "UPDATE templates SET name_key = ?, search_text = ? WHERE id = ?",
            (fold(name), search_text(name, body), template_id),
        )
        tags = body.get("tags", [])
        replace_tags(conn, template_id, tags if isinstance(tags, list) else [])
        # The old schema kept no history: its current content becomes version one.
        conn.execute(
            "INSERT INTO template_versions (template_id, saved_at, summary, body)"
            " VALUES (?, ?, ?, ?)",
            (template_id, updated_at, "migrated", body_json),
        )


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    """Scale (issue 15): a stored problem status per template, indexes for each sidebar
    order, and a full-text index for search.

    ``status`` is computed on every save (``library_status``): the sidebar's dot never
    validates while painting. Rows of an older library get theirs here, once.
    """
    from olchat_desktop.storage.library_status import status_of

    conn.execute("ALTER TABLE templates ADD COLUMN status INTEGER")
    conn.execute("CREATE INDEX templates_by_updated ON templates (deleted_at, updated_at)")
    conn.execute("CREATE INDEX templates_by_status ON templates (deleted_at, status, name_key)")
    # (deleted_at, name_key, id): the name order's keyset pages read the index alone.
    conn.execute("DROP INDEX templates_by_name")
    conn.execute("CREATE INDEX templates_by_name ON templates (deleted_at, name_key, id)")
    rows = conn.execute("SELECT id, body FROM templates").fetchall()
    for template_id, body_json in rows:
        conn.execute(
            "UPDATE templates SET status = ? WHERE id = ?",
            (status_of(json.loads(body_json)), template_id),
        )
    create_search_index(conn)


def create_search_index(conn: sqlite3.Connection) -> bool:
    """The FTS5 index over ``search_text``, kept in step by triggers; False (and search
    scans instead) when this SQLite has no FTS5 or no trigram tokenizer (before 3.34).

    The trigram tokenizer indexes every three characters, so a ``MATCH`` on a quoted
    word finds it anywhere in a word, as the old ``instr`` scan did; its case folding
    (Unicode, Cyrillic included: https://sqlite.org/fts5.html#the_trigram_tokenizer)
    only widens the candidates, and ``instr`` on our own folded text still decides. The
    index uses the ``templates`` table as its external content (no second copy of the
    text), keyed by rowid: nothing here ever VACUUMs, which could renumber rowids; the
    ``rebuild`` command below restores it if that ever happened."""
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE template_search USING fts5(search_text,"
            " content='templates', content_rowid='rowid', tokenize='trigram')"
        )
    except sqlite3.OperationalError:
        return False
    conn.execute(
        "CREATE TRIGGER template_search_insert AFTER INSERT ON templates BEGIN"
        " INSERT INTO template_search (rowid, search_text) VALUES (new.rowid, new.search_text);"
        " END"
    )
    conn.execute(
        "CREATE TRIGGER template_search_delete AFTER DELETE ON templates BEGIN"
        " INSERT INTO template_search (template_search, rowid, search_text)"
        " VALUES ('delete', old.rowid, old.search_text); END"
    )
    conn.execute(
        "CREATE TRIGGER template_search_update AFTER UPDATE OF search_text ON templates BEGIN"
        " INSERT INTO template_search (template_search, rowid, search_text)"
        " VALUES ('delete', old.rowid, old.search_text);"
        " INSERT INTO template_search (rowid, search_text) VALUES (new.rowid, new.search_text);"
        " END"
    )
    conn.execute("INSERT INTO template_search (template_search) VALUES ('rebuild')")
    return True


def _migrate_to_4(conn: sqlite3.Connection) -> None:
    """Fast bulk import (issue 15): a row may wait to be checked and indexed.

    Per-row FTS triggers made a 20,000-template import take ~6 s in SQLite alone (the
    same rows go into the index in ~1.7 s as one statement). A bulk import now stores
    its rows with ``status = STATUS_PENDING`` (-1) and the search text already folded,
    and ``library_checking`` computes their status and adds them to the index in
    batches after the import's commit. The triggers leave pending rows alone:

    - insert: index the new row unless it is pending;
    - delete: remove it from the index unless it was pending (never indexed; a
      ``'delete'`` of a row the external-content index does not hold corrupts it);
    - an update of an indexed row's search text: remove the old text, add the new;
    - an update of a pending row's ``body`` (a save, which also stores a real status):
      add it. The checking pass only sets ``status`` and ``search_text``, never
      ``body``, so it fires neither and adds its batch to the index in one statement.

    A partial index finds the pending rows without reading the table.
    """
    conn.execute("CREATE INDEX templates_pending ON templates (status) WHERE status = -1")
    if (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'template_search'"
        ).fetchone()
        is None
    ):
        return  # no FTS5 here: search scans, and pending rows only wait for a status
    for name in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER IF EXISTS template_search_{name}")
    conn.execute(
        "CREATE TRIGGER template_search_insert AFTER INSERT ON templates"
        " WHEN new.status IS NOT -1 BEGIN"
        " INSERT INTO template_search (rowid, search_text) VALUES (new.rowid, new.search_text);"
        " END"
    )
    conn.execute(
        "CREATE TRIGGER template_search_delete AFTER DELETE ON templates"
        " WHEN old.status IS NOT -1 BEGIN"
        " INSERT INTO template_search (template_search, rowid, search_text)"
        " VALUES ('delete', old.rowid, old.search_text); END"
    )
    conn.execute(
        "CREATE TRIGGER template_search_update AFTER UPDATE OF search_text ON templates"
        " WHEN old.status IS NOT -1 BEGIN"
        " INSERT INTO template_search (template_search, rowid, search_text)"
        " VALUES ('delete', old.rowid, old.search_text);"
        " INSERT INTO template_search (rowid, search_text) VALUES (new.rowid, new.search_text);"
        " END"
    )
    conn.execute(
        "CREATE TRIGGER template_search_checked AFTER UPDATE OF body ON templates"
        " WHEN old.status IS -1 AND new.status IS NOT -1 BEGIN"
        " INSERT INTO template_search (rowid, search_text) VALUES (new.rowid, new.search_text);"
        " END"
    )


# MIGRATIONS[n] brings a database from user_version n to n + 1. Append only, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
]
assert len(MIGRATIONS) == SCHEMA_VERSION


def replace_tags(conn: sqlite3.Connection, template_id: str, tags: Iterable[object]) -> None:
    conn.execute("DELETE FROM template_tags WHERE template_id = ?", (template_id,))
    for tag in tags:
        label = str(tag).strip()
        if label:
            conn.execute(
                "INSERT OR IGNORE INTO template_tags (template_id, tag, tag_key) VALUES (?, ?, ?)",
                (template_id, label, fold(label)),
            )


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the library at ``path``; raise LibraryError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise errors.unreadable(path) from error
    conn: sqlite3.Connection | None = None
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (the implicit transactions
        # of the sqlite3 module would start a DEFERRED transaction we cannot upgrade safely).
        # The first read waits less than a write would: in WAL mode writers never block
        # readers, so a read still blocked after FIRST_READ_WAIT_SECONDS means a lock
        # held against everyone (another program's exclusive mode), and the window
        # opens read-only (``open_read_only``) in 2 s instead of after the full wait.
        first_wait = min(FIRST_READ_WAIT_SECONDS, BUSY_TIMEOUT_SECONDS)
        conn = sqlite3.connect(
            path, timeout=first_wait, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {int(first_wait * 1000)}")
        register_functions(conn)
        # Refuse a newer schema before changing anything, even the journal mode.
        found = _user_version(conn)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if found > SCHEMA_VERSION:
            raise errors.newer_schema(path, found, SCHEMA_VERSION)
        _enable_wal(conn, path)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn, path)
        return conn
    except sqlite3.Error as error:
        if conn is not None:
            conn.close()
        raise errors.from_sqlite(error, path) from error
    except errors.LibraryError:
        if conn is not None:
            conn.close()
        raise
    except Exception as error:  # a migration tripped on old data: rolled back, file intact
        if conn is not None:
            conn.close()
        raise errors.migration_failed(path) from error


# The oldest schema the read-only mode can list: 3 added the columns the sidebar reads.
OLDEST_READABLE = 3
# How long the read-only mode waits for a lock before reading past it (``immutable``).
READ_ONLY_WAIT_SECONDS = 0.5


def open_read_only(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to a library the app could not open for writing (issue 15:
    locked by another program, or damaged); returns it and whether it reads past locks.

    ``mode=ro`` first: it sees the latest committed state, WAL included. When another
    program holds a lock that even readers must respect (an exclusive lock), the file
    is opened ``immutable=1`` (https://sqlite.org/uri.html#uriimmutable): SQLite then
    takes no locks and ignores the WAL, so what is shown may miss that program's last
    changes, which the caller says. Nothing is migrated, no journal mode changes, and
    ``query_only`` refuses any write: the file stays exactly as it was. Raises
    ``LibraryError`` when not even this can read the templates (not a database, a
    schema too old or too new)."""
    uri = Path(path).resolve().as_uri()
    last: sqlite3.Error | None = None
    for immutable in (False, True):
        suffix = "?mode=ro" + ("&immutable=1" if immutable else "")
        try:
            conn = sqlite3.connect(
                uri + suffix,
                uri=True,
                timeout=READ_ONLY_WAIT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise errors.from_sqlite(error, path) from error
        try:
            conn.execute("PRAGMA query_only = ON")
            found = _user_version(conn)
            if found > SCHEMA_VERSION:
                raise errors.newer_schema(path, found, SCHEMA_VERSION)
            if found < OLDEST_READABLE:
                raise errors.migration_failed(path)
            conn.execute("SELECT id, name, status FROM templates LIMIT 1").fetchall()
        except sqlite3.Error as error:
            conn.close()
            last = error
            if "locked" in str(error).lower() or "busy" in str(error).lower():
                continue  # read past the lock
            raise errors.from_sqlite(error, path) from error
        except errors.LibraryError:
            conn.close()
            raise
        register_functions(conn)
        return conn, immutable
    assert last is not None
    raise errors.from_sqlite(last, path) from last


def _enable_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch to WAL, retrying while another instance opens the same fresh file.

    Changing the journal mode needs an exclusive lock and may fail at once with
    "database is locked" (the busy handler is not always consulted) or report the old
    mode instead of raising (https://sqlite.org/pragma.html#pragma_journal_mode). Two app
    instances started together hit this; our concurrency test reproduced it."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            mode = ""
        if mode == "wal":
            return
        if time.monotonic() >= deadline:
            raise errors.locked(path)
        time.sleep(0.02)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    if _user_version(conn) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another instance may have migrated meanwhile.
        found = _user_version(conn)
        if found > SCHEMA_VERSION:
            raise errors.newer_schema(path, found, SCHEMA_VERSION)
        if found < SCHEMA_VERSION:
            if found > 0:
                backup_database(path, found)
            for migration in MIGRATIONS[found:]:
                migration(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def backup_path(path: Path, old_version: int, when: datetime) -> Path:
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.bak-v{old_version}-{stamp}")
    counter = 1
    while candidate.exists():  # two migrations in one second: never overwrite a backup
        candidate = path.with_name(f"{path.name}.bak-v{old_version}-{stamp}-{counter}")
        counter += 1
    return candidate


def backup_database(path: Path, old_version: int) -> Path:
    """Copy the database with SQLite's online backup API (consistent even mid-WAL).

    Called while our own connection holds the write lock: the copy is read through a
    second connection, which WAL lets read the last committed state (the source
    connection itself would wait on its own lock forever)."""
    target_path = backup_path(path, old_version, datetime.now(UTC))
    source = sqlite3.connect(path)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return target_path
