"""The pulling half of a sync (``engine``): downloading what changed on the portal
(through an unread sync bundle first, ``bundles``; expired URLs renewed once) and
applying the portal's side to the library and the sync state, by the table in
``engine``'s docstring. Kept apart so the engine stays the orchestration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from olchat_desktop.bitrix.disk import DiskClient, DiskItem, DownloadExpiredError
from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError
from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.sharing import bundles
from olchat_desktop.sharing.local import Local
from olchat_desktop.sharing.report import Item, SyncReport
from olchat_desktop.sharing.shared_file import BrokenFileError, decode
from olchat_desktop.sharing.state import Entry, SyncState
from olchat_desktop.storage.library import TemplateLibrary


@dataclass
class Plan:
    push: list[str] = field(default_factory=list)
    create: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)


class PullHost(Protocol):
    """What pulling needs of the engine (``SharedLibrarySync``)."""

    library: TemplateLibrary
    state: SyncState
    disk: DiskClient
    profile: str
    lang: Lang
    cancel: CancelToken
    progress: Callable[[str, int, int], None]
    server_now: float
    bundles: list[DiskItem]

    def put(self, entry: Entry, **changes: object) -> Entry: ...

    def fresh(self, item: DiskItem) -> bool: ...

    def recheck(self, tid: str, loc: Local | None) -> Local | None: ...

    def conflict(
        self,
        tid: str,
        kind: str,
        body: dict[str, object] | None,
        rhash: str | None,
        item: DiskItem | None,
    ) -> None: ...


def download(
    host: PullHost, wanted: dict[str, DiskItem], report: SyncReport
) -> dict[str, tuple[DiskItem, bytes]]:
    got = bundles.read(host, host.bundles, wanted)
    retry: list[str] = []
    for done, (tid, item) in enumerate(wanted.items()):
        if tid in got:
            continue
        host.cancel.check()
        host.progress("download", done, len(wanted))
        try:
            got[tid] = (item, host.disk.download(item.download_url))
        except (DownloadExpiredError, ConnectionFailedError):
            retry.append(tid)
    if not retry:
        return got
    # Expired URLs (a portal restart) or a dropped connection: fresh URLs, one more try.
    try:
        fresh = host.disk.refresh_urls([wanted[tid].id for tid in retry])
    except BitrixError as error:
        report.errors.append(_download_failed(host.lang, len(retry), error))
        return got
    failed = 0
    for tid in retry:
        renewed = fresh.get(wanted[tid].id)
        if renewed is None:
            continue  # deleted meanwhile: the next listing says so
        try:
            got[tid] = (renewed, host.disk.download(renewed.download_url))
        except (DownloadExpiredError, ConnectionFailedError):
            failed += 1
    if failed:
        report.errors.append(_download_failed(host.lang, failed, None))
    return got


def _download_failed(lang: Lang, count: int, error: BitrixError | None) -> str:
    why = f" ({error.user_message(lang)})" if error is not None else ""
    return text(
        lang,
        "Could not download {count} file(s); they will come on the next sync{why}.",
    ).format(count=count, why=why)


def apply_remote(
    host: PullHost,
    tid: str,
    item: DiskItem,
    data: bytes,
    entry: Entry | None,
    loc: Local | None,
    plan: Plan,
    report: SyncReport,
) -> None:
    try:
        shared = decode(data, tid)
    except BrokenFileError as error:
        if host.state.notice_is_new(host.profile, item.id, item.update_time, "broken"):
            report.broken.append(Item(tid, item.name, error.message(host.lang)))
        # Never imported: the local copy stays as it is. A local edit since the last
        # sync repairs the file (the broken version stays in Disk's history).
        if entry is not None and entry.file_id is not None and _edited(loc, entry):
            host.put(entry, file_id=item.id)
            plan.push.append(tid)
        return
    rhash = shared.hash
    meta = {
        "file_id": item.id,
        "file_name": item.name,
        "update_time": item.update_time,
        "size": item.size,
        "content_version": item.content_version,
        "updated_by": item.updated_by,
        "recheck": host.fresh(item),
    }
    base = dict(base_hash=rhash, base_body=shared.content, pushed_hash=None, status="synced")
    if entry is None:
        entry = Entry.new(tid, "synced")
    loc = host.recheck(tid, loc)
    name = shared.template.name
    ours = rhash in (entry.base_hash, entry.pushed_hash)
    if entry.file_id is not None and ours:
        # The portal has what we agreed on (or what we pushed): only local news matter.
        host.put(entry, **meta, **base)
        if loc is None or loc.trashed:
            plan.delete.append(tid)
        elif loc.hash != rhash:
            plan.push.append(tid)
        return
    if loc is None:
        host.library.create(shared.template)
        report.add("added_local" if entry.file_id is None else "restored", tid, name)
    elif loc.hash == rhash or (entry.file_id is None and ours):
        host.put(entry, **meta, **base)  # converged (or our own lost upload)
        if loc.hash != rhash and not loc.trashed:
            plan.push.append(tid)
        return
    elif loc.trashed:
        host.library.save(shared.template)
        host.library.untrash(tid)
        report.add("restored", tid, name)
    elif entry.file_id is not None and loc.hash == entry.base_hash:
        host.library.save(shared.template)
        report.add("pulled", tid, name)
    else:  # both sides changed: keep both, decide nothing
        host.put(entry, **meta, status="conflict")
        host.conflict(tid, "edited", shared.content, rhash, item)
        return
    host.put(entry, **meta, **base)


def _edited(loc: Local | None, entry: Entry) -> bool:
    """The local template exists, is not in the trash and differs from the agreed base."""
    return loc is not None and not loc.trashed and loc.hash != entry.base_hash
