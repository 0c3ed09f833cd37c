"""Languages: restart-free switching of the main window and Settings, and both languages
rendered to PNG without clipped labels. The catalogue's completeness is
tests/test_translations.py; every other window and dialog is test_live_language.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from olchat_desktop.app import build_main_window
from olchat_desktop.ui import i18n
from olchat_desktop.ui.main_window import MainWindow


def open_window(qtbot: QtBot, lang: str) -> MainWindow:
    win = build_main_window(["--lang", lang])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_language_switch_without_restart(qtbot: QtBot) -> None:
    win = open_window(qtbot, "en")
    labels = win.editorView.labels
    assert labels["header"].text() == "&Header"
    assert win.libraryView.newButton.text() == "New"
    i18n.install_language("ru")
    # Qt posts LanguageChange to each window; the window retranslates when it arrives.
    qtbot.waitUntil(lambda: labels["header"].text() == "&Заголовок")
    assert labels["message"].text() == "&Сообщение"
    assert win.editorView.waitForReplyCheck.text() == "&Ожидать ответ сообщения"
    assert win.libraryView.newButton.text() == "Создать"
    assert win.windowActions.fileMenu.title() == "&Шаблон"
    i18n.install_language("en")
    qtbot.waitUntil(lambda: labels["header"].text() == "&Header")


def test_settings_dialog_switches_and_remembers_language(qtbot: QtBot) -> None:
    from olchat_desktop.storage.settings import SettingsStore
    from olchat_desktop.ui.settings_dialog import SettingsDialog

    win = open_window(qtbot, "en")
    dialog = SettingsDialog(win)
    qtbot.addWidget(dialog)
    dialog.languageCombo.setCurrentIndex(dialog.languageCombo.findData("ru"))
    assert i18n.current_language() == "ru"
    qtbot.waitUntil(lambda: win.editorView.labels["footer"].text() == "&Подпись")
    assert dialog.windowTitle() == "Настройки"
    assert SettingsStore().load().language == "ru"
    dialog.languageCombo.setCurrentIndex(dialog.languageCombo.findData("en"))
    qtbot.waitUntil(lambda: win.editorView.labels["footer"].text() == "&Footer")


def test_problem_messages_follow_the_language(qtbot: QtBot) -> None:
    win = open_window(qtbot, "en")
    win.libraryController.new_template()
    texts_en = [win.sideView.problemsList.item(r).text() for r in range(2)]
    i18n.install_language("ru")
    qtbot.waitUntil(lambda: win.sideView.problemsList.item(0).text() != texts_en[0])
    texts_ru = [win.sideView.problemsList.item(r).text() for r in range(2)]
    assert any(ch in "абвгдежзиклмнопрстуфхцчшщыэюя" for ch in texts_ru[0].lower())
    i18n.install_language("en")


def clipped_widgets(win: MainWindow) -> list[str]:
    """Labels, buttons and check boxes narrower than their text needs."""
    clipped = []
    for widget in win.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        if widget.width() < widget.minimumSizeHint().width():
            clipped.append(f"{widget.objectName() or type(widget).__name__}: {widget.text()!r}")
    return clipped


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_renders_to_png_without_clipped_text(
    qtbot: QtBot, tmp_path: Path, lang: str, theme: str
) -> None:
    win = open_window(qtbot, lang)
    win.apply_theme(theme)
    assert clipped_widgets(win) == []
    target = tmp_path / f"main-{theme}-{lang}.png"
    assert win.grab().save(str(target))
    image = win.grab().toImage()
    assert (image.width(), image.height()) == (win.width(), win.height())
    assert target.stat().st_size > 10_000


def test_a_window_of_its_own_follows_a_switch_and_live_texts_keep_the_latest(
    qtbot: QtBot,
) -> None:
    """``install_language`` reaches a top-level dialog with no parent (not a child of the
    main window), and a LiveTexts label shows the text it was last given, remade in the
    new language, not an older one."""
    from PySide6.QtWidgets import QDialog

    i18n.install_language("ru")
    dialog = QDialog()
    qtbot.addWidget(dialog)
    live = i18n.LiveTexts(dialog)
    label = QLabel(dialog)
    live.bind(dialog.setWindowTitle, lambda: i18n.ui_text("Settings"))
    live.set(label, lambda: i18n.ui_text("Cancelled."))
    live.set(label, lambda: i18n.ui_text("Saved."))
    assert (dialog.windowTitle(), label.text()) == ("Настройки", "Сохранено.")
    i18n.install_language("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings")
    assert label.text() == "Saved."
