"""Disk methods of the sandbox portal (scope ``disk``); the data is ``disk_state``.

Parameters and answers follow dev.1c-bitrix.ru/rest_help/disk/: ``disk.storage.getlist``,
``disk.folder.get``, ``disk.folder.getchildren`` (``id``, ``filter``, 50 a page with
``start``/``next``/``total`` like every list method), ``disk.folder.addsubfolder`` (``id``,
``data: {NAME}``), ``disk.folder.uploadfile`` (``id``, ``data: {NAME}``, ``fileContent:
[name, base64]``, ``generateUniqueName``; answers like ``disk.file.get``),
``disk.file.get``, ``disk.file.uploadversion`` (``id``, ``fileContent``),
``disk.file.markdeleted``, ``disk.folder.markdeleted`` and ``disk.file.getVersions``
(newest first). ``fileContent`` may also be ``{"0": name, "1": base64}`` (how a batch
command's PHP query arrives).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from olchat_desktop.sandbox.disk_objects import DiskObject
from olchat_desktop.sandbox.disk_state import DiskState
from olchat_desktop.sandbox.methods_listing import (
    filter_rows,
    mapping_param,
    page_of,
    param,
    start_param,
)
from olchat_desktop.sandbox.registry import ApiError, CallContext, ListPage, method


def _disk(ctx: CallContext) -> DiskState:
    disk = getattr(ctx.portal, "disk", None)
    if disk is None:
        raise ApiError("ERROR_METHOD_NOT_FOUND", "Method not found!", 404)
    return disk  # type: ignore[no-any-return]


def _required(ctx: CallContext, name: str) -> Any:
    value = param(ctx.params, name)
    if value in (None, ""):
        raise ApiError("ERROR_ARGUMENT", f"Argument '{name}' is null or empty", 400)
    return value


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "y", "yes"}


def _file_content(ctx: CallContext) -> bytes:
    raw = _required(ctx, "fileContent")
    if isinstance(raw, dict):
        raw = [raw.get("0"), raw.get("1")]
    if not isinstance(raw, list) or len(raw) < 2 or not isinstance(raw[1], str):
        raise ApiError("ERROR_ARGUMENT", "fileContent must be [name, base64 content]", 400)
    try:
        return base64.b64decode(raw[1], validate=True)
    except (binascii.Error, ValueError):
        raise ApiError("ERROR_ARGUMENT", "fileContent is not valid base64", 400) from None


def _name(ctx: CallContext) -> str:
    data = mapping_param(ctx.params, "data")
    name = data.get("NAME") or data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError("ERROR_ARGUMENT", "Argument 'data[NAME]' is null or empty", 400)
    return name


@method("disk.storage.getlist", scope="disk")
def storage_getlist(ctx: CallContext) -> ListPage:
    disk = _disk(ctx)
    rows = [disk.storage_row(s) for s in disk.visible_storages(ctx.user_id)]
    rows = filter_rows(rows, mapping_param(ctx.params, "filter"))
    return page_of(rows, start_param(ctx.params))


@method("disk.folder.get", scope="disk")
def folder_get(ctx: CallContext) -> dict[str, Any]:
    disk = _disk(ctx)
    folder = disk.live(_required(ctx, "id"), "folder", ctx.user_id)
    return disk.describe(folder, ctx.user_id)


@method("disk.folder.getchildren", scope="disk")
def folder_getchildren(ctx: CallContext) -> ListPage:
    disk = _disk(ctx)
    folder = disk.live(_required(ctx, "id"), "folder", ctx.user_id)
    visible = [obj for obj in disk.children(folder) if disk.access(obj, ctx.user_id) is not None]
    visible.sort(key=lambda obj: obj.id)
    rows = [disk.describe(obj, ctx.user_id) for obj in visible]
    rows = filter_rows(rows, mapping_param(ctx.params, "filter"))
    return page_of(rows, start_param(ctx.params))


@method("disk.folder.addsubfolder", scope="disk", write=True)
def folder_addsubfolder(ctx: CallContext) -> dict[str, Any]:
    disk = _disk(ctx)
    parent = disk.live(_required(ctx, "id"), "folder", ctx.user_id, need="edit")
    return disk.describe(disk.add_folder(parent, _name(ctx), ctx.user_id), ctx.user_id)


@method("disk.folder.uploadfile", scope="disk", write=True)
def folder_uploadfile(ctx: CallContext) -> dict[str, Any]:
    disk = _disk(ctx)
    folder = disk.live(_required(ctx, "id"), "folder", ctx.user_id, need="edit")
    unique = _flag(param(ctx.params, "generateUniqueName", False))
    created = disk.add_file(folder, _name(ctx), _file_content(ctx), ctx.user_id, unique)
    return disk.describe(created, ctx.user_id)


@method("disk.folder.markdeleted", scope="disk", write=True)
def folder_markdeleted(ctx: CallContext) -> dict[str, Any]:
    disk = _disk(ctx)
    folder = disk.live(_required(ctx, "id"), "folder", ctx.user_id, need="edit")
    if folder.parent_id is None:
        raise ApiError("ACCESS_DENIED", "A storage's root folder cannot be deleted", 403)
    return disk.describe(disk.mark_deleted(folder, ctx.user_id), ctx.user_id)


@method("disk.file.get", scope="disk")
def file_get(ctx: CallContext) -> dict[str, Any]:
    disk = _disk(ctx)
    return disk.describe(disk.live(_required(ctx, "id"), "file", ctx.user_id), ctx.user_id)


@method("disk.file.uploadversion", scope="disk", write=True)
def file_uploadversion(ctx: CallContext) -> dict[str, Any]:
    disk = _disk(ctx)
    file = disk.live(_required(ctx, "id"), "file", ctx.user_id, need="edit")
    return disk.describe(disk.upload_version(file, _file_content(ctx), ctx.user_id), ctx.user_id)


@method("disk.file.markdeleted", scope="disk", write=True)
def file_markdeleted(ctx: CallContext) -> dict[str, Any]:
    disk = _disk(ctx)
    file: DiskObject = disk.live(_required(ctx, "id"), "file", ctx.user_id, need="edit")
    return disk.describe(disk.mark_deleted(file, ctx.user_id), ctx.user_id)


@method("disk.file.getversions", scope="disk")
def file_getversions(ctx: CallContext) -> ListPage:
    disk = _disk(ctx)
    file = disk.live(_required(ctx, "id"), "file", ctx.user_id)
    rows = [disk.describe_version(file, v, ctx.user_id) for v in reversed(file.versions)]
    rows = filter_rows(rows, mapping_param(ctx.params, "filter"))
    return page_of(rows, start_param(ctx.params))
