"""Dialogs that load modules on first use show a wait cursor meanwhile, never while open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from olchat_desktop.ui.connections.dialog import ConnectionsDialog
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.robots.dialog import RobotsDialog
from olchat_desktop.ui.send.send_view import SendView

pytestmark = pytest.mark.integration


def _cursor() -> Qt.CursorShape | None:
    cursor = QGuiApplication.overrideCursor()
    return None if cursor is None else cursor.shape()


def _spy(monkeypatch: pytest.MonkeyPatch, dialog_class: type[Any]) -> dict[str, Any]:
    """Record the override cursor while the dialog is built and while it runs."""
    seen: dict[str, Any] = {}
    real_init: Callable[..., None] = dialog_class.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        seen["building"] = _cursor()
        real_init(self, *args, **kwargs)

    def exec_(self: Any) -> int:
        seen["running"] = _cursor()
        return 0

    monkeypatch.setattr(dialog_class, "__init__", init)
    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


@pytest.mark.parametrize(
    ("dialog_class", "open_dialog"),
    [
        (SendView, lambda window: window.windowActions.open_send_dialog()),
        (RobotsDialog, lambda window: window.robotsAction.trigger()),
        (ConnectionsDialog, lambda window: window.windowActions.connectionsAction.trigger()),
    ],
    ids=["send", "robots", "connections"],
)
def test_wait_cursor_while_building_none_while_open(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    dialog_class: type[Any],
    open_dialog: Callable[[MainWindow], None],
) -> None:
    seen = _spy(monkeypatch, dialog_class)
    open_dialog(window)
    assert seen == {"building": Qt.CursorShape.WaitCursor, "running": None}
    assert _cursor() is None  # nothing left behind
