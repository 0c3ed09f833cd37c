"""Save what can be read from a damaged or locked library (issue 15), never changing it.

The library file is opened read-only (``mode=ro``; with ``immutable=1`` for a file that
another program keeps locked, so SQLite neither takes nor waits for a lock), no
migration, no journal-mode change. Templates are read row by row: when the table scan
trips on a damaged page, every rowid is tried on its own, so one bad page costs the
templates on it and no more. What was read is written as an ordinary bundle (the
import format), atomically; the user's file stays exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from olchat_desktop.core.fileformat import BUNDLE_FORMAT, FORMAT_VERSION
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.atomic import write_text_atomic
from olchat_desktop.storage.library_export import EXPORT_FILE_MODE, file_entry


class Salvage(NamedTuple):
    saved: int
    unreadable: int  # rows found but not readable as templates


def _connect(path: Path, immutable: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True, timeout=0.5, isolation_level=None)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _bodies(conn: sqlite3.Connection) -> Iterator[str | None]:
    """Each template's stored JSON outside the trash (None for a row that fails)."""
    try:
        rows = conn.execute(
            "SELECT body FROM templates WHERE deleted_at IS NULL ORDER BY rowid"
        ).fetchall()
        yield from (body for (body,) in rows)
        return
    except sqlite3.DatabaseError as error:
        if _is_lock(error) or "not a database" in str(error).lower():
            raise  # a lock: the caller reads past it; not a database: nothing to read
    # A damaged page: probe the rows one by one (the rowid index usually survives).
    highest = conn.execute("SELECT max(rowid) FROM templates").fetchone()[0] or 0
    for rowid in range(1, highest + 1):
        try:
            row = conn.execute(
                "SELECT body, deleted_at FROM templates WHERE rowid = ?", (rowid,)
            ).fetchone()
        except sqlite3.DatabaseError as error:
            if _is_lock(error):
                raise
            yield None
            continue
        if row is not None and row[1] is None:
            yield row[0]


def _is_lock(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def salvage(library_path: Path, out: Path) -> Salvage:
    """Write every readable template of ``library_path`` to the bundle ``out``."""
    library_path = Path(library_path)
    if not library_path.is_file():
        raise errors.unreadable(library_path)
    entries: list[dict[str, object]] = []
    unreadable = 0
    read = False
    for immutable in (False, True):  # a lock held by another program: read past it
        try:
            conn = _connect(library_path, immutable)
            try:
                for body in _bodies(conn):
                    try:
                        data = json.loads(body) if isinstance(body, str) else None
                        entries.append(file_entry(TemplateDraft.from_stored(data or {})))
                    except (ValueError, TypeError):
                        unreadable += 1
                read = True
            finally:
                conn.close()
        except sqlite3.DatabaseError as error:
            if _is_lock(error) and not immutable:
                entries, unreadable = [], 0
                continue
            raise errors.from_sqlite(error, library_path) from error
        if read:
            break
    bundle = {"format": BUNDLE_FORMAT, "version": FORMAT_VERSION, "templates": entries}
    try:
        text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
        write_text_atomic(Path(out), text, mode=EXPORT_FILE_MODE)
    except OSError as error:
        raise errors.file_unwritable(Path(out)) from error
    return Salvage(len(entries), unreadable)
