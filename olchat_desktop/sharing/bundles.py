"""Sync bundles: a pull of many changed files in a few requests (issue 19).

Disk's REST never returns file content, so a pull costs one GET per changed file. A sync
that pushes at least ``MIN_FILES`` files therefore also uploads one *bundle* into the
folder: a JSON file named ``~olchat-sync-bundle-<time>-<random>.json`` holding, for each
pushed file, its id, its ``GLOBAL_CONTENT_VERSION`` after the upload and the exact bytes
uploaded. A colleague whose sync wants two or more files downloads the bundles it has
not read yet (newest first, at most ``MAX_READ``), and takes a file's content from a
bundle only when the bundle's ``(id, GLOBAL_CONTENT_VERSION)`` is the one the listing
shows now; everything else is downloaded as before. So the bundle is a cache validated
by Disk's own per-file counter: a stale, lost, half-written or deleted bundle costs at
most one wasted GET, never a wrong pull. Without the counter (a portal that does not
send it) bundles are neither written nor trusted, as ``UPDATE_TIME`` has one-second
resolution.

Costs, weighed: the pusher sends its content twice (the files and the bundle: one more
request and the same bytes again), each client reads each bundle at most once (recorded
in the sync state's notices), and bundles older than ``TTL_SECONDS`` are moved to Disk's
trash by the next bundle's writer (the trash still counts toward the quota until it is
emptied). There is no locking: each bundle is a new file, so two writers never race on
one. A pull of 100 files changed in one colleague's sync: 2 REST requests + 1 bundle GET
instead of 2 + 100; 100 files changed one per sync by many people gain nothing (no
bundle is written below ``MIN_FILES``).
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any, Protocol

from olchat_desktop.bitrix.disk import DiskClient, DiskItem, DownloadExpiredError
from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.sharing.state import SyncState

PREFIX = "~olchat-sync-bundle-"
FORMAT = "olchat-sync-bundle"
MIN_FILES = 10
MAX_READ = 3
TTL_SECONDS = 7 * 86_400


class BundleHost(Protocol):
    state: SyncState
    disk: DiskClient
    profile: str
    server_now: float


def is_bundle(name: str) -> bool:
    return name.startswith(PREFIX) and name.endswith(".json")


def bundle_name(now: float) -> str:
    import uuid

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    return f"{PREFIX}{stamp}-{uuid.uuid4().hex[:8]}.json"


def encode(files: list[tuple[DiskItem, bytes]]) -> bytes:
    rows = [
        {
            "id": item.id,
            "content_version": item.content_version,
            "data": base64.b64encode(data).decode("ascii"),
        }
        for item, data in files
        if item.content_version is not None
    ]
    return json.dumps({"format": FORMAT, "version": 1, "files": rows}).encode("utf-8")


def decode(data: bytes) -> dict[tuple[int, int], bytes]:
    """``(file id, content version) -> bytes``; ValueError for anything else."""
    try:
        body: Any = json.loads(data)
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise ValueError("not a sync bundle")
        return {
            (int(row["id"]), int(row["content_version"])): base64.b64decode(row["data"])
            for row in body["files"]
        }
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"unreadable sync bundle: {error}") from None


def write(
    host: BundleHost, folder_id: int, pushed: list[tuple[DiskItem, bytes]], old: list[DiskItem]
) -> bool:
    """Upload a bundle of ``pushed`` when it is big enough; expire old bundles. A failure
    only loses the shortcut, never the sync: True when a bundle was written."""
    eligible = [(item, data) for item, data in pushed if item.content_version is not None]
    if len(eligible) < MIN_FILES:
        return False
    try:
        outcome = host.disk.upload_new(
            folder_id, {"bundle": (bundle_name(host.server_now), encode(eligible))}
        )
        expired = {
            f"b{item.id}": item.id
            for item in old
            if host.server_now - item.updated_at > TTL_SECONDS
        }
        if expired:
            host.disk.mark_deleted(expired)
    except BitrixError:
        return False
    return "bundle" in outcome.done


def read(
    host: BundleHost, bundles: list[DiskItem], wanted: dict[str, DiskItem]
) -> dict[str, tuple[DiskItem, bytes]]:
    """The wanted files whose current content an unread bundle holds."""
    index = {
        (item.id, item.content_version): tid
        for tid, item in wanted.items()
        if item.content_version is not None
    }
    got: dict[str, tuple[DiskItem, bytes]] = {}
    if len(index) < 2:  # one file: its own GET costs no more than a bundle's
        return got
    unread = [
        bundle
        for bundle in sorted(bundles, key=lambda b: b.updated_at, reverse=True)
        if host.state.known_notice(host.profile, bundle.id, bundle.update_time) != "bundle"
    ]
    for bundle in unread[:MAX_READ]:
        if len(got) == len(index):
            break
        try:
            data = host.disk.download(bundle.download_url)
        except (DownloadExpiredError, BitrixError):
            continue  # deleted or expired meanwhile: the files come one by one
        host.state.notice_is_new(host.profile, bundle.id, bundle.update_time, "bundle")
        try:
            files = decode(data)
        except ValueError:
            continue
        for key, body in files.items():
            tid = index.get(key)
            if tid is not None and tid not in got:
                got[tid] = (wanted[tid], body)
    return got
