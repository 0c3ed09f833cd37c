"""The one error type the template library raises, with a translatable message.

Callers (UI, CLI) show ``message(lang)`` and never a traceback. The SQLite error text is
kept as the exception's cause for logs; it never contains template contents or secrets.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from olchat_desktop.core.i18n import LazyText, TranslatableError


class LibraryError(TranslatableError):
    """A library operation failed. ``code`` is stable: tests and the UI branch on it."""

    problem: LazyText  # always a LazyText for this error

    def __init__(self, code: str, problem: LazyText) -> None:
        super().__init__(problem)
        self.code = code


def locked(path: Path) -> LibraryError:
    return LibraryError(
        "locked",
        LazyText(
            "The template library is busy in another program for too long ({path}). "
            "Try again in a few seconds.",
            path=path,
        ),
    )


def corrupt(path: Path) -> LibraryError:
    return LibraryError(
        "corrupt",
        LazyText(
            "The template library file is damaged or is not a database: {path}. "
            "Restore it from a backup (*.bak-*) or rename it to start afresh.",
            path=path,
        ),
    )


def read_only(path: Path) -> LibraryError:
    return LibraryError(
        "read_only",
        LazyText(
            "The template library is open read-only: changes are not saved ({path}).", path=path
        ),
    )


def unreadable(path: Path) -> LibraryError:
    return LibraryError(
        "unreadable",
        LazyText(
            "Cannot open the template library {path}: no permission or no disk space.", path=path
        ),
    )


def newer_schema(path: Path, found: int, supported: int) -> LibraryError:
    return LibraryError(
        "newer_schema",
        LazyText(
            "The template library {path} was written by a newer version of the app "
            "(schema {found}, this one reads {supported}). Update OLChat Desktop.",
            path=path,
            found=found,
            supported=supported,
        ),
    )


def migration_failed(path: Path) -> LibraryError:
    return LibraryError(
        "migration_failed",
        LazyText(
            "Could not upgrade the template library {path}; the file is unchanged "
            "and a backup (*.bak-*) is next to it. Please report this to the "
            "developers.",
            path=path,
        ),
    )


def not_found(template_id: str) -> LibraryError:
    return LibraryError(
        "not_found",
        LazyText("Template {template_id} is not in the library.", template_id=template_id),
    )


def version_not_found(version_id: int) -> LibraryError:
    return LibraryError(
        "version_not_found",
        LazyText(
            "Version {version_id} was not found (only the latest versions are kept).",
            version_id=version_id,
        ),
    )


def already_exists(template_id: str) -> LibraryError:
    return LibraryError(
        "already_exists",
        LazyText(
            "A template with id {template_id} is already in the library.", template_id=template_id
        ),
    )


def file_unreadable(path: Path, reason: LazyText | str) -> LibraryError:
    """``reason``: a translatable explanation, or a system message shown as it is."""
    return LibraryError(
        "file_unreadable",
        LazyText("Cannot read the file {path}: {reason}", path=path, reason=reason),
    )


def file_unwritable(path: Path) -> LibraryError:
    return LibraryError(
        "file_unwritable",
        LazyText(
            "Cannot write the file {path}: no permission, no such folder, or no disk space.",
            path=path,
        ),
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
        LazyText("Template library database error ({path}): {error}", path=path, error=error),
    )
