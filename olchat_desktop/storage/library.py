"""The template library: templates in one SQLite file under the data home.

One ``TemplateLibrary`` holds one connection. Every method takes an internal lock, so the
UI may call it from a worker thread (one at a time is enough; the lock makes overlapping
calls safe too). Every write is one ``BEGIN IMMEDIATE`` transaction: when a method
returns, its change is committed and durable (see ``library_schema`` for why).

Rows are stored and compared as plain JSON objects. The main window's everyday paths (list,
open, autosave, new, delete, undo) use the ``*_draft`` methods, which never import pydantic
(``core.template_draft`` says why); the ``Template`` methods validate through the pydantic
model, loaded on their first use.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.core.template_draft import TemplateDraft, new_template_id, utc_now
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.library_errors import LibraryError
from olchat_desktop.storage.library_records import (
    HINT_LENGTH,
    TagCount,
    TemplateSummary,
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

if TYPE_CHECKING:
    from olchat_desktop.core.template import Template

# SQLite's "->" operator (3.38+) gives a field as JSON text, which keeps a NUL character;
# json_extract() would cut the text there. Older SQLite decodes whole bodies instead.
JSON_ARROW = sqlite3.sqlite_version_info >= (3, 38, 0)
_BODY_IF_NEEDED = "NULL" if JSON_ARROW else "body"


def _json_field(name: str) -> str:
    return f"body -> '$.{name}'" if JSON_ARROW else "NULL"


def _text(field_json: str | None) -> str:
    """A text field from its JSON text (None or a non-string value: empty)."""
    value = json.loads(field_json) if field_json else ""
    return value if isinstance(value, str) else ""


__all__ = [
    "LibraryError",
    "TagCount",
    "TemplateLibrary",
    "TemplateSummary",
    "TemplateVersion",
    "TrashEntry",
]


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
            " search_text) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " name = excluded.name, body = excluded.body, updated_at = excluded.updated_at,"
            " name_key = excluded.name_key, search_text = excluded.search_text",
            (stored["id"], name, body_json, created, now, fold(name), search_text(name, content)),
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

    # -- templates ----------------------------------------------------------------------

    def create(self, template: Template | None = None) -> Template:
        """Add a new template (an empty one by default); its id must be new."""
        if template is None:
            from olchat_desktop.core.template import Template

            template = Template()
        return self._template(self._create(template.model_dump(mode="json")))

    def create_draft(self, draft: TemplateDraft) -> TemplateDraft:
        return self._draft(self._create(draft.to_stored()))

    def save(self, template: Template) -> Template:
        """Store ``template`` (created if new); returns what is stored, with timestamps."""
        with self._transaction("IMMEDIATE") as conn:
            return self._template(self._store(conn, template.model_dump(mode="json"), None))

    def save_draft(self, draft: TemplateDraft) -> TemplateDraft:
        """``save`` for the editor's draft: no pydantic on the autosave path."""
        with self._transaction("IMMEDIATE") as conn:
            return self._draft(self._store(conn, draft.to_stored(), None))

    def get(self, template_id: str) -> Template:
        """A template by id, also when it is in the trash."""
        with self._transaction("DEFERRED") as conn:
            return self._load_one(conn, template_id)

    def get_draft(self, template_id: str) -> TemplateDraft:
        with self._transaction("DEFERRED") as conn:
            return self._draft(self._row(conn, template_id))

    def list_templates(self) -> list[Template]:
        """Every template not in the trash, sorted by name (case-insensitively)."""
        return self._select("deleted_at IS NULL", ())

    def is_empty(self) -> bool:
        """True when no template is outside the trash."""
        with self._transaction("DEFERRED") as conn:
            row = conn.execute("SELECT 1 FROM templates WHERE deleted_at IS NULL LIMIT 1")
            return row.fetchone() is None

    def used_lines(self) -> list[str]:
        """The distinct OLChat lines the templates outside the trash use, sorted."""
        with self._transaction("DEFERRED") as conn:
            rows = conn.execute(
                f"SELECT DISTINCT {_json_field('line')}, {_BODY_IF_NEEDED} FROM templates"
                " WHERE deleted_at IS NULL"
            ).fetchall()
        if JSON_ARROW:
            lines = {_text(line_json) for line_json, _body in rows}
        else:
            lines = {str(self._decode(body).get("line") or "") for _line, body in rows}
        return sorted(line for line in lines if line)

    def duplicate(self, template_id: str, lang: Lang = "ru") -> Template:
        return self._template(self._duplicate(template_id, lang))

    def duplicate_draft(self, template_id: str, lang: Lang = "ru") -> TemplateDraft:
        return self._draft(self._duplicate(template_id, lang))

    def _duplicate(self, template_id: str, lang: Lang) -> dict[str, Any]:
        with self._transaction("IMMEDIATE") as conn:
            source = self._draft(self._row(conn, template_id))
            suffix = pick(lang, " (копия)", " (copy)")
            copy = source.replace(id=new_template_id(), name=source.name + suffix)
            return self._store(conn, copy.to_stored(), "duplicated")

    def rename(self, template_id: str, name: str) -> Template:
        with self._transaction("IMMEDIATE") as conn:
            current = self._draft(self._row(conn, template_id))
            return self._template(self._store(conn, current.replace(name=name).to_stored(), None))

    def search(self, text: str = "", tag: str | None = None) -> list[Template]:
        """Templates (not in the trash) whose name or text holds every word of ``text``,
        case-insensitively in any script; with ``tag``, only those carrying that tag."""
        return [self._template(data) for data in self._search_rows(text, tag)]

    def search_summaries(self, text: str = "", tag: str | None = None) -> list[TemplateSummary]:
        """``search`` for the sidebar: id, name and a hint (the header, else the message's
        start), without decoding whole templates in Python."""
        where, params = self._search_where(text, tag)
        header, message = _json_field("header"), _json_field("message")
        with self._transaction("DEFERRED") as conn:
            rows = conn.execute(
                f"SELECT id, name, {_BODY_IF_NEEDED}, {header}, {message} FROM templates"
                f" WHERE {where}"
                " ORDER BY name_key, id",
                params,
            ).fetchall()
        summaries = []
        for template_id, name, body, header_json, message_json in rows:
            if JSON_ARROW:
                fields = {"header": _text(header_json), "message": _text(message_json)}
            else:
                fields = self._decode(body)
            hint = fields.get("header") or str(fields.get("message") or "")[:HINT_LENGTH]
            summaries.append(TemplateSummary(template_id, name, str(hint)))
        return summaries

    def _search_rows(self, text: str, tag: str | None) -> list[dict[str, Any]]:
        return self._rows(*self._search_where(text, tag))

    @staticmethod
    def _search_where(text: str, tag: str | None) -> tuple[str, list[object]]:
        where = ["deleted_at IS NULL"]
        params: list[object] = []
        for word in fold(text).split():
            where.append("instr(search_text, ?) > 0")
            params.append(word)
        if tag is not None and tag.strip():
            where.append("id IN (SELECT template_id FROM template_tags WHERE tag_key = ?)")
            params.append(fold(tag.strip()))
        return " AND ".join(where), params

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
        self.untrash(template_id)
        return self.get(template_id)

    def untrash(self, template_id: str) -> None:
        """``restore`` without returning the template (the main window's undo)."""
        self._set_deleted(template_id, None)

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
            restored = {"id": current.id, **content_of(earlier.model_dump(mode="json"))}
            return self._template(self._store(conn, restored, "restored"))

    # -- bulk and health ----------------------------------------------------------------

    def add_many(self, templates: Sequence[Template], summary: str = "imported") -> list[Template]:
        """Insert templates in one transaction (all or nothing); a template whose id is
        already taken gets a fresh id, so an import never overwrites anything."""
        added: list[Template] = []
        with self._transaction("IMMEDIATE") as conn:
            for template in templates:
                taken = conn.execute("SELECT 1 FROM templates WHERE id = ?", (template.id,))
                data = template.model_dump(mode="json")
                if taken.fetchone():
                    data["id"] = new_template_id()
                added.append(self._template(self._store(conn, data, summary)))
        return added

    def integrity_ok(self) -> bool:
        """SQLite's own full consistency check of the file."""
        with self._transaction("DEFERRED") as conn:
            return [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
