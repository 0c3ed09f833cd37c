"""Errors of the profile store, each with a ru/en message that says what to do."""

from __future__ import annotations

from enum import Enum

from olchat_desktop.core.i18n import Lang, pick


class ProfilesErrorKind(Enum):
    CORRUPT = "corrupt"
    NEWER_VERSION = "newer_version"
    NOT_FOUND = "not_found"
    DUPLICATE_NAME = "duplicate_name"
    CA_BUNDLE = "ca_bundle"
    WRITE_FAILED = "write_failed"


_MESSAGES: dict[ProfilesErrorKind, tuple[str, str]] = {
    ProfilesErrorKind.CORRUPT: (
        "Файл подключений повреждён ({reason}). Он сохранён как {path}; "
        "подключения нужно добавить заново.",
        "The connections file is damaged ({reason}). It was kept as {path}; "
        "add the connections again.",
    ),
    ProfilesErrorKind.NEWER_VERSION: (
        "Файл подключений {path} записан более новой версией приложения (схема {version}). "
        "Обновите приложение; файл не будет изменён.",
        "The connections file {path} was written by a newer version of the app "
        "(schema {version}). Update the app; the file will not be changed.",
    ),
    ProfilesErrorKind.NOT_FOUND: (
        "Подключение {name} не найдено.",
        "Connection {name} was not found.",
    ),
    ProfilesErrorKind.DUPLICATE_NAME: (
        "Подключение с именем «{name}» уже есть.",
        "A connection named “{name}” already exists.",
    ),
    ProfilesErrorKind.CA_BUNDLE: (
        "Файл сертификатов {path} не подходит: {reason}.",
        "The certificate file {path} cannot be used: {reason}.",
    ),
    ProfilesErrorKind.WRITE_FAILED: (
        "Не удалось записать {path}: {reason}. Прежний файл не изменён.",
        "Could not write {path}: {reason}. The previous file is unchanged.",
    ),
}


class ProfilesError(Exception):
    """A profile operation failed; ``user_message(lang)`` says what and what to do."""

    def __init__(self, kind: ProfilesErrorKind, **details: str) -> None:
        self.kind = kind
        self.details = details
        super().__init__(self.user_message("en"))

    def user_message(self, lang: Lang) -> str:
        ru, en = _MESSAGES[self.kind]
        return pick(lang, ru.format(**self.details), en.format(**self.details))
