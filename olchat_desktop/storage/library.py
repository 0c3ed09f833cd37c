"""The template library: templates in one SQLite file under the data home.

One ``TemplateLibrary`` holds one connection. Every method takes an internal lock, so the
UI may call it from a worker thread (one at a time is enough; the lock makes overlapping
calls safe too). Every write is one ``BEGIN IMMEDIATE`` transaction: when a method
returns, its change is committed and durable (see ``library_schema`` for why).
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType

import pydantic

from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.core.template import Template, utc_now
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.library_errors import LibraryError
from olchat_desktop.storage.library_records import (
    TagCount,
    TemplateVersion,
    TrashEntry,
    changed_fields,
    content_of,
)
from olchat_desktop.storage.library_schema import (
    MAX_VERSIONS,
    fold,
    open_connection,
    replace_tags,
    search_text,
)

__all__ = ["LibraryError", "TagCount", "TemplateLibrary", "TemplateVersion", "TrashEntry"]


class TemplateLibrary:
    """Create, save, search, trash, version, import and export templates."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            from olchat_desktop.paths import library_path

            path = library_path()
        self._path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection = open_connection(self._path)

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> TemplateLibrary:
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

    def _load(self, body_json: str) -> Template:
        try:
            return Template.model_validate_json(body_json)
        except pydantic.ValidationError as error:
            raise errors.corrupt(self._path) from error

    def _load_one(self, conn: sqlite3.Connection, template_id: str) -> Template:
        row = conn.execute("SELECT body FROM templates WHERE id = ?", (template_id,)).fetchone()
        if row is None:
            raise errors.not_found(template_id)
        return self._load(row[0])

    def _store(self, conn: sqlite3.Connection, template: Template, summary: str | None) -> Template:
        """Insert or update one template and record a version if its content changed.
        ``summary`` overrides the automatic "changed: fields" description."""
        row = conn.execute("SELECT body FROM templates WHERE id = ?", (template.id,)).fetchone()
        now = utc_now()
        if row is None:
            stored = template.model_copy(update={"created_at": now, "updated_at": now})
            summary = summary or "created"
        else:
            old = self._load(row[0])
            changed = changed_fields(old, template)
            if not changed:
                return old  # nothing new: no write, no version, updated_at unchanged
            summary = summary or "changed:" + ",".join(changed)
            stored = template.model_copy(update={"created_at": old.created_at, "updated_at": now})
        body_json = stored.model_dump_json()
        # INSERT OR REPLACE would delete the row and cascade away its versions and tags.
        conn.execute(
            "INSERT INTO templates (id, name, body, created_at, updated_at, name_key,"
            " search_text) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " name = excluded.name, body = excluded.body, updated_at = excluded.updated_at,"
            " name_key = excluded.name_key, search_text = excluded.search_text",
            (
                stored.id,
                stored.name,
                body_json,
                stored.created_at.isoformat(),
                now.isoformat(),
                fold(stored.name),
                search_text(stored.name, content_of(stored)),
            ),
        )
        replace_tags(conn, stored.id, stored.tags)
        conn.execute(
            "INSERT INTO template_versions (template_id, saved_at, summary, body)"
            " VALUES (?, ?, ?, ?)",
            (stored.id, now.isoformat(), summary, body_json),
        )
        conn.execute(
            "DELETE FROM template_versions WHERE template_id = ? AND id NOT IN"
            " (SELECT id FROM template_versions WHERE template_id = ? ORDER BY id DESC LIMIT ?)",
            (stored.id, stored.id, MAX_VERSIONS),
        )
        return stored

    def _select(self, where: str, params: Sequence[object]) -> list[Template]:
        with self._transaction("DEFERRED") as conn:
            rows = conn.execute(
                f"SELECT body FROM templates WHERE {where} ORDER BY name_key, id", params
            ).fetchall()
        return [self._load(body) for (body,) in rows]

    # -- templates ----------------------------------------------------------------------

    def create(self, template: Template | None = None) -> Template:
        """Add a new template (an empty one by default); its id must be new."""
        template = template or Template()
        with self._transaction("IMMEDIATE") as conn:
            if conn.execute("SELECT 1 FROM templates WHERE id = ?", (template.id,)).fetchone():
                raise errors.already_exists(template.id)
            return self._store(conn, template, "created")

    def save(self, template: Template) -> Template:
        """Store ``template`` (created if new); returns what is stored, with timestamps."""
        with self._transaction("IMMEDIATE") as conn:
            return self._store(conn, template, None)

    def get(self, template_id: str) -> Template:
        """A template by id, also when it is in the trash."""
        with self._transaction("DEFERRED") as conn:
            return self._load_one(conn, template_id)

    def list_templates(self) -> list[Template]:
        """Every template not in the trash, sorted by name (case-insensitively)."""
        return self._select("deleted_at IS NULL", ())

    def duplicate(self, template_id: str, lang: Lang = "ru") -> Template:
        with self._transaction("IMMEDIATE") as conn:
            source = self._load_one(conn, template_id)
            suffix = pick(lang, " (копия)", " (copy)")
            copy = source.model_copy(update={"id": uuid.uuid4().hex, "name": source.name + suffix})
            return self._store(conn, copy, "duplicated")

    def rename(self, template_id: str, name: str) -> Template:
        with self._transaction("IMMEDIATE") as conn:
            current = self._load_one(conn, template_id)
            return self._store(conn, current.model_copy(update={"name": name}), None)

    def search(self, text: str = "", tag: str | None = None) -> list[Template]:
        """Templates (not in the trash) whose name or text holds every word of ``text``,
        case-insensitively in any script; with ``tag``, only those carrying that tag."""
        where = ["deleted_at IS NULL"]
        params: list[object] = []
        for word in fold(text).split():
            where.append("instr(search_text, ?) > 0")
            params.append(word)
        if tag is not None and tag.strip():
            where.append("id IN (SELECT template_id FROM template_tags WHERE tag_key = ?)")
            params.append(fold(tag.strip()))
        return self._select(" AND ".join(where), params)

    def tags(self) -> list[TagCount]:
        """Every tag on a template outside the trash, with how many templates carry it."""
        with self._transaction("DEFERRED") as conn:
            rows = conn.execute(
                "SELECT min(tag), count(*) FROM template_tags JOIN templates"
                " ON templates.id = template_tags.template_id"
                " WHERE templates.deleted_at IS NULL GROUP BY tag_key ORDER BY tag_key"
            ).fetchall()
        return [TagCount(tag, count) for tag, count in rows]

    # -- trash --------------------------------------------------------------------------

    def delete(self, template_id: str) -> None:
        """Move a template to the trash (``restore`` undoes it)."""
        self._set_deleted(template_id, utc_now().isoformat())

    def restore(self, template_id: str) -> Template:
        self._set_deleted(template_id, None)
        return self.get(template_id)

    def _set_deleted(self, template_id: str, deleted_at: str | None) -> None:
        with self._transaction("IMMEDIATE") as conn:
            cursor = conn.execute(
                "UPDATE templates SET deleted_at = ? WHERE id = ?", (deleted_at, template_id)
            )
            if cursor.rowcount == 0:
                raise errors.not_found(template_id)

    def list_trash(self) -> list[TrashEntry]:
        """Templates in the trash, most recently deleted first."""
        with self._transaction("DEFERRED") as conn:
            rows = conn.execute(
                "SELECT body, deleted_at FROM templates WHERE deleted_at IS NOT NULL"
                " ORDER BY deleted_at DESC, name_key"
            ).fetchall()
        return [TrashEntry(self._load(body), datetime.fromisoformat(at)) for body, at in rows]

    def purge(self, template_id: str) -> None:
        """Delete a template for good, with its versions (cannot be undone)."""
        with self._transaction("IMMEDIATE") as conn:
            cursor = conn.execute("DELETE FROM templates WHERE id = ?", (template_id,))
            if cursor.rowcount == 0:
                raise errors.not_found(template_id)

    def empty_trash(self) -> int:
        with self._transaction("IMMEDIATE") as conn:
            return conn.execute("DELETE FROM templates WHERE deleted_at IS NOT NULL").rowcount

    # -- versions -----------------------------------------------------------------------

    def versions(self, template_id: str) -> list[TemplateVersion]:
        """The stored versions of a template (at most 20), newest first."""
        with self._transaction("DEFERRED") as conn:
            self._load_one(conn, template_id)
            rows = conn.execute(
                "SELECT id, saved_at, summary FROM template_versions WHERE template_id = ?"
                " ORDER BY id DESC",
                (template_id,),
            ).fetchall()
        return [
            TemplateVersion(vid, template_id, datetime.fromisoformat(at), summary)
            for vid, at, summary in rows
        ]

    def version_template(self, version_id: int) -> Template:
        """The template as it was saved in one version (for a preview before restoring)."""
        with self._transaction("DEFERRED") as conn:
            row = conn.execute(
                "SELECT body FROM template_versions WHERE id = ?", (version_id,)
            ).fetchone()
        if row is None:
            raise errors.version_not_found(version_id)
        return self._load(row[0])

    def restore_version(self, version_id: int) -> Template:
        """Make an earlier version current again; this is itself a new save (and version)."""
        with self._transaction("IMMEDIATE") as conn:
            row = conn.execute(
                "SELECT template_id, body FROM template_versions WHERE id = ?", (version_id,)
            ).fetchone()
            if row is None:
                raise errors.version_not_found(version_id)
            current = self._load_one(conn, row[0])
            earlier = self._load(row[1])
            restored = current.model_copy(update=content_of(earlier))
            restored = Template.model_validate(restored.model_dump())
            return self._store(conn, restored, "restored")

    # -- bulk and health ----------------------------------------------------------------

    def add_many(self, templates: Sequence[Template], summary: str = "imported") -> list[Template]:
        """Insert templates in one transaction (all or nothing); a template whose id is
        already taken gets a fresh id, so an import never overwrites anything."""
        added: list[Template] = []
        with self._transaction("IMMEDIATE") as conn:
            for template in templates:
                taken = conn.execute("SELECT 1 FROM templates WHERE id = ?", (template.id,))
                if taken.fetchone():
                    template = template.model_copy(update={"id": uuid.uuid4().hex})
                added.append(self._store(conn, template, summary))
        return added

    def integrity_ok(self) -> bool:
        """SQLite's own full consistency check of the file."""
        with self._transaction("DEFERRED") as conn:
            return [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
