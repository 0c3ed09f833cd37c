"""The library's trash and version history (part of ``TemplateLibrary``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from olchat_desktop.core.template_draft import utc_now
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.library_base import LibraryBase
from olchat_desktop.storage.library_records import TemplateVersion, TrashEntry, content_of

if TYPE_CHECKING:
    from olchat_desktop.core.template import Template


class LibraryHistory(LibraryBase):
    """Trash (delete, restore, purge) and the stored versions of each template."""

    # -- trash --------------------------------------------------------------------------

    def delete(self, template_id: str) -> None:
        """Move a template to the trash (``restore`` undoes it)."""
        self._set_deleted(template_id, utc_now().isoformat())

    def delete_many(self, template_ids: list[str]) -> None:
        """Move several templates to the trash in one transaction (all or none)."""
        now = utc_now().isoformat()
        with self._transaction("IMMEDIATE") as conn:
            for template_id in template_ids:
                cursor = conn.execute(
                    "UPDATE templates SET deleted_at = ? WHERE id = ?", (now, template_id)
                )
                if cursor.rowcount == 0:
                    raise errors.not_found(template_id)

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
