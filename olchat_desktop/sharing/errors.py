"""What a person is told when the shared folder cannot be used (translatable messages).

Disk answers (sandbox ``disk_state`` documents the codes it uses): ``ACCESS_DENIED`` (no
rights on the folder or file), ``ERROR_NOT_FOUND`` on the folder (deleted, or moved to
Disk's trash), a quota error (``DISK_QUOTA_EXCEEDED``, or any code or description that
speaks of quota/space/size limit, as on-premise portals word it differently), and a
missing ``disk`` scope (``insufficient_scope``). Everything else keeps the Bitrix24
client's own message.
"""

from __future__ import annotations

from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.core.i18n import LazyText, TranslatableError

_QUOTA_WORDS = ("quota", "space", "size_limit", "size limit")


class SharingError(TranslatableError):
    """A sync that cannot run (or one file that cannot move), with a specific message."""

    problem: LazyText  # always a LazyText for this error

    def __init__(self, kind: str, problem: LazyText) -> None:
        super().__init__(problem, english=f"{kind}: {problem('en')}")
        self.kind = kind


def is_quota(error: BitrixError) -> bool:
    text = f"{error.error_code} {error.detail}".lower()
    return any(word in text for word in _QUOTA_WORDS)


def no_access(folder: str) -> SharingError:
    return SharingError(
        "no_access",
        LazyText(
            'No access to the folder "{folder}" on Bitrix24 Disk. Ask its owner to '
            "share it with you or choose another folder.",
            folder=folder,
        ),
    )


def folder_deleted(folder: str) -> SharingError:
    return SharingError(
        "folder_deleted",
        LazyText(
            'The folder "{folder}" was deleted from Bitrix24 Disk (or moved to its '
            "trash). Restore it from the Disk trash or choose another folder; local "
            "templates are untouched.",
            folder=folder,
        ),
    )


def no_such_folder(folder_id: int) -> SharingError:
    return SharingError(
        "no_such_folder",
        LazyText(
            "Bitrix24 Disk has no folder with ID {folder_id} (or it is in the "
            "trash). Check the ID in the folder's address on the portal.",
            folder_id=folder_id,
        ),
    )


def quota(folder: str) -> SharingError:
    return SharingError(
        "quota",
        LazyText(
            'Bitrix24 Disk is out of space for the folder "{folder}". Free some '
            "space or ask the admin for a bigger quota; the changes stay local and "
            "go up on the next sync.",
            folder=folder,
        ),
    )


def no_scope() -> SharingError:
    return SharingError(
        "no_scope",
        LazyText(
            'The webhook or app lacks the "disk" scope. Add it in the webhook '
            "settings on the portal."
        ),
    )


def read_only(folder: str) -> SharingError:
    return SharingError(
        "read_only",
        LazyText(
            'You can only read the folder "{folder}": its shared templates cannot be '
            "changed. Your changes were kept as a local copy.",
            folder=folder,
        ),
    )


def no_folder(profile: str) -> SharingError:
    return SharingError(
        "no_folder",
        LazyText('No shared folder is chosen for the profile "{profile}".', profile=profile),
    )


def translate(error: BitrixError, folder: str) -> SharingError | None:
    """The specific message for a Disk error about the shared folder, or None."""
    code = error.error_code
    if code == "insufficient_scope":
        return no_scope()
    if code == "ACCESS_DENIED":
        return no_access(folder)
    if code == "ERROR_NOT_FOUND":
        return folder_deleted(folder)
    if is_quota(error):
        return quota(folder)
    return None
