"""Opening template files from outside (issue 18): FileOpener as the command line, a
hand-off, a drop and Open recent drive it; real files, real library, real widgets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from olchat_desktop.core.fileformat import dumps_bundle, dumps_template
from olchat_desktop.core.template import Template
from olchat_desktop.ui.main_window import MainWindow

WAIT_MS = 10_000


def write_template(path: Path, name: str, message: str = "Здравствуйте!") -> Path:
    path.write_text(dumps_template(Template(name=name, message=message)), encoding="utf-8")
    return path


def count(window: MainWindow) -> int:
    return len(window.library.list_templates())


def refusal(qtbot: QtBot, window: MainWindow, *paths: str | Path) -> str:
    """Open ``paths``; return the refusal message shown (and close its box)."""
    with qtbot.waitSignal(window.fileOpener.refused, timeout=WAIT_MS) as blocker:
        window.fileOpener.open_paths(paths)
    box = window.findChild(QMessageBox, "openRefusedBox")
    assert box is not None and box.isVisible()
    assert box.text() == blocker.args[0]
    box.close()
    return str(blocker.args[0])


def test_a_new_template_file_is_imported_and_the_same_file_again_is_shown(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write_template(tmp_path / "Отзыв.olchat.json", "Отзыв о визите")
    before = count(window)
    with qtbot.waitSignal(window.fileOpener.imported, timeout=WAIT_MS) as blocker:
        window.fileOpener.open_paths([path])
    [template] = blocker.args[0]
    assert count(window) == before + 1
    assert window.libraryController.current_id == template.id
    assert window.editorView.nameEdit.text() == "Отзыв о визите"
    window.libraryController.open_template(None)  # look at another one
    with qtbot.waitSignal(window.fileOpener.shown, timeout=WAIT_MS) as shown:
        window.fileOpener.open_paths([path])
    assert shown.args == [template.id]
    assert count(window) == before + 1  # not copied
    assert window.libraryController.current_id == template.id
    assert window.settings.recent_files[0] == str(path)


def test_plain_json_and_relative_paths_open_too(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_template(tmp_path / "plain.json", "Простой JSON")
    monkeypatch.chdir(tmp_path)
    with qtbot.waitSignal(window.fileOpener.imported, timeout=WAIT_MS) as blocker:
        window.fileOpener.open_paths(["plain.json"])
    assert [t.name for t in blocker.args[0]] == ["Простой JSON"]


def test_a_bundle_asks_what_to_import_and_unchecks_what_is_there(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    existing = window.library.list_templates()[0]
    fresh = [Template(name="Новый 1", message="а"), Template(name="Новый 2", message="б")]
    bundle = tmp_path / "набор.olchat.json"
    bundle.write_text(dumps_bundle([existing, *fresh]), encoding="utf-8")
    before = count(window)
    window.fileOpener.open_paths([bundle])
    qtbot.waitUntil(lambda: window.fileOpener.bundleDialog is not None, timeout=WAIT_MS)
    dialog = window.fileOpener.bundleDialog
    assert dialog is not None and dialog.isVisible()
    states = [dialog.templateList.item(r).checkState() for r in range(3)]
    assert states == [Qt.CheckState.Unchecked, Qt.CheckState.Checked, Qt.CheckState.Checked]
    assert "already in the library" in dialog.templateList.item(0).text()
    dialog.templateList.item(2).setCheckState(Qt.CheckState.Unchecked)  # only "Новый 1"
    assert dialog.importButton.text() == "&Import 1"
    with qtbot.waitSignal(window.fileOpener.imported, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.importButton, Qt.MouseButton.LeftButton)
    assert [t.name for t in blocker.args[0]] == ["Новый 1"]
    assert count(window) == before + 1
    assert window.editorView.nameEdit.text() == "Новый 1"


def test_a_cancelled_bundle_imports_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bundle = tmp_path / "b.olchat.json"
    bundle.write_text(dumps_bundle([Template(name="X", message="x")]), encoding="utf-8")
    before = count(window)
    window.fileOpener.open_paths([bundle])
    qtbot.waitUntil(lambda: window.fileOpener.bundleDialog is not None, timeout=WAIT_MS)
    assert window.fileOpener.bundleDialog is not None
    with qtbot.waitSignal(window.fileOpener.idle, timeout=WAIT_MS):
        window.fileOpener.bundleDialog.reject()
    assert count(window) == before


def test_bad_input_gets_a_specific_message_and_imports_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    before = count(window)
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else"}', encoding="utf-8")
    assert "not an OLChat Desktop template file" in refusal(qtbot, window, other)
    broken = tmp_path / "broken.olchat.json"
    broken.write_bytes(b'{"format": "olchat-button-template", "name": "\xff')
    assert "not UTF-8" in refusal(qtbot, window, broken)
    folder = tmp_path / "a folder"
    folder.mkdir()
    assert "is a folder" in refusal(qtbot, window, folder)
    assert "does not exist" in refusal(qtbot, window, tmp_path / "gone.olchat.json")
    # 500 MB (sparse: no disk used) is refused from its size, before any reading.
    huge = tmp_path / "huge.olchat.json"
    with huge.open("wb") as file:
        file.truncate(500 * 1024 * 1024)
    message = refusal(qtbot, window, huge)
    assert "too large" in message and "500 MB" in message
    assert count(window) == before


def test_messages_follow_the_interface_language(qtbot: QtBot, open_window, tmp_path: Path) -> None:
    window = open_window(qtbot, "--lang", "ru")
    folder = tmp_path / "папка"
    folder.mkdir()
    assert "это папка" in refusal(qtbot, window, folder)


def _drop(qtbot: QtBot, target: QWidget, mime: QMimeData) -> QDropEvent:
    window = target.window()
    assert isinstance(window, MainWindow)
    # The scroll areas' viewports are watched once the first frame is out (DEFER_MS).
    qtbot.waitUntil(lambda: window.fileDrops.complete, timeout=WAIT_MS)
    point = QPointF(target.rect().center())
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(point.toPoint()), actions, mime, buttons, modifiers)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, actions, mime, buttons, modifiers)
    QApplication.sendEvent(target, drop)
    return drop


def test_files_dropped_on_the_list_or_the_editor_are_opened(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    one = write_template(tmp_path / "one.olchat.json", "Первый")
    two = write_template(tmp_path / "two.olchat.json", "Второй", "другой текст")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(one)), QUrl.fromLocalFile(str(two))])
    names: list[str] = []
    window.fileOpener.imported.connect(lambda templates: names.extend(t.name for t in templates))
    with qtbot.waitSignal(window.fileOpener.idle, timeout=WAIT_MS):
        drop = _drop(qtbot, window.libraryView.templateList.viewport(), mime)
    assert drop.isAccepted()
    assert names == ["Первый", "Второй"]
    # On the message field a file drop opens the file instead of pasting its URL.
    three = write_template(tmp_path / "three.olchat.json", "Третий", "ещё текст")
    mime3 = QMimeData()
    mime3.setUrls([QUrl.fromLocalFile(str(three))])
    edit = window.editorView.messageEdit
    with qtbot.waitSignal(window.fileOpener.imported, timeout=WAIT_MS):
        _drop(qtbot, edit.viewport(), mime3)
    assert window.editorView.nameEdit.text() == "Третий"
    assert "file://" not in edit.toPlainText()


def test_a_text_drag_is_left_to_the_field(qtbot: QtBot, window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("просто текст")
    edit = window.editorView.messageEdit
    enter = QDragEnterEvent(
        edit.viewport().rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert window.fileDrops.eventFilter(edit.viewport(), enter) is False
    assert not window.fileOpener.busy


def test_a_dropped_folder_and_a_non_utf8_file_name(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    with qtbot.waitSignal(window.fileOpener.refused, timeout=WAIT_MS) as blocker:
        _drop(qtbot, window, mime)
    assert "is a folder" in blocker.args[0]
    window.findChild(QMessageBox, "openRefusedBox").close()
    # A Latin-1 file name: not UTF-8. The uri-list keeps the bytes percent-encoded.
    raw_name = b"\xd0\x9e\xd1\x82-caf\xe9.olchat.json"  # "От-caf" + Latin-1 "é"
    raw_path = os.fsencode(tmp_path) + b"/" + raw_name
    with open(raw_path, "wb") as file:
        file.write(dumps_template(Template(name="Латиница", message="café")).encode())
    mime = QMimeData()
    folder_url = bytes(QUrl.fromLocalFile(str(tmp_path)).toEncoded().data())
    mime.setData("text/uri-list", folder_url + b"/%D0%9E%D1%82-caf%E9.olchat.json\r\n")
    with qtbot.waitSignal(window.fileOpener.imported, timeout=WAIT_MS) as imported:
        _drop(qtbot, window, mime)
    assert [t.name for t in imported.args[0]] == ["Латиница"]
    # Shown with a replacement mark; kept out of the (UTF-8 JSON) recent list.
    assert all("caf" not in p for p in window.settings.recent_files)
    window.fileOpener.open_paths([os.fsdecode(raw_path) + ".missing"])
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "openRefusedBox") is not None)
    box = window.findChild(QMessageBox, "openRefusedBox")
    assert "От-caf\ufffd.olchat.json.missing" in box.text()
    box.close()


def test_open_recent_lists_files_and_reopens_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write_template(tmp_path / "a&b.olchat.json", "Недавний")
    with qtbot.waitSignal(window.fileOpener.imported, timeout=WAIT_MS):
        window.fileOpener.open_paths([path])
    menu = window.recentFiles
    menu.rebuild()
    entries = [a for a in menu.menu.actions() if a.toolTip() == str(path)]
    assert len(entries) == 1 and entries[0].text() == "&1 a&&b.olchat.json"
    window.libraryController.open_template(None)
    with qtbot.waitSignal(window.fileOpener.shown, timeout=WAIT_MS):
        entries[0].trigger()
    assert window.editorView.nameEdit.text() == "Недавний"
    # A file that has gone leaves the list once chosen.
    path.unlink()
    assert "does not exist" in refusal(qtbot, window, path)
    assert str(path) not in window.settings.recent_files
    menu.clearAction.trigger()
    assert window.settings.recent_files == []
