"""The template library's foundation: one SQLite connection, transactions, and rows as
plain JSON objects (decoded, stored with versions, turned into drafts or Templates).

``TemplateLibrary`` (``storage.library``) builds on it; the split only keeps modules short.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from olchat_desktop.core.template_draft import TemplateDraft, utc_now
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.library_records import changed_fields, content_of
from olchat_desktop.storage.library_schema import (
    MAX_VERSIONS,
    fold,
    open_connection,
    open_read_only,
    replace_tags,
    search_text,
)
from olchat_desktop.storage.library_status import status_of

if TYPE_CHECKING:
    from olchat_desktop.core.template import Template


class LibraryBase:
    """The connection, its lock and the row helpers every library method uses."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        """``read_only``: open a library the app could not open for writing (locked or
        damaged, ``library_schema.open_read_only``); every write then raises a
        ``LibraryError`` with code ``read_only`` and the file is never changed."""
        if path is None:
            from olchat_desktop.paths import library_path

            path = library_path()
        self._path = Path(path)
        self._lock = threading.RLock()
        self.read_only = read_only
        self.immutable = False  # read-only past another program's lock
        self.read_only_reason: str | None = None  # the LibraryError code that led here
        if read_only:
            self._conn, self.immutable = open_read_only(self._path)
        else:
            self._conn = open_connection(self._path)

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def _transaction(self, mode: str) -> Iterator[sqlite3.Connection]:
        """``IMMEDIATE`` for writes (take the write lock up front, so a second instance
        waits on the busy timeout instead of failing mid-way); ``DEFERRED`` for reads (one
        consistent snapshot across several SELECTs)."""
        if self.read_only and mode != "DEFERRED":
            raise errors.read_only(self._path)
        with self._lock:
            try:
                self._conn.execute(f"BEGIN {mode}")
            except sqlite3.Error as error:
                raise errors.from_sqlite(error, self._path) from error
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as failure:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(failure, sqlite3.Error):
                    raise errors.from_sqlite(failure, self._path) from failure
                raise

    def _decode(self, body_json: str) -> dict[str, Any]:
        try:
            data = json.loads(body_json)
        except ValueError as error:
            raise errors.corrupt(self._path) from error
        if not isinstance(data, dict):
            raise errors.corrupt(self._path)
        return data

    def _template(self, data: dict[str, Any]) -> Template:
        import pydantic

        from olchat_desktop.core.template import Template

        try:
            return Template.model_validate(data)
        except pydantic.ValidationError as error:
            raise errors.corrupt(self._path) from error

    def _draft(self, data: dict[str, Any]) -> TemplateDraft:
        try:
            return TemplateDraft.from_stored(data)
        except ValueError as error:
            raise errors.corrupt(self._path) from error

    def _load(self, body_json: str) -> Template:
        return self._template(self._decode(body_json))

    def _row(self, conn: sqlite3.Connection, template_id: str) -> dict[str, Any]:
        row = conn.execute("SELECT body FROM templates WHERE id = ?", (template_id,)).fetchone()
        if row is None:
            raise errors.not_found(template_id)
        return self._decode(row[0])

    def _load_one(self, conn: sqlite3.Connection, template_id: str) -> Template:
        return self._template(self._row(conn, template_id))

    def _store(
        self, conn: sqlite3.Connection, data: dict[str, Any], summary: str | None
    ) -> dict[str, Any]:
        """Insert or update one template (``data``: its JSON object; timestamps in it are
        ignored) and record a version if its content changed. ``summary`` overrides the
        automatic "changed: fields" description. Returns the stored JSON object."""
        row = conn.execute("SELECT body FROM templates WHERE id = ?", (data["id"],)).fetchone()
        now = utc_now().isoformat()
        content = content_of(data)
        if row is None:
            created = now
            summary = summary or "created"
        else:
            old = self._decode(row[0])
            changed = changed_fields(old, data)
            if not changed:
                return old  # nothing new: no write, no version, updated_at unchanged
            created = str(old.get("created_at") or now)
            summary = summary or "changed:" + ",".join(changed)
        stored = {"id": data["id"], **content, "created_at": created, "updated_at": now}
        body_json = json.dumps(stored, ensure_ascii=False)
        name = str(stored.get("name", ""))
        # INSERT OR REPLACE would delete the row and cascade away its versions and tags.
        conn.execute(
            "INSERT INTO templates (id, name, body, created_at, updated_at, name_key,"
            " search_text, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
            " SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at,"
            " name_key = excluded.name_key, search_text = excluded.search_text,"
            " status = excluded.status",
            (
                stored["id"],
                name,
                body_json,
                created,
                now,
                fold(name),
                search_text(name, content),
                status_of(stored),
            ),
        )
        replace_tags(conn, stored["id"], stored.get("tags") or [])
        conn.execute(
            "INSERT INTO template_versions (template_id, saved_at, summary, body)"
            " VALUES (?, ?, ?, ?)",
            (stored["id"], now, summary, body_json),
        )
        conn.execute(
            "DELETE FROM template_versions WHERE template_id = ? AND id NOT IN"
            " (SELECT id FROM template_versions WHERE template_id = ? ORDER BY id DESC LIMIT ?)",
            (stored["id"], stored["id"], MAX_VERSIONS),
        )
        return stored

    def _rows(self, where: str, params: Sequence[object]) -> list[dict[str, Any]]:
        with self._transaction("DEFERRED") as conn:
            rows = conn.execute(
                f"SELECT body FROM templates WHERE {where} ORDER BY name_key, id", params
            ).fetchall()
        return [self._decode(body) for (body,) in rows]

    def _select(self, where: str, params: Sequence[object]) -> list[Template]:
        return [self._template(data) for data in self._rows(where, params)]

    def _create(self, data: dict[str, Any]) -> dict[str, Any]:
        with self._transaction("IMMEDIATE") as conn:
            if conn.execute("SELECT 1 FROM templates WHERE id = ?", (data["id"],)).fetchone():
                raise errors.already_exists(data["id"])
            return self._store(conn, data, "created")

    # -- reading one template ---------------------------------------------------------

    def get(self, template_id: str) -> Template:
        """A template by id, also when it is in the trash."""
        with self._transaction("DEFERRED") as conn:
            return self._load_one(conn, template_id)

    def get_draft(self, template_id: str) -> TemplateDraft:
        with self._transaction("DEFERRED") as conn:
            return self._draft(self._row(conn, template_id))
