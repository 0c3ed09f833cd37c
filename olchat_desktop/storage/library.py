"""The template library: templates in one SQLite file under the data home.

One ``TemplateLibrary`` holds one connection. Every method takes an internal lock, so the
UI may call it from a worker thread (one at a time is enough; the lock makes overlapping
calls safe too). Every write is one ``BEGIN IMMEDIATE`` transaction: when a method
returns, its change is committed and durable (see ``library_schema`` for why).

Rows are stored and compared as plain JSON objects. The main window's everyday paths (list,
open, autosave, new, delete, undo) use the ``*_draft`` methods, which never import pydantic
(``core.template_draft`` says why); the ``Template`` methods validate through the pydantic
model, loaded on their first use.

The class is assembled from ``library_base`` (connection, transactions, rows and their
versions) and ``library_history`` (trash, version history); this module adds creating,
saving, listing and searching.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.template_draft import TemplateDraft, new_template_id
from olchat_desktop.storage import library_listing as listing
from olchat_desktop.storage import library_team as team
from olchat_desktop.storage.library_bulk import insert_new
from olchat_desktop.storage.library_errors import LibraryError, from_sqlite
from olchat_desktop.storage.library_history import LibraryHistory
from olchat_desktop.storage.library_listing import PAGE_SIZE, ListQuery, ListRow
from olchat_desktop.storage.library_records import (
    HINT_LENGTH,
    LibraryStats,
    TagCount,
    TemplateSummary,
    TemplateVersion,
    TrashEntry,
)
from olchat_desktop.storage.library_schema import SEARCHED_TEXT, fold
from olchat_desktop.storage.library_status import STATUS_NAMES
from olchat_desktop.storage.library_team import SyncInfo, TeamScope

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
    "LibraryStats",
    "ListQuery",
    "ListRow",
    "TagCount",
    "TemplateLibrary",
    "TemplateSummary",
    "TemplateVersion",
    "TrashEntry",
]


class TemplateLibrary(LibraryHistory):
    """Create, save, search, trash, version, import and export templates."""

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
            name = text(lang, "{name} (copy)").format(name=source.name)
            copy = source.replace(id=new_template_id(), name=name)
            return self._store(conn, copy.to_stored(), "duplicated")

    def rename(self, template_id: str, name: str) -> Template:
        with self._transaction("IMMEDIATE") as conn:
            current = self._draft(self._row(conn, template_id))
            return self._template(self._store(conn, current.replace(name=name).to_stored(), None))

    def add_tag(self, template_ids: Sequence[str], tag: str) -> int:
        """Add ``tag`` to each template that lacks it (case-insensitively), one
        transaction, each a new version; returns how many templates changed."""
        label = tag.strip()
        changed = 0
        if not label:
            return 0
        with self._transaction("IMMEDIATE") as conn:
            for template_id in template_ids:
                current = self._draft(self._row(conn, template_id))
                if fold(label) in {fold(existing) for existing in current.tags}:
                    continue
                updated = current.replace(tags=(*current.tags, label))
                self._store(conn, updated.to_stored(), None)
                changed += 1
        return changed

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
            where.append(f"instr({SEARCHED_TEXT}, ?) > 0")
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

    # -- bulk and health ----------------------------------------------------------------

    def add_many(self, templates: Sequence[Template], summary: str = "imported") -> list[Template]:
        """Insert templates in one transaction (all or nothing); a template whose id is
        already taken gets a fresh id, so an import never overwrites anything."""
        rows = [template.model_dump(mode="json") for template in templates]
        return [self._template(stored) for stored in self._add_rows(rows, summary)]

    def add_many_drafts(
        self, drafts: Sequence[TemplateDraft], summary: str = "imported"
    ) -> list[TemplateDraft]:
        """``add_many`` for drafts (no pydantic): one transaction, fresh ids when taken."""
        rows = [draft.to_stored() for draft in drafts]
        return [self._draft(stored) for stored in self._add_rows(rows, summary)]

    def _add_rows(self, rows: list[dict[str, Any]], summary: str) -> list[dict[str, Any]]:
        with self._transaction("IMMEDIATE") as conn:
            return insert_new(conn, rows, summary)

    # -- the sidebar's pages (issue 15) -------------------------------------------------

    def list_page(
        self,
        query: ListQuery,
        after: ListRow | None = None,
        limit: int | None = PAGE_SIZE,
        until: ListRow | None = None,
    ) -> list[ListRow]:
        """One page of sidebar rows in the query's order (``library_listing.page``)."""
        self._attach_team(query.team)
        with self._transaction("DEFERRED") as conn:
            return listing.page(conn, query, after, limit, until)

    def list_row(self, query: ListQuery, template_id: str) -> ListRow | None:
        """The sidebar row of one template, or None when the query does not show it."""
        self._attach_team(query.team)
        with self._transaction("DEFERRED") as conn:
            return listing.row(conn, query, template_id)

    # -- the team library's state in the sidebar (issue 19, ``library_team``) -----------

    def _attach_team(self, scope: TeamScope | None) -> None:
        if scope is not None:
            with self._lock:  # outside a transaction: SQLite refuses ATTACH in one
                try:
                    team.attach(self._conn, scope)
                except sqlite3.Error as error:
                    raise from_sqlite(error, self._path) from error

    def team_counts(self, scope: TeamScope | None) -> tuple[int, int]:
        """(templates outside the trash, shared ones) in one query."""
        self._attach_team(scope)
        with self._transaction("DEFERRED") as conn:
            return team.counts(conn, scope)

    def team_infos(self, scope: TeamScope | None) -> dict[str, SyncInfo]:
        """Every shared template's sync state, last editor and time, in one query."""
        self._attach_team(scope)
        with self._transaction("DEFERRED") as conn:
            return team.infos(conn, scope)

    def reopen(self) -> TemplateLibrary:
        """Another connection to the same file in the same mode, for a worker thread
        (a read-only library stays read-only: an import then fails at once, clearly)."""
        other = TemplateLibrary(self.path, read_only=self.read_only)
        other.read_only_reason = self.read_only_reason
        return other

    def data_version(self) -> int:
        """SQLite's ``data_version``: it changes when another connection (another
        window, the CLI, a worker) committed to the file (``ui.controllers.library_watch``)."""
        with self._lock:
            try:
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error as error:  # closed, damaged: the caller's LibraryError
                raise from_sqlite(error, self._path) from error

    def pending_count(self) -> int:
        """Templates an import stored as not yet checked (``library_checking``)."""
        from olchat_desktop.storage.library_checking import pending_count

        with self._transaction("DEFERRED") as conn:
            return pending_count(conn)

    def stats(self) -> LibraryStats:
        """Counts by status, the trash, stored versions and the file's size."""
        with self._transaction("DEFERRED") as conn:
            by_status = dict(
                conn.execute(
                    "SELECT status, count(*) FROM templates WHERE deleted_at IS NULL"
                    " GROUP BY status"
                ).fetchall()
            )
            trash = conn.execute(
                "SELECT count(*) FROM templates WHERE deleted_at IS NOT NULL"
            ).fetchone()[0]
            versions = conn.execute("SELECT count(*) FROM template_versions").fetchone()[0]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        return LibraryStats(
            templates=sum(by_status.values()),
            by_status={name: by_status.get(value, 0) for value, name in STATUS_NAMES.items()}
            | {"unknown": by_status.get(None, 0)},
            trash=trash,
            versions=versions,
            size_bytes=pages * page_size,
        )

    def integrity_ok(self) -> bool:
        """SQLite's own full consistency check of the file."""
        with self._transaction("DEFERRED") as conn:
            return [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
