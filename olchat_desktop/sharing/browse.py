"""Choosing a profile's shared folder (issue 19): the portal's Disk storages, the
sub-folders of a folder, creating «OLChat шаблоны», and remembering the choice.

Called from a worker thread by the window's folder dialog (``ui.sharing.folder_dialog``)
and usable from anywhere else; every failure comes back as a :class:`SharingError`
with the specific message (no access, folder deleted, quota, no ``disk`` scope,
offline) instead of the client's generic one.
"""

from __future__ import annotations

from dataclasses import dataclass

from olchat_desktop.bitrix.disk import DiskClient, DiskItem, DiskStorage
from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError
from olchat_desktop.core.i18n import Lang, LazyText
from olchat_desktop.sharing import errors
from olchat_desktop.sharing.folders import DEFAULT_FOLDER_NAME
from olchat_desktop.sharing.state import Folder, SyncState

# Disk's ENTITY_TYPE of a storage: the common one first, then groups, then users.
STORAGE_ORDER = {"common": 0, "group": 1, "user": 2}
PROFILE_CHOICE = "profile"


@dataclass(frozen=True)
class Place:
    """A folder being browsed: its storage, id and the names from the storage's root."""

    storage: DiskStorage
    folder_id: int
    path: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else self.storage.name


def offline() -> errors.SharingError:
    return errors.SharingError(
        "offline",
        LazyText(
            "No connection to the portal: check the network or the portal's address and retry."
        ),
    )


def _explain(error: BitrixError, name: str) -> Exception:
    if isinstance(error, ConnectionFailedError):
        return offline()
    return errors.translate(error, name) or error


def storages(disk: DiskClient) -> list[DiskStorage]:
    """The storages the user sees: common, then groups, then users, each by name."""
    try:
        found = disk.storages()
    except BitrixError as error:
        raise _explain(error, "") from None
    return sorted(found, key=lambda s: (STORAGE_ORDER.get(s.entity_type, 3), s.name.casefold()))


def subfolders(disk: DiskClient, place: Place) -> list[DiskItem]:
    """The folders inside ``place`` (files are not listed), by name."""
    try:
        items = disk.children(place.folder_id, {"TYPE": "folder"}).items
    except BitrixError as error:
        raise _explain(error, place.name) from None
    return sorted((i for i in items if i.kind == "folder"), key=lambda i: i.name.casefold())


def create_folder(disk: DiskClient, place: Place, name: str = DEFAULT_FOLDER_NAME) -> DiskItem:
    """«OLChat шаблоны» inside ``place``; an existing folder of that name is reused, so
    two colleagues who both create it end up in the same folder."""
    try:
        existing = disk.children(place.folder_id, {"NAME": name, "TYPE": "folder"}).items
        return existing[0] if existing else disk.add_folder(place.folder_id, name)
    except BitrixError as error:
        raise _explain(error, name) from None


def check_folder(disk: DiskClient, item_id: int, name: str) -> DiskItem:
    """The folder as it is now (it may have been deleted since it was listed)."""
    try:
        return disk.folder(item_id)
    except BitrixError as error:
        raise _explain(error, name) from None


def choose(state: SyncState, profile: str, storage_id: int | None, item: DiskItem) -> Folder:
    """Make ``item`` the profile's shared folder and remember the profile."""
    folder = Folder(profile, storage_id, item.id, item.name, read_only=False)
    state.set_folder(folder)
    if not profile.startswith("demo:"):  # a demo sandbox is new on every start
        state.set_choice(PROFILE_CHOICE, profile)
    return folder


def message(error: BaseException, lang: Lang) -> str:
    """What the dialog says about a failure."""
    if isinstance(error, errors.SharingError):
        return error.message(lang)
    if isinstance(error, BitrixError):
        return error.user_message(lang)
    return str(error)
