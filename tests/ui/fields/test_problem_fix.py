"""One-click fix of ``unknown_field`` in the problems list: replaces the expression in its
field, undoable like typing; only offered with a portal's catalogue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from olchat_desktop.ui.controllers.problems import CODE_ROLE, FIX_ROLE
from olchat_desktop.ui.main_window import MainWindow

from .conftest import type_text


def _fix_row_for(window: MainWindow, expression: str) -> int:
    view = window.sideView.problemsList
    for row in window.problems.fix_rows():
        if expression in view.item(row).text():
            return row
    raise AssertionError(f"no fix row for {expression}")


def test_fix_row_replaces_the_expression_and_undo_restores_it(
    portal_window: MainWindow, qtbot: QtBot
) -> None:
    window = portal_window
    window.libraryController.new_template()
    view = window.sideView.problemsList
    type_text(window.editorView.headerEdit, "Визит {{Сумма предоплатыы}}")
    type_text(window.editorView.messageEdit, "Ваш филиал: {{филиал}}, ждём!")
    codes = [view.item(r).data(CODE_ROLE) for r in range(view.count())]
    assert codes.count("unknown_field") == 2
    row = _fix_row_for(window, "{{филиал}}")
    # The fix row sits right under its problem and names the replacement.
    assert view.item(row - 1).data(CODE_ROLE) == "unknown_field"
    assert "{{Филиал}}" in view.item(row).text()
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: "{{Филиал}}" in window.editor.draft().message)
    assert window.editor.draft().message == "Ваш филиал: {{Филиал}}, ждём!"
    assert window.editorView.messageEdit.hasFocus()
    codes = [view.item(r).data(CODE_ROLE) for r in range(view.count())]
    assert codes.count("unknown_field") == 1  # the header's is left
    # Undo in the field takes the fix back, as after typing; the warning returns.
    window.editorView.messageEdit.undo()
    assert window.editor.draft().message == "Ваш филиал: {{филиал}}, ждём!"
    codes = [view.item(r).data(CODE_ROLE) for r in range(view.count())]
    assert codes.count("unknown_field") == 2


def test_keyboard_enter_on_a_fix_row_fixes_a_line_edit(
    portal_window: MainWindow, qtbot: QtBot
) -> None:
    window = portal_window
    window.libraryController.new_template()
    header = window.editorView.headerEdit
    type_text(header, "{{Сумма предоплатыы}} и {{Сумма предоплатыы}}")
    view = window.sideView.problemsList
    view.setFocus()
    view.setCurrentRow(_fix_row_for(window, "{{Сумма предоплатыы}}"))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "ыы" not in window.editor.draft().header)
    # Every occurrence in the field, in one undo step.
    assert window.editor.draft().header == "{{Сумма предоплаты}} и {{Сумма предоплаты}}"
    header.undo()
    assert window.editor.draft().header == "{{Сумма предоплатыы}} и {{Сумма предоплатыы}}"


def test_no_unknown_field_warning_without_a_portal_catalogue(window: MainWindow) -> None:
    window.windowActions.catalogues.shutdown()
    window.editor.set_catalogue(None)
    window.libraryController.new_template()
    type_text(window.editorView.messageEdit, "{{Совсем неизвестное поле}}")
    view = window.sideView.problemsList
    assert "unknown_field" not in [view.item(r).data(CODE_ROLE) for r in range(view.count())]
    assert window.problems.fix_rows() == []
    assert all(view.item(r).data(FIX_ROLE) is None for r in range(view.count()))
