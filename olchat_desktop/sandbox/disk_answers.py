"""How the sandbox Disk answers (``disk_state``): object, version and storage rows in the
REST docs' shapes, and the signed ``DOWNLOAD_URL``s (an HMAC over the object, the user
and an expiry; the key changes when the sandbox restarts). A mixin of ``DiskState``,
kept apart so the rules and the wire format stay readable on their own."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from olchat_desktop.sandbox.disk_objects import DiskObject, Storage, Version
from olchat_desktop.sandbox.registry import ApiError
from olchat_desktop.sandbox.seed_crm import iso_moscow

URL_LIFETIME = 3600.0


class DiskAnswers:
    """Rows and download links; ``DiskState`` provides the state below."""

    now: Callable[[], float]
    lock: Any
    base_url: str
    report_content_version: bool
    objects: dict[int, DiskObject]
    _key: bytes

    # -- download URLs -------------------------------------------------------------------

    def rotate_download_key(self) -> None:
        """Invalidate every DOWNLOAD_URL handed out so far (a portal restart)."""
        with self.lock:
            self._key = secrets.token_bytes(32)

    def _sign(self, kind: str, object_id: int, user_id: int, expires: int) -> str:
        message = f"{kind}:{object_id}:{user_id}:{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()[:32]

    def download_url(self, kind: str, object_id: int, name: str, user_id: int) -> str:
        expires = int(self.now() + URL_LIFETIME)
        token = f"{user_id}.{expires}.{self._sign(kind, object_id, user_id, expires)}"
        path = "downloadFile" if kind == "file" else "downloadVersion"
        return (
            f"{self.base_url}/disk/{path}/{object_id}/?ncc=1&filename={quote(name)}&token={token}"
        )

    def check_download(self, kind: str, object_id: int, token: str) -> int:
        """The user a download token was issued to; raises ApiError 401 when invalid."""
        user, _, rest = token.partition(".")
        expires, _, signature = rest.partition(".")
        if not (user.isdigit() and expires.isdigit()):
            raise ApiError("NO_AUTH_FOUND", "Wrong authorization data", 401)
        expected = self._sign(kind, object_id, int(user), int(expires))
        if not hmac.compare_digest(expected, signature) or self.now() > int(expires):
            raise ApiError("NO_AUTH_FOUND", "Wrong authorization data", 401)
        return int(user)

    # -- answers -------------------------------------------------------------------------

    def describe(self, obj: DiskObject, user_id: int) -> dict[str, Any]:
        row: dict[str, Any] = {
            "ID": str(obj.id),
            "NAME": obj.name,
            "CODE": None,
            "STORAGE_ID": str(obj.storage_id),
            "TYPE": obj.kind,
            "PARENT_ID": str(obj.parent_id) if obj.parent_id is not None else None,
            "DELETED_TYPE": "3" if obj.deleted else "0",
            "CREATE_TIME": _iso(obj.created),
            "UPDATE_TIME": _iso(obj.updated),
            "DELETE_TIME": _iso(obj.delete_time) if obj.delete_time is not None else None,
            "CREATED_BY": str(obj.created_by),
            "UPDATED_BY": str(obj.updated_by),
            "DELETED_BY": str(obj.deleted_by),
            "DETAIL_URL": f"{self.base_url}/docs/path/{quote(obj.name)}",
        }
        if obj.kind == "file":
            row["SIZE"] = str(len(obj.content))
            if self.report_content_version:
                row["GLOBAL_CONTENT_VERSION"] = str(len(obj.versions))
            row["DOWNLOAD_URL"] = self.download_url("file", obj.id, obj.name, user_id)
        return row

    def describe_version(self, file: DiskObject, version: Version, user_id: int) -> dict[str, Any]:
        return {
            "ID": str(version.id),
            "OBJECT_ID": str(file.id),
            "SIZE": str(len(version.content)),
            "NAME": file.name,
            "CREATE_TIME": _iso(version.created),
            "CREATED_BY": str(version.created_by),
            "GLOBAL_CONTENT_VERSION": str(file.versions.index(version) + 1),
            "DOWNLOAD_URL": self.download_url("version", version.id, file.name, user_id),
        }

    def storage_row(self, storage: Storage) -> dict[str, Any]:
        return {
            "ID": str(storage.id),
            "NAME": storage.name,
            "CODE": storage.code,
            "MODULE_ID": "disk",
            "ENTITY_TYPE": storage.entity_type,
            "ENTITY_ID": str(storage.entity_id),
            "ROOT_OBJECT_ID": str(storage.root_id),
        }

    def version_by_id(self, version_id: int) -> tuple[DiskObject, Version] | None:
        for obj in self.objects.values():
            for version in obj.versions:
                if version.id == version_id:
                    return obj, version
        return None


def _iso(moment: float) -> str:
    return iso_moscow(datetime.fromtimestamp(moment, UTC))
