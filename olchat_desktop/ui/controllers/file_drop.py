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
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from olchat_desktop.ui.controllers.file_opener import FileOpener

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
    def __init__(self, window: QWidget, opener: FileOpener) -> None:
        super().__init__(window)
        self.opener = opener
        window.setAcceptDrops(True)
        targets = [window, *(w for w in window.findChildren(QWidget) if w.acceptDrops())]
        list_view = getattr(getattr(window, "libraryView", None), "templateList", None)
        if list_view is not None:
            # The list's drops land on its viewport; it takes none of its own otherwise.
            list_view.viewport().setAcceptDrops(True)
            targets.append(list_view.viewport())
        self.targets = list(dict.fromkeys(targets))
        for target in self.targets:
            target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _DRAG_EVENTS or not isinstance(event, QDropEvent):
            return False
        paths = local_paths(event.mimeData())
        if not paths:
            return False  # not files: the widget's own drop (text into a field)
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.opener.open_paths(paths)
        return True
