"""A second window sees the first one's saves when it becomes active again (issue 15:
``PRAGMA data_version``, ``ui.controllers.library_watch``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from olchat_desktop.ui.controllers.library_model import ID_ROLE
from olchat_desktop.ui.main_window import MainWindow


def names(window: MainWindow) -> list[str]:
    model = window.libraryController.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def activate(window: MainWindow) -> None:
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))


def test_a_second_window_picks_up_saves_on_activation(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    first = open_window(qtbot, "--new-instance")
    second = open_window(qtbot, "--new-instance")
    for window in (first, second):  # after the first paint: the watcher is installed
        qtbot.waitUntil(lambda w=window: w.libraryController.outside is not None)
    shown = second.libraryController.current_id
    assert first.libraryController.current_id == shown
    # The first window renames the template both show and adds one.
    first.editorView.nameEdit.setText("Переименован в первом окне")
    first.libraryController.save_now()
    first.libraryController.new_template()
    assert "Переименован в первом окне" not in names(second)
    activate(second)
    assert "Переименован в первом окне" in names(second)
    assert len(names(second)) == len(names(first))
    # Not dirty here: the open template shows what is stored now.
    assert second.editorView.nameEdit.text() == "Переименован в первом окне"
    assert second.libraryController.current_id == shown
    # Nothing new: activating again changes nothing (no reset).
    resets: list[bool] = []
    second.libraryController.model.modelReset.connect(lambda: resets.append(True))
    activate(second)
    assert resets == []


def test_unsaved_typing_is_kept_when_another_window_saved(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    first = open_window(qtbot, "--new-instance")
    second = open_window(qtbot, "--new-instance")
    for window in (first, second):
        qtbot.waitUntil(lambda w=window: w.libraryController.outside is not None)
    model = first.libraryController.model
    other = model.index(1, 0).data(ID_ROLE)
    second.editorView.nameEdit.setText("Печатаю здесь")  # unsaved (autosave pending)
    first.libraryController.open_template(other)
    first.editorView.nameEdit.setText("Другой шаблон изменён")
    first.libraryController.save_now()
    activate(second)
    assert second.editorView.nameEdit.text() == "Печатаю здесь"
    assert "Другой шаблон изменён" in names(second)
