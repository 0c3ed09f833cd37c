"""Drag and drop of template files and bundles onto the main window (issue 18).

One event filter on the window and on every widget of it that takes drops on its own
(the template list's viewport, the text fields): a drag that carries local files is
taken over and its files go to :class:`FileOpener`, exactly as from the command line;
any other drag (text between fields) is left to the widget. Without the filter a file
dropped on the message field would paste its URL as text.

File names are taken from the raw ``text/uri-list`` bytes (RFC 2483), not from
``QUrl.toLocalFile``: a Linux file name may hold bytes that are not UTF-8, which QUrl
decodes to U+FFFD, so the file could not be found again. Percent-decoding the bytes and
``os.fsdecode`` keep them exact.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

URI_LIST = "text/uri-list"
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def local_paths(mime: QMimeData) -> list[str]:
    """The local files a drag carries, exactly as the file system names them."""
    from urllib.parse import unquote_to_bytes, urlsplit

    paths: list[str] = []
    for line in bytes(mime.data(URI_LIST).data()).splitlines():
        line = line.strip()
        if not line or line.startswith(b"#"):
            continue
        url = urlsplit(line)
        if url.scheme.lower() == b"file" and url.netloc in (b"", b"localhost"):
            paths.append(os.fsdecode(unquote_to_bytes(url.path)))
    return paths


class FileDropFilter(QObject):
    # The scroll areas' viewports are filtered a moment after the window is built: the
    # first viewport() call builds Python types and enums (20+ ms), which the first paint
    # need not wait for. Until then a drop there reaches the window (the list) or is the
    # field's own (the message text).
    DEFER_MS = 500

    def __init__(self, window: QWidget, open_paths: Callable[[list[str]], None]) -> None:
        super().__init__(window)
        self.open_paths = open_paths  # the window's: its file opener loads on first use
        self.window = window
        self.complete = False
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.targets: list[QWidget] = [window]
        self._scroll_areas: list[QAbstractScrollArea] = []
        # The views' own widgets, from their attributes: findChildren(QWidget) would wrap
        # every widget of the window in Python first (12 ms of start-up).
        for view in (getattr(window, "libraryView", None), getattr(window, "editorView", None)):
            widgets = [*vars(view).values(), *getattr(view, "buttonEdits", ())] if view else []
            for widget in widgets:
                if isinstance(widget, QAbstractScrollArea):
                    self._scroll_areas.append(widget)
                elif isinstance(widget, QWidget) and widget.acceptDrops():
                    self._watch(widget)
        QTimer.singleShot(self.DEFER_MS, self, self.install_viewports)

    def _watch(self, widget: QWidget) -> None:
        if widget not in self.targets:
            self.targets.append(widget)
            widget.installEventFilter(self)

    def install_viewports(self) -> None:
        if self.complete:
            return
        for area in self._scroll_areas:
            viewport = area.viewport()
            viewport.setAcceptDrops(True)  # the list takes none of its own otherwise
            self._watch(viewport)
        self.complete = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _DRAG_EVENTS or not isinstance(event, QDropEvent):
            return False
        paths = local_paths(event.mimeData())
        if not paths:
            return False  # not files: the widget's own drop (text into a field)
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.open_paths(paths)
        return True
