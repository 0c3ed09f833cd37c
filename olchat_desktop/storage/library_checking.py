"""The pass after a bulk import (issue 15): each new template's problem status, folded
search text and search-index entry, computed in batches after the import committed.

Why after: a 20,000-template import spent ~2 s validating every template and ~6 s in
the per-row FTS5 triggers, against a goal of 2 s for the whole import. The import now
stores its rows with ``status = STATUS_PENDING`` and an empty ``search_text``
(``library_bulk.insert_new(check=False)``); this pass fills both in and adds each batch
to the external-content FTS5 index with one ``executemany``, which SQLite does about
four times faster than the same rows through a trigger (measured: 1.7 s against 6.3 s
for 20,000). The triggers of ``library_schema._migrate_to_4`` skip pending rows, so
the index never holds a text the table does not.

- **Batches on a connection of its own** (``synchronous = NORMAL``: a batch lost to a
  power cut is simply pending again and redone), so the window's connection keeps
  reading, and one write transaction holds SQLite's write lock for a few tens of ms.
- **Concurrent edits win.** A batch is computed outside any transaction and written
  only to rows still pending: a template saved meanwhile already has its real status
  and index entry (the ``template_search_checked`` trigger), and is left alone.
- **Resumable.** Whatever stops the pass (cancel, the window closing, kill -9), the
  rows not done yet stay pending and the next pass (the next start) does them.

Until a row is checked, search still finds it: the queries fold its text from its body
on the fly (``library_schema.SEARCHED_TEXT``), slower but with the same results.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from olchat_desktop.cancel import CancelToken
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.library_listing import has_search_index
from olchat_desktop.storage.library_schema import open_connection, search_text
from olchat_desktop.storage.library_status import STATUS_PENDING, status_of

CHECK_BATCH = 250  # rows per write transaction: ~30 ms of SQLite work each


class Checked(NamedTuple):
    """One row the pass checked: its id and new status (None: not a readable template)."""

    id: str
    status: int | None


OnBatch = Callable[[list[Checked], int], None]  # the batch, how many are still pending


def pending_count(conn: sqlite3.Connection) -> int:
    """Rows waiting for the pass (the partial index ``templates_pending`` counts them
    without reading the table)."""
    found = conn.execute(
        "SELECT count(*) FROM templates WHERE status = ?", (STATUS_PENDING,)
    ).fetchone()
    return int(found[0])


def check_pending(
    path: Path,
    token: CancelToken | None = None,
    on_batch: OnBatch | None = None,
    batch: int = CHECK_BATCH,
) -> int:
    """Check every pending template of the library at ``path``; returns how many this
    pass checked. Raises ``TaskCancelled`` (after a whole batch: nothing half-done) and
    ``LibraryError``."""
    conn = open_connection(path)
    try:
        conn.execute("PRAGMA synchronous = NORMAL")
        indexed = has_search_index(conn)
        done = 0
        while True:
            if token is not None:
                token.check()
            rows = conn.execute(
                "SELECT rowid, id, body FROM templates WHERE status = ? LIMIT ?",
                (STATUS_PENDING, batch),
            ).fetchall()
            if not rows:
                return done
            computed = [_computed(rowid, template_id, body) for rowid, template_id, body in rows]
            written = _write(conn, computed, indexed)
            done += len(written)
            if on_batch is not None:
                on_batch(written, pending_count(conn))
    except sqlite3.Error as error:
        raise errors.from_sqlite(error, path) from error
    finally:
        conn.close()


def _computed(rowid: int, template_id: str, body: str) -> tuple[int, str, int | None, str]:
    """(rowid, id, status, folded search text) of one stored row; a row that is not a
    template object gets no status (shown as "could not be checked") and no text."""
    try:
        data = json.loads(body)
    except ValueError:
        return rowid, template_id, None, ""
    if not isinstance(data, dict):
        return rowid, template_id, None, ""
    name = data.get("name")
    return rowid, template_id, status_of(data), search_text(str(name or ""), data)


def _write(
    conn: sqlite3.Connection, computed: list[tuple[int, str, int | None, str]], indexed: bool
) -> list[Checked]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        rowids = [rowid for rowid, *_rest in computed]
        marks = ",".join("?" * len(rowids))
        still = {
            rowid
            for (rowid,) in conn.execute(
                f"SELECT rowid FROM templates WHERE rowid IN ({marks}) AND status = ?",
                [*rowids, STATUS_PENDING],
            )
        }
        fresh = [row for row in computed if row[0] in still]
        conn.executemany(
            "UPDATE templates SET status = ?, search_text = ? WHERE rowid = ?",
            [(status, text, rowid) for rowid, _id, status, text in fresh],
        )
        if indexed:
            conn.executemany(
                "INSERT INTO template_search (rowid, search_text) VALUES (?, ?)",
                [(rowid, text) for rowid, _id, _status, text in fresh],
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return [Checked(template_id, status) for _rowid, template_id, status, _text in fresh]
