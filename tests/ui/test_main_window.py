"""The main window: names and accessibility, library commands, autosave, state memory."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.ui.main_window import MainWindow

STABLE_NAMES = [
    "lineCombo", "phoneEdit", "headerEdit", "messageEdit", "footerEdit", "button1Edit",
    "button2Edit", "button3Edit", "waitForReplyCheck", "headerCounter", "messageCounter",
    "footerCounter", "button1Counter", "button2Counter", "button3Counter", "previewView",
    "problemsList", "templateList", "templateSearch", "sendTestButton",
]  # fmt: skip
ROBOT_ORDER = STABLE_NAMES[:9]


def list_names(win: MainWindow) -> list[str]:
    # The sidebar is a QListView on a model (issue 15): the rows are the model's.
    model = win.libraryView.templateList.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_stable_object_names_and_accessible_names(window: MainWindow) -> None:
    for name in STABLE_NAMES:
        widgets = window.findChildren(QWidget, name)
        assert len(widgets) == 1, name
        assert widgets[0].accessibleName(), f"{name} has no accessible name"


def next_tab_stop(widget: QWidget) -> QWidget:
    """The widget Tab moves to: the next one in the focus chain that takes Tab focus."""
    candidate = widget.nextInFocusChain()
    while not (
        candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        and candidate.isVisible()
        and candidate.focusProxy() is None
    ):
        candidate = candidate.nextInFocusChain()
    # An editable combo box takes focus through its inner line edit.
    parent = candidate.parentWidget()
    return parent if isinstance(parent, QComboBox) else candidate


def test_tab_order_follows_the_robot(window: MainWindow) -> None:
    widgets = [window.findChild(QWidget, name) for name in ROBOT_ORDER]
    combo_edit = window.editorView.lineCombo.lineEdit()
    for first, second in itertools.pairwise(widgets):
        start = combo_edit if isinstance(first, QComboBox) else first
        assert next_tab_stop(start) is second, f"{first.objectName()} -> {second.objectName()}"


def test_demo_templates_are_seeded_into_an_empty_library(window: MainWindow) -> None:
    names = list_names(window)
    assert "Отзыв после визита" in names
    feedback = next(t for t in window.library.list_templates() if t.name == "Отзыв после визита")
    assert feedback.buttons == ["Понравилось", "Не понравилось"]
    assert window.windowActions.demoLabel.text() == "Demo: sandbox portal"


def test_search_and_tag_filter_the_list(window: MainWindow, qtbot: QtBot) -> None:
    # The query runs in a worker after a short pause in typing (issue 15): wait for it.
    qtbot.keyClicks(window.libraryView.templateSearch, "zzz-nothing")
    qtbot.waitUntil(lambda: list_names(window) == [])
    window.libraryView.templateSearch.clear()
    window.libraryView.templateSearch.insert("ДОСТАВ")  # case-insensitive, Cyrillic
    qtbot.waitUntil(lambda: list_names(window) == ["Выбор доставки"])
    window.libraryView.templateSearch.clear()
    qtbot.waitUntil(lambda: len(list_names(window)) == 3)
    qtbot.waitUntil(lambda: window.libraryView.tagFilter.findData("записи") >= 0)
    tags = window.libraryView.tagFilter
    tags.setCurrentIndex(tags.findData("записи"))
    qtbot.waitUntil(lambda: list_names(window) == ["Подтверждение записи"])


def test_delete_and_undo_from_the_status_bar(window: MainWindow, qtbot: QtBot) -> None:
    before = list_names(window)
    deleted_name = window.editor.template().name
    window.libraryView.deleteButton.click()
    assert deleted_name not in list_names(window)
    assert window.windowActions.undoOffer.isVisible()
    assert deleted_name in window.windowActions.undoOfferLabel.text()
    assert window.windowActions.undoDeleteAction.isEnabled()
    window.windowActions.undoOfferButton.click()
    assert list_names(window) == before
    assert window.editor.template().name == deleted_name
    assert not window.windowActions.undoOffer.isVisible()


def test_new_and_duplicate(window: MainWindow) -> None:
    count = len(list_names(window))
    window.windowActions.newAction.trigger()
    assert window.editor.template().name == "New template"
    window.editorView.nameEdit.setText("Mine")
    window.windowActions.duplicateAction.trigger()
    assert window.editor.template().name == "Mine (copy)"
    assert len(list_names(window)) == count + 2


def test_dirty_marker_and_debounced_autosave(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.editorView.footerEdit, "!")
    assert window.isWindowModified()
    assert window.libraryView.templateList.currentIndex().data().endswith(" *")
    stored_id = window.libraryController.current_id
    with qtbot.waitSignal(window.libraryController.saved, timeout=3000):
        pass
    assert not window.isWindowModified()
    assert not window.libraryView.templateList.currentIndex().data().endswith(" *")
    assert window.library.get(stored_id).footer.endswith("!")


def test_autosave_survives_a_crash(qtbot: QtBot, open_window) -> None:
    first = open_window(qtbot)
    first.libraryController.new_template()
    qtbot.keyClicks(first.editorView.messageEdit, "typed before the crash")
    with qtbot.waitSignal(first.libraryController.saved, timeout=3000):
        pass
    # The first window is never closed (a crash): a second one on the same data home.
    with TemplateLibrary() as library:
        messages = [t.message for t in library.list_templates()]
    assert "typed before the crash" in messages
    second = open_window(qtbot)
    assert any(
        second.library.get(second.libraryController.model.index(r, 0).data(256)).message
        == "typed before the crash"
        for r in range(second.libraryController.model.rowCount())
    )


def test_switching_template_saves_at_once(window: MainWindow, qtbot: QtBot) -> None:
    first_id = window.libraryController.current_id
    window.editorView.headerEdit.setText("changed header")
    window.libraryView.templateList.setCurrentIndex(window.libraryController.model.index(1, 0))
    assert window.libraryController.current_id != first_id
    assert window.library.get(first_id).header == "changed header"


def test_geometry_splitters_and_last_template_are_remembered(qtbot: QtBot, open_window) -> None:
    first = open_window(qtbot)
    first.libraryView.templateList.setCurrentIndex(first.libraryController.model.index(2, 0))
    chosen = first.libraryController.current_id
    first.splitter.setSizes([300, 560, 420])
    sizes = first.splitter.sizes()
    first.close()
    second = open_window(qtbot)
    assert second.libraryController.current_id == chosen
    assert second.settings.splitter_sizes["main"] == sizes
    assert second.settings.window_geometry
    # The offscreen test screen is small, so restoreGeometry shrinks the window and the
    # stretching editor column absorbs it; the sidebar and the preview keep their sizes.
    restored = second.splitter.sizes()
    assert (restored[0], restored[2]) == (sizes[0], sizes[2])


def test_history_restores_an_earlier_version(window: MainWindow, monkeypatch) -> None:
    from olchat_desktop.ui import history_dialog

    original = window.editor.template().header
    window.editorView.headerEdit.setText("second version")
    window.libraryController.save_now()
    dialog = history_dialog.HistoryDialog(
        window.library, window.libraryController.current_id, window
    )
    assert dialog.versionList.count() >= 2
    dialog.versionList.setCurrentRow(1)  # the version before "second version"
    assert "second version" not in dialog.versionText.toPlainText()
    dialog.restore_selected()
    assert dialog.restored
    window.libraryController.reload_current()
    assert window.editorView.headerEdit.text() == original


def test_send_button_opens_the_send_paths_explanation(window: MainWindow, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    # The app wires the send dialog (issue 6); without it the paths are explained instead.
    monkeypatch.setattr(window, "send_dialog_factory", None)
    window.sideView.sendTestButton.click()
    assert shown and "OLChat REST" in shown[0] and "business process" in shown[0]
    window.windowActions.sendAction.trigger()
    assert len(shown) == 2


def test_close_saves_unsaved_edits(qtbot: QtBot, open_window) -> None:
    win = open_window(qtbot)
    template_id = win.libraryController.current_id
    win.editorView.footerEdit.setText("saved on close")
    win.close()
    QApplication.processEvents()
    with TemplateLibrary() as library:
        assert library.get(template_id).footer == "saved on close"
