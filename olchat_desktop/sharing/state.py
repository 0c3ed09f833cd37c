"""What the last sync saw, per profile: ``shared_sync.sqlite3`` in the data home.

Kept out of the library's own file on purpose: the library's schema belongs to the
library, and a lost sync state is recoverable (the next sync re-links files by the id in
their names and by content hash), while the library is not.

Tables:

* ``folders``: the profile's shared folder (storage, folder id and name, read-only flag);
* ``entries``: one row per shared template: its Disk file, the ``UPDATE_TIME``/``SIZE``/
  ``GLOBAL_CONTENT_VERSION`` last seen, the content hash and body both sides agreed on
  (``base``), the hash of a push whose answer never came (``pushed_hash``), a ``recheck``
  flag for files seen within the second they changed, and ``status``: ``pending``
  (shared, not uploaded yet), ``synced`` or ``conflict``;
* ``conflicts``: the portal's side of each conflict (the local side stays in the library);
* ``notices``: files already reported as ignored or broken, so each is listed once.

Every write is its own transaction (``with conn``); WAL and a busy timeout let two
processes (the app and the CLI) share the file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from olchat_desktop.sharing.state_types import Conflict, Entry, Folder

__all__ = ["Conflict", "Entry", "Folder", "SyncState", "default_path"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS folders (
    profile TEXT PRIMARY KEY, storage_id INTEGER, folder_id INTEGER NOT NULL,
    folder_name TEXT NOT NULL, read_only INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS entries (
    profile TEXT NOT NULL, template_id TEXT NOT NULL, file_id INTEGER, file_name TEXT,
    update_time TEXT, size INTEGER, content_version INTEGER, base_hash TEXT, base_body TEXT,
    pushed_hash TEXT,
    recheck INTEGER NOT NULL DEFAULT 0, updated_by INTEGER, status TEXT NOT NULL,
    PRIMARY KEY (profile, template_id));
CREATE TABLE IF NOT EXISTS conflicts (
    profile TEXT NOT NULL, template_id TEXT NOT NULL, kind TEXT NOT NULL,
    remote_body TEXT, remote_hash TEXT, update_time TEXT, size INTEGER, updated_by INTEGER,
    content_version INTEGER, PRIMARY KEY (profile, template_id));
CREATE TABLE IF NOT EXISTS notices (
    profile TEXT NOT NULL, file_id INTEGER NOT NULL, update_time TEXT, kind TEXT NOT NULL,
    PRIMARY KEY (profile, file_id));
CREATE TABLE IF NOT EXISTS users (
    profile TEXT NOT NULL, user_id INTEGER NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (profile, user_id));
CREATE TABLE IF NOT EXISTS choices (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# Added after the first release of this file: ``synced_at`` is the local time an entry
# last became ``synced`` (the library's ``updated_at`` format), so the sidebar can tell a
# shared template edited since then ("pending") in SQL, without hashing it.
_MIGRATIONS = (("entries", "synced_at", "ALTER TABLE entries ADD COLUMN synced_at TEXT"),)


_ENTRY_COLUMNS = (
    "template_id, file_id, file_name, update_time, size, content_version, base_hash, base_body,"
    " pushed_hash, recheck, updated_by, status"
)


def default_path() -> Path:
    from olchat_desktop.paths import data_home

    return data_home() / "shared_sync.sqlite3"


class SyncState:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.executescript(SCHEMA)
        for table, column, statement in _MIGRATIONS:
            columns = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
            if column not in columns:
                self._conn.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- folder --------------------------------------------------------------------------

    def folder(self, profile: str) -> Folder | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT storage_id, folder_id, folder_name, read_only FROM folders"
                " WHERE profile = ?",
                (profile,),
            ).fetchone()
        if row is None:
            return None
        return Folder(profile, row[0], int(row[1]), str(row[2]), bool(row[3]))

    def set_folder(self, folder: Folder) -> None:
        """Choose the profile's folder; a different folder starts the sync state afresh."""
        with self._lock, self._conn:
            old = self.folder(folder.profile)
            if old is not None and old.folder_id != folder.folder_id:
                for table in ("entries", "conflicts", "notices"):
                    self._conn.execute(f"DELETE FROM {table} WHERE profile = ?", (folder.profile,))
            self._conn.execute(
                "INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?, ?)",
                (
                    folder.profile,
                    folder.storage_id,
                    folder.folder_id,
                    folder.folder_name,
                    int(folder.read_only),
                ),
            )

    def set_read_only(self, profile: str, read_only: bool) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE folders SET read_only = ? WHERE profile = ?", (int(read_only), profile)
            )

    # -- entries -------------------------------------------------------------------------

    def entries(self, profile: str) -> dict[str, Entry]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE profile = ?", (profile,)
            ).fetchall()
        return {row[0]: _entry(row) for row in rows}

    def put(self, profile: str, entry: Entry) -> None:
        with self._lock, self._conn:
            self._put(profile, entry)

    def put_many(self, profile: str, entries: list[Entry]) -> None:
        with self._lock, self._conn:
            for entry in entries:
                self._put(profile, entry)

    def _put(self, profile: str, entry: Entry) -> None:
        body = json.dumps(entry.base_body, ensure_ascii=False) if entry.base_body else None
        synced_at = datetime.now(UTC).isoformat() if entry.status == "synced" else None
        self._conn.execute(
            f"INSERT OR REPLACE INTO entries (profile, {_ENTRY_COLUMNS}, synced_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                profile,
                entry.template_id,
                entry.file_id,
                entry.file_name,
                entry.update_time,
                entry.size,
                entry.content_version,
                entry.base_hash,
                body,
                entry.pushed_hash,
                int(entry.recheck),
                entry.updated_by,
                entry.status,
                synced_at,
            ),
        )

    def drop(self, profile: str, template_id: str) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "DELETE FROM entries WHERE profile = ? AND template_id = ?", (profile, template_id)
            )
            self._conn.execute(
                "DELETE FROM conflicts WHERE profile = ? AND template_id = ?",
                (profile, template_id),
            )

    # -- conflicts -----------------------------------------------------------------------

    def add_conflict(self, profile: str, conflict: Conflict) -> None:
        body = (
            json.dumps(conflict.remote_body, ensure_ascii=False) if conflict.remote_body else None
        )
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile,
                    conflict.template_id,
                    conflict.kind,
                    body,
                    conflict.remote_hash,
                    conflict.update_time,
                    conflict.size,
                    conflict.updated_by,
                    conflict.content_version,
                ),
            )
            self._conn.execute(
                "UPDATE entries SET status = 'conflict' WHERE profile = ? AND template_id = ?",
                (profile, conflict.template_id),
            )

    def conflicts(self, profile: str) -> dict[str, Conflict]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT template_id, kind, remote_body, remote_hash, update_time, size,"
                " updated_by, content_version FROM conflicts WHERE profile = ?",
                (profile,),
            ).fetchall()
        return {
            row[0]: Conflict(row[0], row[1], json.loads(row[2]) if row[2] else None, *row[3:])
            for row in rows
        }

    def clear_conflict(self, profile: str, template_id: str) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "DELETE FROM conflicts WHERE profile = ? AND template_id = ?",
                (profile, template_id),
            )

    # -- notices -------------------------------------------------------------------------

    def notice_is_new(self, profile: str, file_id: int, update_time: str, kind: str) -> bool:
        """Record that a file was reported; True only the first time for this version."""
        with self._lock, self._conn:
            row = self._conn.execute(
                "SELECT update_time, kind FROM notices WHERE profile = ? AND file_id = ?",
                (profile, file_id),
            ).fetchone()
            if row is not None and tuple(row) == (update_time, kind):
                return False
            self._conn.execute(
                "INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?)",
                (profile, file_id, update_time, kind),
            )
            return True

    def known_notice(self, profile: str, file_id: int, update_time: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT kind FROM notices WHERE profile = ? AND file_id = ? AND update_time = ?",
                (profile, file_id, update_time),
            ).fetchone()
        return str(row[0]) if row else None

    def forget_notice(self, profile: str, file_id: int) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "DELETE FROM notices WHERE profile = ? AND file_id = ?", (profile, file_id)
            )

    # -- editors' names and the chosen profile ------------------------------------------

    def unnamed_editors(self, profile: str) -> list[int]:
        """Ids of users who changed a shared file and whose name is not known yet."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT updated_by FROM entries WHERE profile = ?1 AND updated_by > 0"
                " UNION SELECT updated_by FROM conflicts WHERE profile = ?1 AND updated_by > 0"
                " EXCEPT SELECT user_id FROM users WHERE profile = ?1",
                (profile,),
            ).fetchall()
        return sorted(int(row[0]) for row in rows)

    def set_user_names(self, profile: str, names: dict[int, str]) -> None:
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO users VALUES (?, ?, ?)",
                [(profile, user_id, name) for user_id, name in names.items()],
            )

    def user_name(self, profile: str, user_id: int | None) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT name FROM users WHERE profile = ? AND user_id = ?", (profile, user_id)
            ).fetchone()
        return str(row[0]) if row else None

    def choice(self, key: str) -> str | None:
        """A remembered choice (``"profile"``: the portal profile the team library uses)."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM choices WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_choice(self, key: str, value: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("INSERT OR REPLACE INTO choices VALUES (?, ?)", (key, value))


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(
        template_id=row[0],
        file_id=row[1],
        file_name=row[2],
        update_time=row[3],
        size=row[4],
        content_version=row[5],
        base_hash=row[6],
        base_body=json.loads(row[7]) if row[7] else None,
        pushed_hash=row[8],
        recheck=bool(row[9]),
        updated_by=row[10],
        status=row[11],
    )
