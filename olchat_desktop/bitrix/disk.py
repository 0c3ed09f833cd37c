"""Bitrix24 Disk for the shared template library: list a folder, upload, download.

Methods and shapes: dev.1c-bitrix.ru/rest_help/disk/ (``disk.storage.getlist``,
``disk.folder.getchildren``, ``disk.folder.addsubfolder``, ``disk.folder.uploadfile`` with
``data: {NAME}`` and ``fileContent: [name, base64]``, ``disk.file.get``,
``disk.file.uploadversion``, ``disk.file.markdeleted``, ``disk.file.getVersions``);
reference ``bitrix24.md`` §7. Bulk work rides in ``batch`` (§3): a folder of 1,000 files is
one ``getchildren`` (which gives ``total``) plus one batch of the other 19 pages.

``DOWNLOAD_URL`` is fetched with a plain GET and no other credential: the portal puts the
authorization in the URL (``auth=`` for OAuth; the sandbox signs a ``token=``), so the URL
is a secret: it is never logged (httpx's log passes through ``redaction``) and a redirect
is not followed. A URL that no longer works (401/403/404: expired, portal restarted, file
replaced) raises :class:`DownloadExpiredError`; the caller gets fresh URLs with
:meth:`DiskClient.refresh_urls` and tries once more.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from olchat_desktop.bitrix.batch import call_batch
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError, ProtocolError
from olchat_desktop.bitrix.listing import PAGE_SIZE
from olchat_desktop.redaction import redact

DOWNLOAD_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=15.0, pool=10.0)


class DownloadExpiredError(Exception):
    """The DOWNLOAD_URL is no longer valid; fetch a fresh one with ``disk.file.get``."""


@dataclass(frozen=True)
class DiskStorage:
    id: int
    name: str
    entity_type: str
    entity_id: str
    root_id: int


@dataclass(frozen=True)
class DiskItem:
    """One child of a folder: a file (``size``, ``download_url``) or a folder."""

    id: int
    name: str
    kind: str
    size: int
    update_time: str
    updated_by: int
    download_url: str = field(default="", repr=False)  # carries the authorization
    # GLOBAL_CONTENT_VERSION: Disk's per-file content counter (disk.version.get documents
    # it: "incremental content version counter relative to the file"); None when absent.
    content_version: int | None = None

    @property
    def updated_at(self) -> float:
        """``UPDATE_TIME`` as seconds since the epoch (0 when the portal sent none)."""
        try:
            return datetime.fromisoformat(self.update_time).timestamp()
        except ValueError:
            return 0.0


def item_from(row: Mapping[str, Any]) -> DiskItem:
    try:
        return DiskItem(
            id=int(row["ID"]),
            name=str(row.get("NAME") or ""),
            kind=str(row.get("TYPE") or "file"),
            size=int(row.get("SIZE") or 0),
            update_time=str(row.get("UPDATE_TIME") or ""),
            updated_by=int(row.get("UPDATED_BY") or 0),
            download_url=str(row.get("DOWNLOAD_URL") or ""),
            content_version=_optional_int(row.get("GLOBAL_CONTENT_VERSION")),
        )
    except (KeyError, TypeError, ValueError):
        raise ProtocolError("a Disk object without a numeric ID", method="disk") from None


def _optional_int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Listing:
    items: list[DiskItem]
    server_time: float | None  # the portal's clock when it answered (time.finish)


@dataclass
class WriteOutcome:
    """Per-key outcome of a batch of writes: the new file state, or the error."""

    done: dict[str, DiskItem] = field(default_factory=dict)
    failed: dict[str, BitrixError] = field(default_factory=dict)


def _file_content(name: str, content: bytes) -> list[str]:
    return [name, base64.b64encode(content).decode("ascii")]


class DiskClient:
    """Disk calls over one :class:`BitrixClient`, plus the GETs of download URLs."""

    def __init__(
        self, client: BitrixClient, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.client = client
        self.downloads = 0  # GETs of download URLs (not REST requests)
        self._http = httpx.Client(
            timeout=DOWNLOAD_TIMEOUT, follow_redirects=False, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    # -- storages and folders ------------------------------------------------------------

    def storages(self) -> list[DiskStorage]:
        rows = self.client.call("disk.storage.getlist", idempotent=True).result or []
        return [
            DiskStorage(
                int(row["ID"]),
                str(row.get("NAME") or ""),
                str(row.get("ENTITY_TYPE") or ""),
                str(row.get("ENTITY_ID") or ""),
                int(row["ROOT_OBJECT_ID"]),
            )
            for row in rows
        ]

    def folder(self, folder_id: int) -> DiskItem:
        return item_from(self.client.result("disk.folder.get", {"id": folder_id}))

    def add_folder(self, parent_id: int, name: str) -> DiskItem:
        params = {"id": parent_id, "data": {"NAME": name}}
        return item_from(self.client.result("disk.folder.addsubfolder", params))

    def children(self, folder_id: int, flt: Mapping[str, Any] | None = None) -> Listing:
        """Every child of a folder: the first page tells ``total``; the other pages ride
        in batches of 50 commands (offsets are known, so no ``$result`` chaining)."""
        params: dict[str, Any] = {"id": folder_id}
        if flt:
            params["filter"] = dict(flt)
        first = self.client.call("disk.folder.getchildren", params, idempotent=True)
        rows = list(first.result or [])
        total = first.total or len(rows)
        commands = {
            f"p{start}": ("disk.folder.getchildren", {**params, "start": start})
            for start in range(PAGE_SIZE, total, PAGE_SIZE)
        }
        if commands:
            pages = call_batch(self.client, commands)
            for key in commands:
                rows.extend(pages.get(key) or [])
        server_time = first.time.finish if first.time is not None else None
        return Listing([item_from(row) for row in rows], server_time)

    # -- files ---------------------------------------------------------------------------

    def refresh_urls(self, file_ids: Sequence[int]) -> dict[int, DiskItem]:
        """Fresh ``disk.file.get`` rows (with new DOWNLOAD_URLs), 50 a request."""
        commands = {f"f{fid}": ("disk.file.get", {"id": fid}) for fid in file_ids}
        result = call_batch(self.client, commands)
        return {
            int(key[1:]): item_from(value)
            for key, value in result.results.items()
            if isinstance(value, dict)
        }

    def download(self, url: str) -> bytes:
        if not url:
            raise DownloadExpiredError()
        self.downloads += 1
        try:
            response = self._http.get(url)
        except httpx.TransportError as exc:
            raise ConnectionFailedError(
                redact(f"{type(exc).__name__}: {exc}"), method="download"
            ) from None
        if response.status_code in (401, 403, 404) or response.is_redirect:
            raise DownloadExpiredError()
        if response.status_code >= 400:
            raise ProtocolError(f"download answered HTTP {response.status_code}", method="download")
        return response.content

    def upload_new(self, folder_id: int, files: Mapping[str, tuple[str, bytes]]) -> WriteOutcome:
        """``disk.folder.uploadfile`` for each key: (file name, content)."""
        commands = {
            key: (
                "disk.folder.uploadfile",
                {"id": folder_id, "data": {"NAME": name}, "fileContent": _file_content(name, data)},
            )
            for key, (name, data) in files.items()
        }
        return self._writes(commands)

    def upload_versions(self, files: Mapping[str, tuple[int, bytes]]) -> WriteOutcome:
        """``disk.file.uploadversion`` for each key: (file id, new content)."""
        commands = {
            key: (
                "disk.file.uploadversion",
                {"id": file_id, "fileContent": _file_content("template.json", data)},
            )
            for key, (file_id, data) in files.items()
        }
        return self._writes(commands)

    def mark_deleted(self, files: Mapping[str, int]) -> WriteOutcome:
        commands = {key: ("disk.file.markdeleted", {"id": fid}) for key, fid in files.items()}
        return self._writes(commands)

    def _writes(self, commands: Mapping[str, tuple[str, Mapping[str, Any]]]) -> WriteOutcome:
        outcome = WriteOutcome()
        if not commands:
            return outcome
        result = call_batch(self.client, commands)
        for key in commands:
            if key in result.errors:
                outcome.failed[key] = result.errors[key]
            elif isinstance(result.results.get(key), dict):
                outcome.done[key] = item_from(result.results[key])
        return outcome

    def versions(self, file_id: int) -> list[dict[str, Any]]:
        """The file's versions, newest first ("who changed what")."""
        rows = self.client.call("disk.file.getVersions", {"id": file_id}, idempotent=True)
        return [dict(row) for row in rows.result or []]
