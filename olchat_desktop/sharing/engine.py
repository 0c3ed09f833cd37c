"""One sync of a profile's shared folder with the local library (issue 19).

The local library stays the working copy; Disk holds one file per shared template
(``shared_file``). A sync lists the folder (one ``getchildren`` plus one batch per 50
pages), downloads only files whose ``UPDATE_TIME``/``SIZE`` differ from what the last sync
recorded, and pushes local edits with ``disk.file.uploadversion`` in batches. Decisions
compare content hashes against the ``base`` both sides last agreed on:

===================  =====================  =========================================
local                portal                 result
===================  =====================  =========================================
unchanged            changed                pulled into the library
changed              unchanged              pushed (``uploadversion``)
changed              changed, same content  synced
changed              changed, different     **conflict**: the library keeps the local
                                            version, the state keeps the portal's
unchanged            deleted                moved to the local trash
changed              deleted                **conflict** (``deleted_remote``)
trashed              unchanged              ``markdeleted`` on Disk (its own trash)
trashed / purged     changed                restored with the portal's version
===================  =====================  =========================================

Nothing is overwritten silently and nothing is destroyed: a conflict blocks that
template until :meth:`SharedLibrarySync.resolve`. Faults: the hash of every push is
written down *before* it is sent (``pushed_hash``), so when the answer is lost but the
upload landed, the next sync recognises its own content instead of calling it a
conflict; a download that fails (connection dropped, portal restarted, URL expired) gets
fresh URLs once and otherwise leaves that template for the next sync.

Disk has no compare-and-swap: a version another user uploads between our listing and
our ``uploadversion`` is overwritten on Disk, but it stays in the file's version history
(``disk.file.getVersions``). Change detection compares ``UPDATE_TIME``, ``SIZE`` and
``GLOBAL_CONTENT_VERSION``; without the counter, ``UPDATE_TIME``'s one-second resolution
could hide a same-size upload in the same second, so such a file seen within
``FRESH_SECONDS`` of its change is downloaded again next time (``recheck``).

The pulling half (downloads, through sync bundles first, and applying the portal's side)
is ``pull``; the writing half is ``writes``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from olchat_desktop.bitrix.disk import DiskClient, DiskItem
from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError
from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template import Template
from olchat_desktop.sharing import bundles, conflicts, errors, pull
from olchat_desktop.sharing.local import Local, make_local_copy, put_entry
from olchat_desktop.sharing.report import Item, SyncReport
from olchat_desktop.sharing.shared_file import (
    id_from_file_name,
    template_hash,
)
from olchat_desktop.sharing.state import Conflict, Entry, SyncState
from olchat_desktop.sharing.writes import Writer
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_errors import LibraryError

FRESH_SECONDS = 2.0
Progress = Callable[[str, int, int], None]  # (phase, done, total)


class SharedLibrarySync:
    """Syncs one profile's shared folder; one instance per sync run (not thread-safe)."""

    def __init__(
        self,
        library: TemplateLibrary,
        state: SyncState,
        disk: DiskClient,
        profile: str,
        *,
        lang: Lang = "ru",
        cancel: CancelToken | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.library = library
        self.state = state
        self.disk = disk
        self.profile = profile
        self.lang = lang
        self.cancel = cancel or CancelToken()
        self.progress = progress or (lambda _phase, _done, _total: None)

    # -- sharing and resolving -----------------------------------------------------------

    def share(self, template_ids: Iterable[str]) -> int:
        """Mark local templates as shared; the next sync uploads them. Returns how many."""
        entries = self.state.entries(self.profile)
        new = [Entry.new(tid, "pending") for tid in template_ids if tid not in entries]
        self.state.put_many(self.profile, new)
        return len(new)

    def resolve(self, template_id: str, keep: str) -> None:
        """Close a conflict keeping ``"local"``, ``"remote"`` or ``"both"`` (``conflicts``)."""
        conflicts.resolve(self, template_id, keep)

    # -- one sync ------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        report = SyncReport()
        requests_before, downloads_before = self.disk.client.requests_sent, self.disk.downloads
        try:
            self._sync(report)
        except errors.SharingError as error:
            report.errors.append(error.message(self.lang))
        except BitrixError as error:
            report.offline = isinstance(error, ConnectionFailedError)
            report.errors.append(error.user_message(self.lang))
        finally:
            report.requests = self.disk.client.requests_sent - requests_before
            report.downloads = self.disk.downloads - downloads_before
            conflicts.list_conflicts(self, report)
        return report

    def _sync(self, report: SyncReport) -> None:
        folder = self.state.folder(self.profile)
        if folder is None:
            raise errors.no_folder(self.profile)
        self.folder_name = folder.folder_name
        self.progress("list", 0, 0)
        try:
            listing = self.disk.children(folder.folder_id)
        except BitrixError as error:
            raise errors.translate(error, folder.folder_name) or error from None
        self.server_now = listing.server_time or time.time()
        report.read_only = self.read_only = folder.read_only
        remote = self._index(listing.items, report)
        entries = self.state.entries(self.profile)
        local = self._local()
        plan = pull.Plan()
        wanted: dict[str, DiskItem] = {}
        for tid, entry in entries.items():
            item, loc = remote.get(tid), local.get(tid)
            if entry.status == "conflict":
                continue
            if entry.file_id is None:  # shared, not uploaded yet
                if item is not None:  # an upload whose answer was lost: link it
                    wanted[tid] = item
                elif loc is None or loc.trashed:
                    self.state.drop(self.profile, tid)
                else:
                    plan.create.append(tid)
            elif item is None:
                self._gone(entry, loc, report)
            elif self._remote_changed(entry, item):
                wanted[tid] = item
            elif loc is None or loc.trashed:
                plan.delete.append(tid)
            elif loc.hash != entry.base_hash:
                plan.push.append(tid)
        for tid, item in remote.items():
            known = self.state.known_notice(self.profile, item.id, item.update_time)
            if tid not in entries and known != "broken":
                wanted[tid] = item
        for tid, (item, data) in pull.download(self, wanted, report).items():
            self.cancel.check()
            pull.apply_remote(self, tid, item, data, entries.get(tid), local.get(tid), plan, report)
        self._write(plan, entries, local, report)

    # -- reading both sides --------------------------------------------------------------

    def _index(self, items: list[DiskItem], report: SyncReport) -> dict[str, DiskItem]:
        remote: dict[str, DiskItem] = {}
        self.bundles: list[DiskItem] = []
        for item in sorted(items, key=lambda i: i.id):
            tid = id_from_file_name(item.name) if item.kind == "file" else None
            if item.kind != "file":
                continue  # a sub-folder is the team's business, not a template
            if bundles.is_bundle(item.name):
                self.bundles.append(item)  # a pull's shortcut (``bundles``)
                continue
            if tid is None or tid in remote:
                if self.state.notice_is_new(self.profile, item.id, "", "ignored"):
                    report.ignored.append(Item("", item.name))
                continue
            remote[tid] = item
        return remote

    def _local(self) -> dict[str, Local]:
        local = {t.id: Local(t, template_hash(t), False) for t in self.library.list_templates()}
        for entry in self.library.list_trash():
            template = entry.template
            local[template.id] = Local(template, template_hash(template), True)
        return local

    def recheck(self, tid: str, loc: Local | None) -> Local | None:
        """The template as stored right now: the user may have typed (and the editor
        autosaved) since the snapshot at the start of the sync. Read just before the
        library is written, so a pull never lands on an edit it has not seen."""
        try:
            current = self.library.get(tid)
        except LibraryError:
            return None
        digest = template_hash(current)
        if loc is not None and digest == loc.hash:
            return loc
        return Local(current, digest, loc.trashed if loc is not None else False)

    def _remote_changed(self, entry: Entry, item: DiskItem) -> bool:
        seen = (entry.file_id, entry.update_time, entry.size, entry.content_version)
        now = (item.id, item.update_time, item.size, item.content_version)
        return entry.recheck or seen != now

    def fresh(self, item: DiskItem) -> bool:
        """Seen within the second it changed and without a content counter: the next
        sync downloads it again, as a same-second same-size upload would look alike."""
        if item.content_version is not None:
            return False
        return self.server_now - item.updated_at < FRESH_SECONDS

    # -- applying the portal's side ------------------------------------------------------

    def _gone(self, entry: Entry, loc: Local | None, report: SyncReport) -> None:
        loc = self.recheck(entry.template_id, loc)
        if loc is None or loc.trashed:
            self.state.drop(self.profile, entry.template_id)
        elif loc.hash == entry.base_hash:
            self.library.delete(entry.template_id)  # the trash, not destroyed
            self.state.drop(self.profile, entry.template_id)
            report.add("trashed_local", entry.template_id, loc.template.name)
        else:
            self.conflict(entry.template_id, "deleted_remote", None, None, None)

    def conflict(
        self,
        tid: str,
        kind: str,
        body: dict[str, object] | None,
        rhash: str | None,
        item: DiskItem | None,
    ) -> None:
        conflict = Conflict(
            tid,
            kind,
            body,
            rhash,
            item.update_time if item else None,
            item.size if item else None,
            item.updated_by if item else None,
            item.content_version if item else None,
        )
        self.state.add_conflict(self.profile, conflict)

    # -- writing our side ----------------------------------------------------------------

    def _write(
        self,
        plan: pull.Plan,
        entries: dict[str, Entry],
        local: dict[str, Local],
        report: SyncReport,
    ) -> None:
        Writer(self, entries, local, report).run(plan.push, plan.create, plan.delete)

    def put(self, entry: Entry, **changes: object) -> Entry:
        return put_entry(self.state, self.profile, entry, **changes)

    def local_copy(self, template: Template, label: str) -> Template:
        return make_local_copy(self.library, template, label)
