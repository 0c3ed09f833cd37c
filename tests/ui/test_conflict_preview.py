"""The conflict view's previews (issue 19): each version in the editor's own WhatsApp
canvas beside its fields and counters, the portal side named by its editor, and keep
mine / keep both still closing the conflict."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from olchat_desktop.sharing.demo import COLLEAGUE_TEMPLATE
from olchat_desktop.ui.demo_sandbox import running_sandbox
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.sharing.conflict_dialog import FIELDS


def _sync(qtbot: QtBot, window: MainWindow) -> None:
    team = window.windowActions.teamLibrary
    team.syncAction.trigger()
    qtbot.waitUntil(lambda: not team.handle.running, timeout=20_000)


def _conflict(qtbot: QtBot, window: MainWindow, tmp_path: Path, *, delete: bool) -> str:
    """A conflict on the colleague's template: they edit (or delete) it, I edit it."""
    from tests.sharing.conftest import App

    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    _sync(qtbot, window)
    tid = COLLEAGUE_TEMPLATE.id
    colleague = App(tmp_path / "colleague", running_sandbox(window).webhook_url("manager"))
    try:
        colleague.sync()
        if delete:
            colleague.library.delete(tid)
        else:
            colleague.edit(tid, "*Colleague's* wording")
        colleague.sync()
    finally:
        colleague.close()
    mine = window.library.get(tid)
    window.library.save(mine.model_copy(update={"message": "My wording"}))
    _sync(qtbot, window)
    return tid


def test_both_versions_previewed_with_the_editors_canvas(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tid = _conflict(qtbot, window, tmp_path, delete=False)
    dialog = window.windowActions.teamLibrary.open_conflicts()
    qtbot.addWidget(dialog)
    previews = dialog.previews
    # The editor's canvas class, not a copy of its rendering.
    assert type(previews.local.canvas) is type(window.preview.canvas)
    local, remote = previews.local.canvas.model(), previews.remote.canvas.model()
    assert local.text_of("body") == "My wording"
    assert remote.text_of("body") == "Colleague's wording"  # the markup rendered, not shown
    assert any(run.bold for run in remote.runs_in("body"))
    assert [b.title for b in remote.buttons] == list(COLLEAGUE_TEMPLATE.buttons)
    # The portal side names who changed it (learnt by the sync with user.get).
    assert "Иван Менеджеров" in previews.remote.caption.text()
    assert "Иван Менеджеров" in dialog.table.horizontalHeaderItem(1).text()
    # Fields and counters stay in the table above.
    message_row = [f[0] for f in FIELDS].index("message")
    assert dialog.table.item(message_row, 0).text().endswith("[10/1024]")
    dialog.grab().save(str(tmp_path / "conflict-preview.png"))

    dialog.keepLocalButton.click()
    assert dialog.conflictList.count() == 0
    assert previews.local.stack.currentWidget() is previews.local.missing  # cleared
    assert window.library.get(tid).message == "My wording"
    dialog.close()


def test_deleted_on_the_portal_says_so_and_keep_both_is_off(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _conflict(qtbot, window, tmp_path, delete=True)
    dialog = window.windowActions.teamLibrary.open_conflicts()
    qtbot.addWidget(dialog)
    remote = dialog.previews.remote
    assert remote.stack.currentWidget() is remote.missing
    assert remote.missing.text() == "Deleted on the portal."
    assert dialog.previews.local.canvas.model().text_of("body") == "My wording"
    assert not dialog.keepBothButton.isEnabled() and dialog.keepLocalButton.isEnabled()
    dialog.close()
