"""The sandbox Disk's records (``disk_state``): storages, folders and files with their
versions. Plain data; the rules live in ``DiskState``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Access = Literal["read", "edit", "none"]


@dataclass
class Version:
    id: int
    content: bytes
    created: float
    created_by: int


@dataclass
class DiskObject:
    id: int
    name: str
    kind: Literal["file", "folder"]
    storage_id: int
    parent_id: int | None
    created: float
    created_by: int
    updated: float
    updated_by: int
    deleted_by: int = 0
    delete_time: float | None = None
    versions: list[Version] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self.delete_time is not None

    @property
    def content(self) -> bytes:
        return self.versions[-1].content if self.versions else b""


@dataclass
class Storage:
    id: int
    name: str
    code: str | None
    entity_type: Literal["user", "common", "group"]
    entity_id: int
    root_id: int
    members: frozenset[int] = frozenset()
    quota_bytes: int | None = None
