"""The writing half of a sync: uploads, new files and deletions, in batches of 50.

Before a batch is sent, each entry records ``pushed_hash`` (see ``engine``); a batch
whose connection drops leaves every template as it was locally, to be reconciled by the
next sync. ``ACCESS_DENIED`` on a write means the folder is read-only for this user: the
folder is marked so, and each edited shared template becomes a local copy while the
shared one returns to the portal's version (issue 19, "Permissions").
"""

from __future__ import annotations

from olchat_desktop.bitrix.disk import DiskItem, WriteOutcome
from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError
from olchat_desktop.core.i18n import text
from olchat_desktop.sharing import bundles, errors
from olchat_desktop.sharing.local import Local, SyncHost, template_from_body
from olchat_desktop.sharing.report import SyncReport
from olchat_desktop.sharing.shared_file import content_dict, encode, file_name
from olchat_desktop.sharing.state import Entry


class Writer:
    def __init__(
        self,
        sync: SyncHost,
        entries: dict[str, Entry],
        local: dict[str, Local],
        report: SyncReport,
    ) -> None:
        self.sync = sync
        self.entries = entries
        self.local = local
        self.report = report
        self.lang = sync.lang
        self.pushed: list[tuple[DiskItem, bytes]] = []  # for the sync bundle

    def run(self, push: list[str], create: list[str], delete: list[str]) -> None:
        if self.sync.read_only:
            self._read_only(push, create, delete)
            return
        self._push(push)
        self._create(create)
        folder = self.sync.state.folder(self.sync.profile)
        if folder is not None:
            bundles.write(self.sync, folder.folder_id, self.pushed, self.sync.bundles)
        self._delete(delete)

    # -- the three kinds of writes -------------------------------------------------------

    def _push(self, tids: list[str]) -> None:
        if not tids:
            return
        files: dict[str, tuple[int, bytes]] = {}
        for tid in tids:
            entry, loc = self.entries[tid], self.local[tid]
            entry.pushed_hash = loc.hash
            assert entry.file_id is not None
            files[tid] = (entry.file_id, encode(loc.template))
        self.sync.state.put_many(self.sync.profile, [self.entries[tid] for tid in tids])
        outcome = self._send(len(tids), lambda: self.sync.disk.upload_versions(files))
        if outcome is None:
            return
        for tid, item in outcome.done.items():
            self._synced(tid, item)
            self.pushed.append((item, files[tid][1]))
            self.report.add("pushed", tid, self.local[tid].template.name)
        denied = self._failures(outcome)
        if denied:
            self._became_read_only()
            self._copies(denied)

    def _create(self, tids: list[str]) -> None:
        if not tids:
            return
        files: dict[str, tuple[str, bytes]] = {}
        for tid in tids:
            entry, template = self.entries[tid], self.local[tid].template
            entry.pushed_hash = self.local[tid].hash
            files[tid] = (file_name(template.name, tid), encode(template))
        self.sync.state.put_many(self.sync.profile, [self.entries[tid] for tid in tids])
        folder = self.sync.state.folder(self.sync.profile)
        assert folder is not None
        outcome = self._send(len(tids), lambda: self.sync.disk.upload_new(folder.folder_id, files))
        if outcome is None:
            return
        for tid, item in outcome.done.items():
            self._synced(tid, item)
            self.pushed.append((item, files[tid][1]))
            self.report.add("uploaded", tid, self.local[tid].template.name)
        denied = self._failures(outcome)
        if denied:
            self._became_read_only()
            self._cannot_share(denied)

    def _delete(self, tids: list[str]) -> None:
        if not tids:
            return
        files = {tid: int(self.entries[tid].file_id or 0) for tid in tids}
        outcome = self._send(len(tids), lambda: self.sync.disk.mark_deleted(files))
        if outcome is None:
            return
        gone = dict(outcome.done)
        for tid, error in list(outcome.failed.items()):
            if error.error_code == "ERROR_NOT_FOUND":  # already gone: the same end
                outcome.failed.pop(tid)
                gone[tid] = DiskItem(files[tid], "", "file", 0, "", 0)
        for tid in gone:
            self.sync.state.drop(self.sync.profile, tid)
            loc = self.local.get(tid)
            self.report.add("deleted_remote", tid, loc.template.name if loc else tid)
        denied = self._failures(outcome)
        if denied:
            self._became_read_only()
            self._restore(denied)

    # -- outcomes ------------------------------------------------------------------------

    def _send(self, count: int, call: object) -> WriteOutcome | None:
        assert callable(call)
        try:
            outcome = call()
        except ConnectionFailedError:
            self.report.errors.append(
                text(
                    self.lang,
                    "The connection dropped while sending {count} change(s); they are kept "
                    "locally and will be sent on the next sync.",
                ).format(count=count)
            )
            return None
        except BitrixError as error:
            translated = errors.translate(error, self.sync.folder_name)
            self.report.errors.append(
                translated.message(self.lang) if translated else error.user_message(self.lang)
            )
            return None
        assert isinstance(outcome, WriteOutcome)
        return outcome

    def _failures(self, outcome: WriteOutcome) -> list[str]:
        """Report failed commands once per kind; return those refused for lack of rights."""
        denied: list[str] = []
        seen: set[str] = set()
        for tid, error in outcome.failed.items():
            if error.error_code == "ACCESS_DENIED":
                denied.append(tid)
                continue
            if error.error_code == "ERROR_NOT_FOUND":
                continue  # deleted on the portal meanwhile: the next listing shows it
            translated = errors.translate(error, self.sync.folder_name)
            text = translated.message(self.lang) if translated else error.user_message(self.lang)
            if text not in seen:
                seen.add(text)
                self.report.errors.append(text)
        return denied

    def _synced(self, tid: str, item: DiskItem) -> None:
        loc, entry = self.local[tid], self.entries[tid]
        self.sync.put(
            entry,
            file_id=item.id,
            file_name=item.name,
            update_time=item.update_time,
            size=item.size,
            content_version=item.content_version,
            updated_by=item.updated_by,
            recheck=self.sync.fresh(item),
            base_hash=loc.hash,
            base_body=content_dict(loc.template),
            pushed_hash=None,
            status="synced",
        )

    # -- a read-only folder --------------------------------------------------------------

    def _became_read_only(self) -> None:
        self.sync.state.set_read_only(self.sync.profile, True)
        self.sync.read_only = self.report.read_only = True

    def _read_only(self, push: list[str], create: list[str], delete: list[str]) -> None:
        self._copies(push)
        self._cannot_share(create)
        self._restore(delete)

    def _copies(self, tids: list[str]) -> None:
        label = text(self.lang, "local copy")
        for tid in tids:
            entry, loc = self.entries[tid], self.local[tid]
            copy = self.sync.local_copy(loc.template, label)
            if entry.base_body is not None:
                self.sync.library.save(template_from_body(entry.base_body, tid))
            self.sync.put(entry, pushed_hash=None)
            self.report.add("local_copies", copy.id, copy.name)
        if tids:
            self.report.notes.append(errors.read_only(self.sync.folder_name).message(self.lang))

    def _cannot_share(self, tids: list[str]) -> None:
        for tid in tids:
            self.sync.state.drop(self.sync.profile, tid)
        if tids:
            self.report.errors.append(
                text(
                    self.lang,
                    'The folder "{folder_name}" is read-only: {count} template(s) could not '
                    "be shared and stay local.",
                ).format(folder_name=self.sync.folder_name, count=len(tids))
            )

    def _restore(self, tids: list[str]) -> None:
        for tid in tids:
            loc = self.local.get(tid)
            if loc is not None and loc.trashed:
                self.sync.library.untrash(tid)
                self.report.add("restored", tid, loc.template.name)
            else:
                self.sync.state.drop(self.sync.profile, tid)  # purged: re-added next sync
