"""The window's team library hook (issue 19): "Sync now" and "Share" run in the task pool
against the demo sandbox, and the status bar tells the outcome."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from olchat_desktop.sharing.demo import COLLEAGUE_TEMPLATE
from olchat_desktop.ui.demo_sandbox import running_sandbox
from olchat_desktop.ui.main_window import MainWindow


def _sync(qtbot: QtBot, window: MainWindow, trigger: str = "syncAction") -> None:
    team = window.windowActions.teamLibrary
    getattr(team, trigger).trigger()
    assert team.handle is not None
    qtbot.waitUntil(lambda: not team.handle.running, timeout=20_000)


def test_sync_now_pulls_and_share_uploads(qtbot: QtBot, window: MainWindow) -> None:
    team = window.windowActions.teamLibrary
    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    assert team.syncAction.text() == "Sync team library now"
    _sync(qtbot, window)
    report = team.last_report
    assert [i.template_id for i in report.moved["added_local"]] == [COLLEAGUE_TEMPLATE.id]
    assert team.stateLabel.text().startswith("Team library: synced at")
    assert COLLEAGUE_TEMPLATE.name in team.stateLabel.toolTip()
    model = window.libraryView.templateList.model()  # a QListView on a model (issue 15)
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert any(COLLEAGUE_TEMPLATE.name in name for name in names)  # the list was re-read

    current = window.libraryController.current_id
    current_id = current() if callable(current) else current
    assert current_id
    _sync(qtbot, window, "shareAction")
    assert [i.template_id for i in team.last_report.moved["uploaded"]] == [current_id]
    label = team.stateLabel
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())  # not clipped


def test_sync_state_follows_the_language(qtbot: QtBot, window: MainWindow) -> None:
    from olchat_desktop.ui import i18n

    team = window.windowActions.teamLibrary
    team._show("Командная библиотека: нет связи", "Team library: offline")
    assert team.stateLabel.text() == "Team library: offline"
    i18n.install_language("ru")
    try:
        qtbot.waitUntil(lambda: team.syncAction.text().startswith("Синхронизировать"))
        assert team.stateLabel.text() == "Командная библиотека: нет связи"
    finally:
        i18n.install_language("en")
