"""The main window offers "Connections…", which opens the dialog on the stored profiles."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.ui.connections import dialog as dialog_module


def test_menu_action_opens_connections_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from olchat_desktop.app import build_main_window

    shown: list[dialog_module.ConnectionsDialog] = []
    monkeypatch.setattr(dialog_module.ConnectionsDialog, "exec", lambda self: shown.append(self))
    window = build_main_window(["--lang", "en"])
    qtbot.addWidget(window)
    action = window.windowActions.connectionsAction
    assert action.text() == "&Connections…"
    assert action in window.windowActions.fileMenu.actions()
    action.trigger()
    assert len(shown) == 1 and shown[0].list.count() == 0
    assert window.connection_service is shown[0].service  # type: ignore[attr-defined]
