"""The sandbox portal's Bitrix24 Disk: storages, folders, files with versions, rights.

Shapes follow the Disk REST docs (dev.1c-bitrix.ru/rest_help/disk/: ``disk.folder.
getchildren`` answer example, ``disk.folder.getfields``, ``disk.file.getVersions``):
objects carry ``ID``, ``NAME``, ``CODE``, ``STORAGE_ID``, ``TYPE`` (``file``/``folder``),
``PARENT_ID``, ``DELETED_TYPE``, ``CREATE_TIME``/``UPDATE_TIME`` (ISO 8601, seconds, Moscow
offset), ``CREATED_BY``/``UPDATED_BY``/``DELETED_BY``; files also ``SIZE`` and
``DOWNLOAD_URL``. Numbers are strings, as PHP returns them.

Choices where the docs are silent (sandbox design, documented for the client):

* Storages: one per user (``ENTITY_TYPE`` ``user``, only the owner has access), the common
  storage «Общий диск» (``common``, every user may edit) and the group «Отдел продаж»
  (``group``, members 1 and 2 may edit). An explicit right on a folder or file
  (``set_access(object_id, user_id, "read"|"edit"|"none"|None)``; ``None`` removes it)
  overrides what the object inherits; the nearest explicit right up the chain wins.
* ``DOWNLOAD_URL`` is ``/disk/downloadFile/{id}/?ncc=1&filename=…&token=…``: the token
  is an HMAC over the file id, the user the URL was issued to and an expiry one hour ahead,
  so a plain GET works for webhooks and OAuth alike (a real portal puts ``auth=`` in the
  URL for OAuth). The download checks again that this user may read the file. The token
  key changes when the sandbox restarts (:meth:`DiskState.rotate_download_key`, in
  ``disk_answers``), so URLs listed before a restart answer ``401`` and must be fetched
  again.
* Errors: an unknown or trashed object is ``404 ERROR_NOT_FOUND`` ("Could not find entity
  with id"), missing rights ``403 ACCESS_DENIED``, a name already taken in the folder
  ``400 DISK_OBJ_22000``, a full storage (``quota_bytes``) ``400 DISK_QUOTA_EXCEEDED``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, Literal

from olchat_desktop.sandbox.disk_answers import DiskAnswers
from olchat_desktop.sandbox.disk_objects import Access, DiskObject, Storage, Version
from olchat_desktop.sandbox.registry import ApiError

SHARED_FOLDER_NAME = "OLChat шаблоны"


def not_found(object_id: Any) -> ApiError:
    return ApiError("ERROR_NOT_FOUND", f"Could not find entity with id '{object_id}'", 404)


def access_denied() -> ApiError:
    return ApiError("ACCESS_DENIED", "Access denied", 403)


class DiskState(DiskAnswers):
    """All Disk data of one sandbox portal. Callers hold the portal lock (method bodies
    run under the dispatcher's lock); test hooks take :attr:`lock` themselves."""

    def __init__(self, now: Callable[[], float], user_ids: list[int], lock: Any) -> None:
        self.now = now
        self.lock = lock
        self.base_url = ""  # set by the server once it knows its address
        # File rows carry GLOBAL_CONTENT_VERSION; a test may switch it off to play a portal
        # whose file rows lack it (the docs show it on versions, disk.version.get).
        self.report_content_version = True
        self.storages: dict[int, Storage] = {}
        self.objects: dict[int, DiskObject] = {}
        self.rights: dict[int, dict[int, Access]] = {}
        self._ids = 0
        self._version_ids = 0
        self._key = secrets.token_bytes(32)
        self._add_storage("Общий диск", "common", 0, "common", frozenset())
        self._add_storage("Отдел продаж", "group", 1, None, frozenset({1, 2}))
        for user_id in user_ids:
            self._add_storage(f"user {user_id}", "user", user_id, None, frozenset({user_id}))

    # -- building ------------------------------------------------------------------------

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def _add_storage(
        self,
        name: str,
        entity_type: Literal["user", "common", "group"],
        entity_id: int,
        code: str | None,
        members: frozenset[int],
    ) -> Storage:
        now = self.now()
        root = DiskObject(self._next_id(), name, "folder", 0, None, now, 1, now, 1)
        storage = Storage(len(self.storages) + 1, name, code, entity_type, entity_id, root.id)
        storage.members = members
        root.storage_id = storage.id
        self.objects[root.id] = root
        self.storages[storage.id] = storage
        return storage

    def storage_of_user(self, user_id: int) -> Storage:
        for storage in self.storages.values():
            if storage.entity_type == "user" and storage.entity_id == user_id:
                return storage
        with self.lock:
            return self._add_storage(f"user {user_id}", "user", user_id, None, frozenset({user_id}))

    def common_storage(self) -> Storage:
        return next(s for s in self.storages.values() if s.entity_type == "common")

    # -- rights --------------------------------------------------------------------------

    def set_access(self, object_id: int, user_id: int, access: Access | None) -> None:
        """Sandbox hook: give ``user_id`` read or edit rights on an object (None: inherit)."""
        with self.lock:
            entries = self.rights.setdefault(object_id, {})
            if access is None:
                entries.pop(user_id, None)
            else:
                entries[user_id] = access

    def access(self, obj: DiskObject, user_id: int) -> Literal["read", "edit"] | None:
        node: DiskObject | None = obj
        while node is not None:
            explicit = self.rights.get(node.id, {}).get(user_id)
            if explicit is not None:
                return None if explicit == "none" else explicit
            node = self.objects.get(node.parent_id) if node.parent_id is not None else None
        storage = self.storages[obj.storage_id]
        if storage.entity_type == "common" or user_id in storage.members:
            return "edit"
        return None

    def visible_storages(self, user_id: int) -> list[Storage]:
        self.storage_of_user(user_id)
        return [
            storage
            for storage in self.storages.values()
            if self.access(self.objects[storage.root_id], user_id) is not None
        ]

    # -- lookups -------------------------------------------------------------------------

    def live(self, object_id: Any, kind: str, user_id: int, need: Access = "read") -> DiskObject:
        """The object by id, or the error a portal gives: not found, trashed, no rights."""
        try:
            obj = self.objects.get(int(object_id))
        except (TypeError, ValueError):
            obj = None
        if obj is None or obj.kind != kind or self._trashed(obj):
            raise not_found(object_id)
        granted = self.access(obj, user_id)
        if granted is None or (need == "edit" and granted != "edit"):
            raise access_denied()
        return obj

    def _trashed(self, obj: DiskObject) -> bool:
        node: DiskObject | None = obj
        while node is not None:
            if node.deleted:
                return True
            node = self.objects.get(node.parent_id) if node.parent_id is not None else None
        return False

    def children(self, folder: DiskObject) -> list[DiskObject]:
        return [
            obj for obj in self.objects.values() if obj.parent_id == folder.id and not obj.deleted
        ]

    # -- changes -------------------------------------------------------------------------

    def _check_name(self, folder: DiskObject, name: str, unique: bool) -> str:
        name = name.strip()
        if not name or "/" in name or "\\" in name:
            raise ApiError("DISK_OBJ_22002", "Invalid name", 400)
        taken = {obj.name.casefold() for obj in self.children(folder)}
        if name.casefold() not in taken:
            return name
        if not unique:
            raise ApiError("DISK_OBJ_22000", f"An object named '{name}' already exists", 400)
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        counter = 1
        while True:  # "avatar (1).jpg", "avatar (2).jpg" as the uploadfile docs show
            candidate = f"{stem} ({counter}){dot}{ext}"
            if candidate.casefold() not in taken:
                return candidate
            counter += 1

    def add_folder(self, parent: DiskObject, name: str, user_id: int) -> DiskObject:
        name = self._check_name(parent, name, unique=False)
        now = self.now()
        folder = DiskObject(
            self._next_id(),
            name,
            "folder",
            parent.storage_id,
            parent.id,
            now,
            user_id,
            now,
            user_id,
        )
        self.objects[folder.id] = folder
        return folder

    def _check_quota(self, storage_id: int, extra: int) -> None:
        storage = self.storages[storage_id]
        if storage.quota_bytes is None:
            return
        used = sum(
            len(obj.content)
            for obj in self.objects.values()
            if obj.storage_id == storage_id and obj.kind == "file" and not obj.deleted
        )
        if used + extra > storage.quota_bytes:
            raise ApiError("DISK_QUOTA_EXCEEDED", "Not enough free space in the storage", 400)

    def add_file(
        self, folder: DiskObject, name: str, content: bytes, user_id: int, unique: bool
    ) -> DiskObject:
        name = self._check_name(folder, name, unique)
        self._check_quota(folder.storage_id, len(content))
        now = self.now()
        file = DiskObject(
            self._next_id(), name, "file", folder.storage_id, folder.id, now, user_id, now, user_id
        )
        self._add_version(file, content, user_id)
        self.objects[file.id] = file
        return file

    def upload_version(self, file: DiskObject, content: bytes, user_id: int) -> DiskObject:
        self._check_quota(file.storage_id, len(content) - len(file.content))
        self._add_version(file, content, user_id)
        file.updated, file.updated_by = self.now(), user_id
        return file

    def _add_version(self, file: DiskObject, content: bytes, user_id: int) -> None:
        self._version_ids += 1
        file.versions.append(Version(self._version_ids, content, self.now(), user_id))

    def mark_deleted(self, obj: DiskObject, user_id: int) -> DiskObject:
        obj.delete_time, obj.deleted_by = self.now(), user_id
        return obj
