"""A wait cursor while a dialog gets ready.

The send, robots and connections dialogs load their modules (httpx, pydantic, the clients)
on first use, which takes a quarter of a second once: the cursor says the click was
heard. It is restored before the dialog runs, so the dialog never shows a wait cursor.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


@contextmanager
def busy_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
