"""Another window's (or program's) changes to the library, picked up when this window
becomes active again (issue 15).

SQLite's ``PRAGMA data_version`` (https://sqlite.org/pragma.html#pragma_data_version)
changes on a connection whenever another connection committed to the file: a second
window started with ``--new-instance``, the CLI, an import or the checking pass on
their own connections. Reading it is one call on the window's connection, so it is read
on every activation; only when it moved does the sidebar re-read its first page and
tags, and the open template, unless it has unsaved edits here (those are saved over it
later, as before: the last save wins), is shown as stored.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject

from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_errors import LibraryError


class Sidebar(Protocol):
    """What this needs of ``LibraryController`` (which imports this module)."""

    library: TemplateLibrary
    dirty: bool
    editor: Any  # the EditorController: ``draft()``

    @property
    def current_id(self) -> str | None: ...
    def refresh(self, select_id: str | None = None) -> None: ...
    def refresh_tags(self) -> None: ...
    def reload_current(self) -> None: ...


class OutsideChanges(QObject):
    """Watches the window that shows ``controller``'s sidebar for activation."""

    def __init__(self, controller: Sidebar, window: QObject) -> None:
        super().__init__(window)
        self._controller = controller
        self._seen: int | None = None
        window.installEventFilter(self)

    def remember(self) -> None:
        """The library as shown now is up to date (the first page was just read)."""
        try:
            self._seen = self._controller.library.data_version()
        except LibraryError:
            self._seen = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False

    def check(self) -> bool:
        """Re-read what another connection changed; True when something had."""
        controller = self._controller
        try:
            version = controller.library.data_version()
        except LibraryError:
            return False
        if self._seen is None or version == self._seen:
            self._seen = version
            return False
        self._seen = version
        controller.refresh()
        controller.refresh_tags()
        current = controller.current_id
        if current is not None and not controller.dirty:
            try:
                stored = controller.library.get_draft(current)
            except LibraryError:
                return True  # purged elsewhere: the list no longer shows it
            if stored != controller.editor.draft():
                controller.reload_current()
        return True
