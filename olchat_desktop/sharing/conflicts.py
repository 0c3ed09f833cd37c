"""Open conflicts: listing them, showing both versions, and closing one (issue 19).

A conflict keeps both versions: the local one in the library, the portal's in the sync
state. Closing it: ``"local"`` (ours goes up on the next sync: the base becomes the
portal's version, so ours counts as the edit), ``"remote"`` (the portal's version replaces
ours in the library), ``"both"`` (the portal's version stays shared, ours becomes a
local-only copy). For ``deleted_remote`` (deleted on the portal, edited here):
``"remote"`` moves ours to the trash, anything else shares ours again as a new file.
"""

from __future__ import annotations

from dataclasses import dataclass

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.template import Template
from olchat_desktop.sharing.local import (
    SyncHost,
    make_local_copy,
    put_entry,
    template_from_body,
)
from olchat_desktop.sharing.report import Item, SyncReport
from olchat_desktop.sharing.state import Entry, SyncState
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_errors import LibraryError

KEEP_CHOICES = ("local", "remote", "both")


class ConflictDesk:
    """What listing and closing conflicts needs, without a portal connection: the window
    resolves conflicts offline (the next sync sends the outcome)."""

    def __init__(
        self, library: TemplateLibrary, state: SyncState, profile: str, lang: Lang
    ) -> None:
        self.library, self.state, self.profile, self.lang = library, state, profile, lang

    def put(self, entry: Entry, **changes: object) -> Entry:
        return put_entry(self.state, self.profile, entry, **changes)

    def local_copy(self, template: Template, label: str) -> Template:
        return make_local_copy(self.library, template, label)

    def open_conflicts(self) -> list[Item]:
        report = SyncReport()
        list_conflicts(self, report)
        return report.conflicts


@dataclass(frozen=True)
class ConflictVersions:
    """Both sides of one conflict, for a side-by-side view."""

    template_id: str
    kind: str
    local: Template | None  # None: purged locally meanwhile
    remote: Template | None  # None: deleted on the portal
    remote_updated_by: int | None
    remote_update_time: str | None


def versions(host: SyncHost | ConflictDesk, template_id: str) -> ConflictVersions | None:
    conflict = host.state.conflicts(host.profile).get(template_id)
    if conflict is None:
        return None
    try:
        local: Template | None = host.library.get(template_id)
    except LibraryError:
        local = None
    remote = template_from_body(conflict.remote_body, template_id) if conflict.remote_body else None
    return ConflictVersions(
        template_id, conflict.kind, local, remote, conflict.updated_by, conflict.update_time
    )


def list_conflicts(host: SyncHost | ConflictDesk, report: SyncReport) -> None:
    for tid, conflict in host.state.conflicts(host.profile).items():
        try:
            name = host.library.get(tid).name
        except LibraryError:  # purged locally meanwhile: still a conflict to show
            name = tid
        detail = (
            text(host.lang, "deleted there, edited here")
            if conflict.kind == "deleted_remote"
            else text(host.lang, "edited here and there")
        )
        report.conflicts.append(Item(tid, name, detail))


def resolve(host: SyncHost | ConflictDesk, template_id: str, keep: str) -> None:
    if keep not in KEEP_CHOICES:
        raise ValueError(f"keep must be one of {KEEP_CHOICES}")
    conflict = host.state.conflicts(host.profile).get(template_id)
    entry = host.state.entries(host.profile).get(template_id)
    if conflict is None or entry is None:
        return
    if conflict.kind == "deleted_remote":
        if keep == "remote":
            host.library.delete(template_id)
            host.state.drop(host.profile, template_id)
        else:  # share the local version again as a new file
            host.put(entry, file_id=None, file_name=None, status="pending", base_hash=None)
            host.state.clear_conflict(host.profile, template_id)
        return
    assert conflict.remote_body is not None
    remote = template_from_body(conflict.remote_body, template_id)
    if keep in ("remote", "both"):
        if keep == "both":
            host.local_copy(host.library.get(template_id), text(host.lang, "mine"))
        host.library.save(remote)
    host.put(
        entry,
        update_time=conflict.update_time,
        size=conflict.size,
        content_version=conflict.content_version,
        base_hash=conflict.remote_hash,
        base_body=conflict.remote_body,
        recheck=False,
        status="synced",
    )
    host.state.clear_conflict(host.profile, template_id)
