"""Template > Trash…: deleted templates listed, restored into the list, deleted forever
after a question, or all at once with "Empty trash"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from olchat_desktop.app import build_main_window
from olchat_desktop.core.template import Template
from olchat_desktop.ui import i18n
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.trash_dialog import TrashDialog


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every confirmation with Yes; the texts asked are returned."""
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


def run_trash(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, script: Callable[[TrashDialog], None]
) -> None:
    """Open Trash… from the menu and act in the dialog instead of a modal event loop."""

    def fake_exec(dialog: TrashDialog) -> int:
        script(dialog)
        return 0

    monkeypatch.setattr(TrashDialog, "exec", fake_exec)
    window.transfer.trashAction.trigger()


def list_names(win: MainWindow) -> list[str]:
    # The sidebar is a QListView on a model (issue 15): the rows are the model's.
    model = win.libraryView.templateList.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def make_and_delete(window: MainWindow, name: str) -> str:
    created = window.library.create(Template(name=name, message="text"))
    window.libraryController.refresh()
    window.libraryController.open_template(created.id)
    window.windowActions.deleteAction.trigger()
    assert name not in list_names(window)
    return created.id


def test_deleted_template_is_listed_and_restored_into_the_list(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_and_delete(window, "Feedback request")
    seen: list[list[str]] = []

    def restore(dialog: TrashDialog) -> None:
        seen.append(dialog.entry_names())
        assert dialog.trashList.topLevelItem(0).text(1)  # the deletion time
        assert dialog.select_name("Feedback request")
        dialog.restoreButton.click()
        seen.append(dialog.entry_names())

    run_trash(window, monkeypatch, restore)
    assert seen == [["Feedback request"], []]
    assert "Feedback request" in list_names(window)
    assert window.libraryView.templateList.currentIndex().data() == "Feedback request"
    assert window.editor.template().name == "Feedback request"
    # The status-bar "Undo delete" must not try to restore it a second time.
    assert not window.windowActions.undoDeleteAction.isEnabled()


def test_delete_forever_asks_first_and_removes_for_good(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, questions: list[str]
) -> None:
    gone_id = make_and_delete(window, "Old promo")
    make_and_delete(window, "Keep in trash")

    def purge(dialog: TrashDialog) -> None:
        assert dialog.select_name("Old promo")
        dialog.purgeButton.click()

    run_trash(window, monkeypatch, purge)
    assert len(questions) == 1 and "Old promo" in questions[0]
    assert [e.template.name for e in window.library.list_trash()] == ["Keep in trash"]
    assert gone_id not in {t.id for t in window.library.list_templates()}
    assert "Old promo" not in list_names(window)


def test_answering_no_keeps_the_template_in_the_trash(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_and_delete(window, "Maybe later")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)

    def purge(dialog: TrashDialog) -> None:
        dialog.purgeButton.click()
        dialog.emptyButton.click()

    run_trash(window, monkeypatch, purge)
    assert [e.template.name for e in window.library.list_trash()] == ["Maybe later"]


def test_empty_trash_removes_everything_deleted_and_nothing_else(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, questions: list[str]
) -> None:
    kept = window.library.create(Template(name="Still here"))
    for name in ("One", "Two", "Three"):
        make_and_delete(window, name)
    after: list[list[str]] = []

    def empty(dialog: TrashDialog) -> None:
        assert sorted(dialog.entry_names()) == ["One", "Three", "Two"]
        dialog.emptyButton.click()
        after.append(dialog.entry_names())
        assert dialog.emptyLabel.isVisibleTo(dialog)
        assert not dialog.restoreButton.isEnabled()

    run_trash(window, monkeypatch, empty)
    assert after == [[]]
    assert "3" in questions[0]
    assert window.library.list_trash() == []
    assert window.library.get(kept.id).name == "Still here"
    assert not window.windowActions.undoDeleteAction.isEnabled()
    window.windowActions.undoDeleteAction.trigger()  # harmless even when triggered anyway


def test_trash_dialog_in_russian(qtbot: QtBot) -> None:
    win = build_main_window(["--lang", "ru"])
    qtbot.addWidget(win)
    win.library.delete(win.library.create(Template(name="Отзыв")).id)
    i18n.install_language("ru")
    dialog = TrashDialog(win.library, win)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Корзина"
    assert dialog.purgeButton.text() == "&Удалить навсегда…"
    assert dialog.entry_names() == ["Отзыв"]
    assert [a.text() for a in (win.transfer.importAction, win.transfer.trashAction)] == [
        "Импор&т…",
        "Кор&зина…",
    ]
