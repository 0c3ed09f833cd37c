"""Help menu: About (version, data home, licences), keyboard shortcuts, icons; both
dialogs rendered to PNG in Russian and English without clipped text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from olchat_desktop import __version__
from olchat_desktop.app import build_main_window
from olchat_desktop.licenses import BUNDLED_LIBRARIES, UNKNOWN_VERSION, installed_version
from olchat_desktop.paths import data_home
from olchat_desktop.ui import i18n, icons, window_icons
from olchat_desktop.ui.about_dialog import AboutDialog
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.shortcuts_dialog import ShortcutsDialog, collect_shortcuts

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def open_window(qtbot: QtBot, lang: str = "en") -> MainWindow:
    win = build_main_window(["--lang", lang])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def clipped(dialog: QWidget) -> list[str]:
    """Visible labels and buttons narrower than their text needs."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        if widget.width() < widget.minimumSizeHint().width():
            found.append(f"{widget.objectName() or type(widget).__name__}: {widget.text()!r}")
    return found


def test_about_shows_version_data_home_and_every_licence(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    dialog = AboutDialog(win)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.versionLabel.text()
    assert str(data_home()) in dialog.dataHomeLabel.text()
    table = dialog.librariesTable
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    expected = {
        "PySide6 / Qt": "LGPLv3",
        "httpx": "BSD-3-Clause",
        "pydantic": "MIT",
        "keyring": "MIT",
        "platformdirs": "MIT",
        "regex": "Apache-2.0",
        "Python": "PSF",
    }
    assert {name: licence for name, (_v, licence) in rows.items()} == expected
    # In the dev environment every library has metadata, so none falls back to "—".
    assert all(version != UNKNOWN_VERSION and version[0].isdigit() for version, _ in rows.values())
    import httpx

    assert rows["httpx"][0] == httpx.__version__


def test_version_falls_back_without_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    by_name = {library.name: library for library in BUNDLED_LIBRARIES}
    assert installed_version(by_name["httpx"]) == UNKNOWN_VERSION
    assert installed_version(by_name["Python"])[0].isdigit()


def test_help_menu_is_last_and_opens_dialogs(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    win = open_window(qtbot)
    menus = [action.menu() for action in win.menuBar().actions()]
    assert menus[-1] is win.helpMenu
    assert win.helpMenu.shortcutsAction.shortcut() == QKeySequence("F1")
    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self.objectName()) or 0)
    win.helpMenu.aboutAction.trigger()
    # F1 goes through Qt's shortcut map, which needs the window active.
    message = win.editorView.messageEdit
    message.setFocus()
    qtbot.waitUntil(message.hasFocus)
    qtbot.keyClick(message, Qt.Key.Key_F1)
    assert opened == ["aboutDialog", "shortcutsDialog"]
    i18n.install_language("ru")
    qtbot.waitUntil(lambda: win.helpMenu.title() == "Спр&авка")
    assert win.helpMenu.shortcutsAction.text() == "&Комбинации клавиш…"
    i18n.install_language("en")


def test_shortcuts_list_send_grouped_by_menu_and_filter(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    groups = {group.title: group for group in collect_shortcuts(win)}
    send_keys = QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
    message = {entry.text: entry.keys for entry in groups["Message"].entries}
    assert message["Send test"] == send_keys
    bold_keys = QKeySequence(QKeySequence.StandardKey.Bold).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert message["Bold (*text*)"] == bold_keys  # glyph "B" is named by its status tip
    assert "Keyboard shortcuts" in {entry.text for entry in groups["Help"].entries}
    listed = {id(entry.action) for group in groups.values() for entry in group.entries}
    with_keys = [a for a in win.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert {id(a) for a in with_keys} <= listed  # nothing with a shortcut is left out

    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    everything = dialog.visible_entries()
    assert ("Send test", send_keys) in everything
    qtbot.keyClicks(dialog.searchEdit, "send")
    filtered = dialog.visible_entries()
    assert ("Send test", send_keys) in filtered
    assert 0 < len(filtered) < len(everything)
    assert all("send" in text.lower() for text, _keys in filtered)
    dialog.searchEdit.setText("F1")
    assert dialog.visible_entries() == [("Keyboard shortcuts", "F1")]
    dialog.searchEdit.clear()
    assert dialog.visible_entries() == everything


def test_shortcuts_follow_a_new_action(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    extra = win.windowActions.fileMenu.addAction("Brand new thing")
    extra.setShortcut(QKeySequence("Ctrl+Alt+B"))
    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    assert any(text == "Brand new thing" for text, _ in dialog.visible_entries())


@pytest.mark.parametrize("name", icons.action_icon_names())
def test_every_action_icon_loads(qtbot: QtBot, name: str) -> None:
    icon = icons.icon(name)
    assert not icon.isNull()
    # 48 px from a 24 px viewBox: a bitmap icon engine never scales up, the SVG one renders.
    image = icon.pixmap(QSize(48, 48)).toImage()
    assert image.width() == 48
    hidpi = icon.pixmap(QSize(24, 24), 2.0)
    assert (hidpi.width(), hidpi.devicePixelRatio()) == (48, 2.0)
    # Something is drawn: not every pixel is transparent.
    assert any(image.pixelColor(x, y).alpha() > 0 for x in range(48) for y in range(48))


def test_window_and_actions_have_icons(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    assert not win.windowIcon().isNull()
    assert not icons.app_icon().pixmap(QSize(256, 256)).isNull()
    assert len(icons.action_icon_names()) >= 13
    for action in (
        *win.editorView.formatActions,
        win.windowActions.sendAction,
        win.windowActions.newAction,
    ):
        assert not action.icon().isNull()
        assert action.text()  # text stays for accessibility
    assert win.editorView.boldAction.text() == "B"


def show_and_check(qtbot: QtBot, dialog: QDialog, path: Path) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped(dialog) == []
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 5_000


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_dialogs_render_without_clipping(qtbot: QtBot, tmp_path: Path, lang: str) -> None:
    win = open_window(qtbot, lang)
    about = AboutDialog(win)
    table = about.librariesTable
    show_and_check(qtbot, about, tmp_path / f"about-{lang}.png")
    assert table.verticalScrollBar().isVisible() is False
    assert table.viewport().width() >= table.horizontalHeader().length()
    shortcuts = ShortcutsDialog(win)
    show_and_check(qtbot, shortcuts, tmp_path / f"shortcuts-{lang}.png")
    if lang == "ru":
        assert shortcuts.windowTitle() == "Комбинации клавиш"
    if os.environ.get("OLCHAT_SAVE_SCREENSHOTS"):  # refresh docs/screenshots on demand
        suffix = "" if lang == "en" else f"-{lang}"
        about.grab().save(str(SCREENSHOTS / f"about{suffix}.png"))
        shortcuts.grab().save(str(SCREENSHOTS / f"shortcuts{suffix}.png"))
    i18n.install_language("en")


def test_emoji_button_shows_its_icon_and_falls_back_to_an_emoji(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = open_window(qtbot)
    button = win.editorView.emojiButton
    # The icon only: measuring an emoji text would load the colour emoji font at start-up.
    assert not button.icon().isNull() and button.text() == ""
    assert button.accessibleName()
    monkeypatch.setattr(icons, "icon", lambda name: QIcon())
    window_icons.apply_action_icons(win)
    assert button.text() == "😊"
