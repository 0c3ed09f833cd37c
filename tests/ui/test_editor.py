"""The editor: counters, problems, samples, formatting aids and undo, typed like a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from olchat_desktop.core import limits
from olchat_desktop.ui.controllers.problems import CODE_ROLE, FIELD_ROLE
from olchat_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, open_window) -> MainWindow:
    win = open_window(qtbot)
    win.libraryController.new_template()
    return win


def problems_of(win: MainWindow) -> list[tuple[str, str]]:
    view = win.sideView.problemsList
    found = []
    for row in range(view.count()):
        item = view.item(row)
        if item.data(FIELD_ROLE):
            found.append((item.data(FIELD_ROLE), item.data(CODE_ROLE)))
    return found


LIMITED = [
    ("headerEdit", "headerCounter", limits.HEADER, "header"),
    ("footerEdit", "footerCounter", limits.FOOTER, "footer"),
    ("button1Edit", "button1Counter", limits.BUTTON, "buttons[0]"),
    ("button2Edit", "button2Counter", limits.BUTTON, "buttons[1]"),
    ("button3Edit", "button3Counter", limits.BUTTON, "buttons[2]"),
]


AMBER, RED = "#b26a00", "#d32f2f"


def shown_color(counter: QLabel) -> str:
    """The counter's text colour as painted (the style sheet sets it on repolish)."""
    return counter.palette().color(counter.foregroundRole()).name()


@pytest.mark.parametrize(("edit_name", "counter_name", "limit", "field"), LIMITED)
def test_typing_updates_counter_level_and_problems(
    window: MainWindow, qtbot: QtBot, edit_name: str, counter_name: str, limit: int, field: str
) -> None:
    edit = window.findChild(QLineEdit, edit_name)
    counter = window.findChild(object, counter_name)
    if field.startswith("buttons") and field != "buttons[0]":
        qtbot.keyClicks(window.editorView.buttonEdits[0], "Yes")  # keep earlier buttons set
    qtbot.keyClicks(edit, "Hello")
    edit.insert("!Ж")  # QTest types ASCII only; Cyrillic goes in as a paste would
    assert counter.text() == f"7/{limit}"
    assert counter.property("level") == "ok"
    assert shown_color(counter) not in (AMBER, RED)
    edit.setText("x" * (limit - 1))  # 95 % of 20 and 98 % of 60: amber
    assert counter.text() == f"{limit - 1}/{limit}"
    assert counter.property("level") == "near"
    assert shown_color(counter) == AMBER
    assert (field, "too_long") not in problems_of(window)
    qtbot.keyClicks(edit, "yz")
    assert counter.text() == f"{limit + 1}/{limit}"
    assert counter.property("level") == "over"
    assert shown_color(counter) == RED
    assert (field, "too_long") in problems_of(window)
    assert "graphemes" in counter.toolTip()


def test_message_counter_counts_code_points_and_emoji(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.editorView.messageEdit, "Hi ")
    window.editorView.messageEdit.insertPlainText("👍🏽")
    counter = window.editorView.messageCounter
    # 👍🏽 is two code points (the server's count) but one grapheme (the tooltip's).
    assert counter.text() == "5/1024"
    assert "4 visible characters" in counter.toolTip()
    assert ("message", "required") not in problems_of(window)


def test_empty_message_is_a_problem_and_clicking_it_focuses_the_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert ("message", "required") in problems_of(window)
    view = window.sideView.problemsList
    row = next(r for r in range(view.count()) if view.item(r).data(FIELD_ROLE) == "message")
    focused: list[str] = []
    window.problems.activated.connect(focused.append)
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert focused == ["message"]
    assert window.editor.widget_for_field("buttons[2]") is window.editorView.buttonEdits[2]
    qtbot.waitUntil(lambda: window.editorView.messageEdit.hasFocus())


def test_expression_without_sample_shows_plus_question_until_a_sample_is_set(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClicks(window.editorView.headerEdit, "Hello, ")
    window.editorView.headerEdit.insert("{{Имя}}!")
    counter = window.editorView.headerCounter
    assert counter.text() == "8+?/60"
    assert ("header", "may_exceed") in problems_of(window)
    assert window.editor.samples.sources() == ["{{Имя}}"]
    assert "no sample" in counter.toolTip()
    window.editor.samples.set_sample("{{Имя}}", "Анна")
    assert counter.text() == "12/60"
    assert ("header", "may_exceed") not in problems_of(window)
    assert window.editor.template().samples == {"{{Имя}}": "Анна"}


def test_undo_restores_text_and_counter(window: MainWindow, qtbot: QtBot) -> None:
    header = window.editorView.headerEdit
    qtbot.keyClicks(header, "Hello")
    header.setFocus()
    qtbot.keyClicks(header, " world")
    assert window.editorView.headerCounter.text() == "11/60"
    header.undo()
    header.undo()
    assert header.text() == ""
    assert window.editorView.headerCounter.text() == "0/60"
    assert window.editor.template().header == ""
    message = window.editorView.messageEdit
    qtbot.keyClicks(message, "abc")
    message.undo()
    assert window.editor.template().message == ""


def test_bold_wraps_selection_and_inserts_pair_without_selection(
    window: MainWindow, qtbot: QtBot
) -> None:
    message = window.editorView.messageEdit
    message.setPlainText("say hello now")
    cursor = message.textCursor()
    cursor.setPosition(3)  # " hello " with the spaces: they must stay outside the markers
    cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    message.setTextCursor(cursor)
    window.editorView.boldAction.trigger()
    assert message.toPlainText() == "say *hello* now"
    assert message.textCursor().selectedText() == "hello"
    message.undo()
    assert message.toPlainText() == "say hello now"

    message.setPlainText("")
    window.editorView.italicAction.trigger()
    qtbot.keyClicks(message, "x")
    assert message.toPlainText() == "_x_"
    assert window.editor.template().message == "_x_"


def test_ctrl_b_in_the_message_field(window: MainWindow, qtbot: QtBot) -> None:
    message = window.editorView.messageEdit
    message.setFocus()
    qtbot.waitUntil(message.hasFocus)
    qtbot.keyClick(message, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(message, "big")
    assert message.toPlainText() == "*big*"


def test_list_and_quote_prefix_lines_and_toggle_back(window: MainWindow) -> None:
    message = window.editorView.messageEdit
    message.setPlainText("one\ntwo")
    message.selectAll()
    window.editorView.numberedAction.trigger()
    assert message.toPlainText() == "1. one\n2. two"
    message.selectAll()
    window.editorView.numberedAction.trigger()
    assert message.toPlainText() == "one\ntwo"
    window.editorView.quoteAction.trigger()
    assert message.toPlainText().splitlines()[-1] == "> two"


def _pick_field(window: MainWindow, query: str) -> None:
    """Open the field picker, search, and insert the first match (Enter)."""
    picker = window.windowActions.insertField
    window.windowActions.insertFieldAction.trigger()
    picker.popup.searchEdit.setText(query)
    QTest.keyClick(picker.popup.searchEdit, Qt.Key.Key_Return)


def test_insert_field_and_emoji_go_to_the_last_edited_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    actions = window.windowActions
    qtbot.keyClicks(window.editorView.messageEdit, "Hi ")
    window.editorView.messageEdit.setFocus()
    qtbot.waitUntil(window.editorView.messageEdit.hasFocus)
    _pick_field(window, "first name")
    assert window.editor.template().message == "Hi {{Имя}}"
    actions.insertField.popup.codeRadio.click()
    _pick_field(window, "first name")
    assert window.editor.template().message == "Hi {{Имя}}{=Document:NAME}"
    assert window.settings.insert_field_form == "code"
    actions.emojiPicker.buttons[8].click()  # 👍
    assert window.editor.template().message.endswith("👍")
    # Both expressions now have rows in the samples table.
    assert window.editor.samples.sources() == ["{{Имя}}", "{=Document:NAME}"]


def test_field_picker_is_made_on_first_opening_with_the_built_in_list(
    window: MainWindow,
) -> None:
    picker = window.windowActions.insertField
    assert not picker.created  # not made at start-up
    catalogues = window.windowActions.catalogues
    catalogues.shutdown()
    assert catalogues.portal_catalogue is None
    picker.popup.searchEdit.setText("first name")
    assert picker.popup.current_field() is not None
    assert picker.popup.current_field().code == "NAME"  # type: ignore[union-attr]
    assert picker.popup.statusLabel.text().startswith("Built-in field list")


def test_wait_for_reply_shows_the_stage_warning(window: MainWindow, qtbot: QtBot) -> None:
    check = window.editorView.waitForReplyCheck
    assert not window.editorView.waitNote.isVisible()
    check.click()
    assert window.editor.template().wait_for_reply is True
    assert window.editorView.waitNote.isVisible()
    assert "stage" in window.editorView.waitNote.text()


def test_preview_re_renders_on_each_keystroke(window: MainWindow, qtbot: QtBot) -> None:
    preview = window.preview
    if not hasattr(preview, "grab_image"):
        pytest.skip("the WhatsApp preview widget is not installed")
    before = preview.grab_image()
    qtbot.keyClicks(window.editorView.headerEdit, "Hi")
    after_header = preview.grab_image()
    assert after_header != before
    qtbot.keyClicks(window.editorView.buttonEdits[0], "Ok")
    assert preview.grab_image() != after_header


def test_emoji_grid_is_built_on_first_open_only(window) -> None:
    picker = window.windowActions.emojiPicker
    assert picker._buttons == []  # nothing built at start-up
    picker.aboutToShow.emit()
    first = list(picker._buttons)
    assert len(first) > 8
    picker.aboutToShow.emit()
    assert picker._buttons == first  # built once
