"""The one error type the template library raises, with a Russian and an English message.

Callers (UI, CLI) show ``message(lang)`` and never a traceback. The SQLite error text is
kept as the exception's cause for logs; it never contains template contents or secrets.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from olchat_desktop.core.i18n import Lang, pick


class LibraryError(Exception):
    """A library operation failed. ``code`` is stable: tests and the UI branch on it."""

    def __init__(self, code: str, ru: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self._ru = ru
        self._en = en

    def message(self, lang: Lang = "ru") -> str:
        return pick(lang, self._ru, self._en)


def locked(path: Path) -> LibraryError:
    return LibraryError(
        "locked",
        f"Библиотека шаблонов занята другой программой дольше обычного ({path}). "
        "Повторите попытку через несколько секунд.",
        f"The template library is busy in another program for too long ({path}). "
        "Try again in a few seconds.",
    )


def corrupt(path: Path) -> LibraryError:
    return LibraryError(
        "corrupt",
        f"Файл библиотеки шаблонов повреждён или это не база данных: {path}. "
        "Восстановите его из резервной копии (*.bak-*) или переименуйте, чтобы начать заново.",
        f"The template library file is damaged or is not a database: {path}. "
        "Restore it from a backup (*.bak-*) or rename it to start afresh.",
    )


def read_only(path: Path) -> LibraryError:
    return LibraryError(
        "read_only",
        f"Библиотека шаблонов открыта только для чтения, изменения не сохраняются ({path}).",
        f"The template library is open read-only: changes are not saved ({path}).",
    )


def unreadable(path: Path) -> LibraryError:
    return LibraryError(
        "unreadable",
        f"Не удалось открыть библиотеку шаблонов {path}: нет доступа или нет места на диске.",
        f"Cannot open the template library {path}: no permission or no disk space.",
    )


def newer_schema(path: Path, found: int, supported: int) -> LibraryError:
    return LibraryError(
        "newer_schema",
        f"Библиотека шаблонов {path} создана более новой версией программы "
        f"(схема {found}, поддерживается {supported}). Обновите OLChat Desktop.",
        f"The template library {path} was written by a newer version of the app "
        f"(schema {found}, this one reads {supported}). Update OLChat Desktop.",
    )


def migration_failed(path: Path) -> LibraryError:
    return LibraryError(
        "migration_failed",
        f"Не удалось обновить библиотеку шаблонов {path} до новой версии; файл не изменён, "
        "рядом лежит резервная копия (*.bak-*). Сообщите разработчикам.",
        f"Could not upgrade the template library {path}; the file is unchanged and a "
        "backup (*.bak-*) is next to it. Please report this to the developers.",
    )


def not_found(template_id: str) -> LibraryError:
    return LibraryError(
        "not_found",
        f"Шаблон {template_id} не найден в библиотеке.",
        f"Template {template_id} is not in the library.",
    )


def version_not_found(version_id: int) -> LibraryError:
    return LibraryError(
        "version_not_found",
        f"Версия {version_id} не найдена (хранятся только последние версии).",
        f"Version {version_id} was not found (only the latest versions are kept).",
    )


def already_exists(template_id: str) -> LibraryError:
    return LibraryError(
        "already_exists",
        f"Шаблон с идентификатором {template_id} уже есть в библиотеке.",
        f"A template with id {template_id} is already in the library.",
    )


def file_unreadable(path: Path, reason_ru: str, reason_en: str) -> LibraryError:
    return LibraryError(
        "file_unreadable",
        f"Не удалось прочитать файл {path}: {reason_ru}",
        f"Cannot read the file {path}: {reason_en}",
    )


def file_unwritable(path: Path) -> LibraryError:
    return LibraryError(
        "file_unwritable",
        f"Не удалось записать файл {path}: нет доступа, нет папки или нет места на диске.",
        f"Cannot write the file {path}: no permission, no such folder, or no disk space.",
    )


def from_sqlite(error: sqlite3.Error, path: Path) -> LibraryError:
    """Map an SQLite error to the user-facing kind: busy, damaged, or unopenable."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return locked(path)
    if isinstance(error, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return corrupt(path)
    if "unable to open" in text or "readonly" in text or "disk" in text or "i/o" in text:
        return unreadable(path)
    return LibraryError(
        "database",
        f"Ошибка базы данных библиотеки шаблонов ({path}): {error}",
        f"Template library database error ({path}): {error}",
    )
