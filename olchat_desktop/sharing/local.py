"""The local side of a sync: a template with its content hash, and the host protocol the
writing half (``writes``) needs from the engine (kept apart so neither imports the other)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from olchat_desktop.bitrix.disk import DiskClient, DiskItem
from olchat_desktop.core.fileformat import template_from_dict
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template import Template
from olchat_desktop.sharing.state import Entry, SyncState
from olchat_desktop.storage.library import TemplateLibrary


@dataclass
class Local:
    template: Template
    hash: str
    trashed: bool


def template_from_body(body: dict[str, Any], template_id: str) -> Template:
    """A template from a stored file object (a base or the portal's side of a conflict)."""
    return template_from_dict(body).model_copy(update={"id": template_id})


def put_entry(state: SyncState, profile: str, entry: Entry, **changes: object) -> Entry:
    """Change some fields of an entry and store it."""
    for key, value in changes.items():
        setattr(entry, key, value)
    state.put(profile, entry)
    return entry


def make_local_copy(library: TemplateLibrary, template: Template, label: str) -> Template:
    """A local-only copy under a fresh id, named "<name> (<label>)"."""
    from olchat_desktop.core.template_draft import new_template_id

    copy = template.model_copy(
        update={"id": new_template_id(), "name": f"{template.name} ({label})"}
    )
    return library.create(copy)


class SyncHost(Protocol):
    library: TemplateLibrary
    state: SyncState
    disk: DiskClient
    profile: str
    lang: Lang
    folder_name: str
    read_only: bool
    server_now: float
    bundles: list[DiskItem]

    def put(self, entry: Entry, **changes: object) -> Entry: ...

    def fresh(self, item: DiskItem) -> bool: ...

    def local_copy(self, template: Template, label: str) -> Template: ...
