"""The sync state's records (``state``): the shared folder, one entry per shared
template and the portal's side of a conflict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Folder:
    profile: str
    storage_id: int | None
    folder_id: int
    folder_name: str
    read_only: bool


@dataclass
class Entry:
    template_id: str
    file_id: int | None
    file_name: str | None
    update_time: str | None
    size: int | None
    content_version: int | None
    base_hash: str | None
    base_body: dict[str, Any] | None
    pushed_hash: str | None
    recheck: bool
    updated_by: int | None
    status: str

    @classmethod
    def new(cls, template_id: str, status: str) -> Entry:
        """A template shared (``pending``) or found on the portal, before any sync."""
        return cls(template_id, None, None, None, None, None, None, None, None, False, None, status)


@dataclass
class Conflict:
    template_id: str
    kind: str  # "edited" (both sides changed) or "deleted_remote" (deleted there, edited here)
    remote_body: dict[str, Any] | None
    remote_hash: str | None
    update_time: str | None
    size: int | None
    updated_by: int | None
    content_version: int | None = None
