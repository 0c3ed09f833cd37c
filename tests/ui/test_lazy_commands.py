"""Commands that load on first use (issue 17's start-up budget) still work from their
menu entries: the entries exist from the start, with their shortcuts and texts, and the
first use builds the part behind them, in its place in the menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from olchat_desktop.ui.main_window import DEFERRED_START_MS, MainWindow


def test_team_library_entries_appear_after_connections_when_the_menu_opens(
    window: MainWindow,
) -> None:
    actions = window.windowActions
    assert "teamLibrary" not in actions.__dict__
    before = actions.fileMenu.actions()
    actions.fileMenu.aboutToShow.emit()
    team = actions.teamLibrary
    entries = actions.fileMenu.actions()
    added = [action for action in entries if action not in before]
    at = entries.index(actions.connectionsAction)
    # All of the team's entries, together, right after Connections…
    assert entries[at + 1 : at + 1 + len(added)] == added
    for action in (team.syncAction, team.shareAction, team.conflictsAction):
        assert action in added
    assert entries[-1] is actions.quitAction
    assert team.syncAction.text() == "Sync team library now"
    actions.fileMenu.aboutToShow.emit()  # built once
    assert actions.fileMenu.actions() == entries


def test_transfer_commands_load_with_the_first_one(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def cancelled(_parent: object, title: str, *_args: object) -> tuple[str, str]:
        asked.append(title)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancelled)
    entries = window.transferActions
    assert "transfer" not in window.__dict__
    assert entries.importAction.shortcut().toString() == "Ctrl+Shift+O"
    assert entries.exportAllAction in window.windowActions.fileMenu.actions()
    entries.exportAllAction.trigger()
    assert asked == ["Export all templates"]
    assert window.transfer.exportAllAction is entries.exportAllAction


def test_portal_fields_are_built_after_the_first_paint(window: MainWindow, qtbot: QtBot) -> None:
    actions = window.windowActions
    status = window.editorView.catalogueStatusLabel
    qtbot.waitUntil(lambda: "portalFields" in actions.__dict__, timeout=DEFERRED_START_MS * 20)
    assert status.text() != ""
    assert actions.insertFieldAction in actions.messageMenu.actions()
    assert actions.insertFieldAction.text() == "Insert &field…"
    assert actions.insertFieldAction.shortcut().toString() == "Ctrl+Shift+F"


def test_robots_connections_and_dry_run_are_plain_entries(window: MainWindow) -> None:
    actions = window.windowActions
    file_entries = actions.fileMenu.actions()
    assert file_entries.index(actions.robotsAction) + 1 == file_entries.index(
        actions.settingsAction
    )
    assert actions.connectionsAction.shortcut().toString() == "Ctrl+Shift+K"
    message_entries = actions.messageMenu.actions()
    assert message_entries[:3] == [
        actions.sendAction,
        actions.sendHistoryAction,
        actions.dryRunAction,
    ]
    assert [a.text() for a in (actions.robotsAction, actions.dryRunAction)] == [
        "Portal robots…",
        "Check on real data…",
    ]
