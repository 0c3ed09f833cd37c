"""A profile's shared folder: pick an existing Disk folder, or create «OLChat шаблоны».

The default place is the portal's common storage (``ENTITY_TYPE`` ``common``), where
every employee can read and write; a group's storage is the other usual choice
(``storage_kind="group"``). An existing sub-folder with the default name is reused, so
two colleagues who both "create" the folder end up in the same one.
"""

from __future__ import annotations

from olchat_desktop.bitrix.disk import DiskClient
from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.sharing import errors
from olchat_desktop.sharing.state import Folder, SyncState

DEFAULT_FOLDER_NAME = "OLChat шаблоны"


def use_folder(state: SyncState, disk: DiskClient, profile: str, folder_id: int) -> Folder:
    """Make an existing folder (chosen by the user) the profile's shared folder."""
    try:
        item = disk.folder(folder_id)
    except BitrixError as error:
        if error.error_code == "ERROR_NOT_FOUND":
            raise errors.no_such_folder(folder_id) from None
        raise errors.translate(error, str(folder_id)) or error from None
    folder = Folder(profile, None, item.id, item.name, read_only=False)
    state.set_folder(folder)
    return folder


def ensure_default_folder(
    state: SyncState,
    disk: DiskClient,
    profile: str,
    *,
    storage_kind: str = "common",
    name: str = DEFAULT_FOLDER_NAME,
) -> Folder:
    """The profile's folder; the first time, «OLChat шаблоны» in the chosen storage."""
    current = state.folder(profile)
    if current is not None:
        return current
    try:
        storage = next((s for s in disk.storages() if s.entity_type == storage_kind), None)
        if storage is None:
            raise errors.no_access(name)
        existing = disk.children(storage.root_id, {"NAME": name, "TYPE": "folder"}).items
        item = existing[0] if existing else disk.add_folder(storage.root_id, name)
    except BitrixError as error:
        raise errors.translate(error, name) or error from None
    folder = Folder(profile, storage.id, item.id, item.name, read_only=False)
    state.set_folder(folder)
    return folder
