"""What a person is told when the shared folder cannot be used, in Russian and English.

Disk answers (sandbox ``disk_state`` documents the codes it uses): ``ACCESS_DENIED`` (no
rights on the folder or file), ``ERROR_NOT_FOUND`` on the folder (deleted, or moved to
Disk's trash), a quota error (``DISK_QUOTA_EXCEEDED``, or any code or description that
speaks of quota/space/size limit, as on-premise portals word it differently), and a
missing ``disk`` scope (``insufficient_scope``). Everything else keeps the Bitrix24
client's own message.
"""

from __future__ import annotations

from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.core.i18n import Lang, pick

_QUOTA_WORDS = ("quota", "space", "size_limit", "size limit")


class SharingError(Exception):
    """A sync that cannot run (or one file that cannot move), with a specific message."""

    def __init__(self, kind: str, ru: str, en: str) -> None:
        super().__init__(f"{kind}: {en}")
        self.kind = kind
        self.ru, self.en = ru, en

    def message(self, lang: Lang = "ru") -> str:
        return pick(lang, self.ru, self.en)


def is_quota(error: BitrixError) -> bool:
    text = f"{error.error_code} {error.detail}".lower()
    return any(word in text for word in _QUOTA_WORDS)


def no_access(folder: str) -> SharingError:
    return SharingError(
        "no_access",
        f"Нет доступа к папке «{folder}» на Диске Битрикс24. Попросите владельца папки "
        "открыть к ней доступ или выберите другую папку.",
        f'No access to the folder "{folder}" on Bitrix24 Disk. Ask its owner to share it '
        "with you or choose another folder.",
    )


def folder_deleted(folder: str) -> SharingError:
    return SharingError(
        "folder_deleted",
        f"Папка «{folder}» удалена с Диска Битрикс24 (или перемещена в корзину). "
        "Восстановите её из корзины Диска или выберите другую папку; локальные шаблоны "
        "не тронуты.",
        f'The folder "{folder}" was deleted from Bitrix24 Disk (or moved to its trash). '
        "Restore it from the Disk trash or choose another folder; local templates are "
        "untouched.",
    )


def no_such_folder(folder_id: int) -> SharingError:
    return SharingError(
        "no_such_folder",
        f"На Диске Битрикс24 нет папки с ID {folder_id} (или она в корзине). Проверьте ID "
        "папки в её адресе на портале.",
        f"Bitrix24 Disk has no folder with ID {folder_id} (or it is in the trash). Check the "
        "ID in the folder's address on the portal.",
    )


def quota(folder: str) -> SharingError:
    return SharingError(
        "quota",
        f"На Диске Битрикс24 не хватает места для папки «{folder}». Освободите место или "
        "попросите администратора увеличить квоту; изменения остались локально и уйдут "
        "при следующей синхронизации.",
        f'Bitrix24 Disk is out of space for the folder "{folder}". Free some space or ask '
        "the admin for a bigger quota; the changes stay local and go up on the next sync.",
    )


def no_scope() -> SharingError:
    return SharingError(
        "no_scope",
        "У вебхука или приложения нет права «disk» (Диск). Добавьте его в настройках "
        "вебхука на портале.",
        'The webhook or app lacks the "disk" scope. Add it in the webhook settings on the portal.',
    )


def read_only(folder: str) -> SharingError:
    return SharingError(
        "read_only",
        f"Папка «{folder}» доступна вам только для чтения: общие шаблоны из неё нельзя "
        "менять. Изменения сохранены как локальная копия.",
        f'You can only read the folder "{folder}": its shared templates cannot be changed. '
        "Your changes were kept as a local copy.",
    )


def no_folder(profile: str) -> SharingError:
    return SharingError(
        "no_folder",
        f"Для профиля «{profile}» не выбрана общая папка.",
        f'No shared folder is chosen for the profile "{profile}".',
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
