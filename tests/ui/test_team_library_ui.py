"""The window's team library hook (issue 19): "Sync now" and "Share" run in the task pool
against the demo sandbox, and the status bar tells the outcome."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from olchat_desktop.sharing.demo import COLLEAGUE_TEMPLATE
from olchat_desktop.ui.demo_sandbox import running_sandbox
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.sharing.conflict_dialog import FIELDS


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
    assert team.autoSyncTimer.isActive()  # background sync from now on
    before = team.handle
    team.autoSyncTimer.timeout.emit()
    assert team.handle is not before
    qtbot.waitUntil(lambda: not team.handle.running, timeout=20_000)
    assert team.last_report.moved_count == 0
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
    team._show(lambda: i18n.ui_text("Team library: offline"))
    assert team.stateLabel.text() == "Team library: offline"
    i18n.install_language("ru")
    try:
        qtbot.waitUntil(lambda: team.syncAction.text().startswith("Синхронизировать"))
        assert team.stateLabel.text() == "Командная библиотека: нет связи"
    finally:
        i18n.install_language("en")


def test_conflict_view_side_by_side_and_keep_both(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from tests.sharing.conftest import App

    team = window.windowActions.teamLibrary
    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    _sync(qtbot, window)
    tid = COLLEAGUE_TEMPLATE.id
    colleague = App(tmp_path / "colleague", running_sandbox(window).webhook_url("manager"))
    try:
        colleague.sync()
        colleague.edit(tid, "Colleague's wording")
        colleague.sync()
    finally:
        colleague.close()
    mine = window.library.get(tid)
    window.library.save(mine.model_copy(update={"message": "My wording"}))
    _sync(qtbot, window)
    assert team.stateLabel.text() == "Team library: 1 conflict"
    assert team.conflictsAction.isEnabled()

    dialog = team.open_conflicts()
    qtbot.addWidget(dialog)
    assert dialog.conflictList.count() == 1
    message_row = [f[0] for f in FIELDS].index("message")
    here = dialog.table.item(message_row, 0).text()
    there = dialog.table.item(message_row, 1).text()
    assert here.startswith("My wording") and there.startswith("Colleague's wording")
    assert here.endswith("[10/1024]") and dialog.table.item(message_row, 0).font().bold()
    assert not dialog.table.item(0, 0).font().bold()  # the names are the same
    dialog.grab().save(str(tmp_path / "conflicts.png"))
    dialog.keepBothButton.click()
    assert dialog.conflictList.count() == 0 and not dialog.keepLocalButton.isEnabled()
    dialog.close()
    assert window.library.get(tid).message == "Colleague's wording"
    copies = [t for t in window.library.list_templates() if t.message == "My wording"]
    assert len(copies) == 1 and copies[0].id != tid
    assert not team.conflictsAction.isEnabled()
    _sync(qtbot, window)
    assert team.stateLabel.text().startswith("Team library: synced at")


def test_typing_during_a_pull_is_kept_as_a_copy(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtTest import QTest

    from tests.sharing.conftest import App

    team = window.windowActions.teamLibrary
    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    _sync(qtbot, window)
    tid = COLLEAGUE_TEMPLATE.id
    window.libraryController.open_template(tid)
    colleague = App(tmp_path / "colleague", running_sandbox(window).webhook_url("manager"))
    try:
        colleague.sync()
        colleague.edit(tid, "Colleague's wording")
        colleague.sync()
    finally:
        colleague.close()
    team.syncAction.trigger()  # flushes the editor, then syncs in the pool
    edit = window.editorView.messageEdit
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QTest.keyClicks(edit, " + my typing")  # while the sync runs; not yet autosaved
    window.libraryController._autosave.stop()
    qtbot.waitUntil(lambda: not team.handle.running, timeout=20_000)
    assert [i.template_id for i in team.last_report.moved["pulled"]] == [tid]
    assert edit.toPlainText() == "Colleague's wording"  # the editor shows the pulled text
    copies = [t for t in window.library.list_templates() if t.message.endswith(" + my typing")]
    assert len(copies) == 1 and copies[0].name.endswith("(my edits)")
    assert "your edits were kept" in window.statusBar().currentMessage()


def test_who_changed_it_lists_the_portal_versions(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from tests.sharing.conftest import App

    team = window.windowActions.teamLibrary
    assert not team.versionsAction.isEnabled()
    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    _sync(qtbot, window)
    tid = COLLEAGUE_TEMPLATE.id
    colleague = App(tmp_path / "colleague", running_sandbox(window).webhook_url("manager"))
    try:
        colleague.sync()
        colleague.edit(tid, "second version")
        colleague.sync()
    finally:
        colleague.close()
    window.libraryController.open_template(tid)
    team.versionsAction.trigger()
    qtbot.waitUntil(lambda: team.versionsDialog is not None, timeout=20_000)
    table = team.versionsDialog.table
    assert table.rowCount() == 2
    assert [table.item(row, 0).text() for row in range(2)] == ["2", "1"]  # newest first
    assert [table.item(row, 1).text() for row in range(2)] == ["2", "2"]  # the manager
    team.versionsDialog.close()
