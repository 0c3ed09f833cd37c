"""Opening the send dialog from the main window: it speaks the window's current language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.app import build_main_window
from olchat_desktop.ui import i18n
from olchat_desktop.ui.send.send_view import SendView

pytestmark = pytest.mark.integration


def test_the_dialog_follows_the_language_the_window_shows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[dict[str, str]] = []

    def show_instead_of_exec(view: SendView) -> int:
        shown.append(
            {
                "title": view.windowTitle(),
                "send": view.sendButton.text(),
                "recipient": view.recipientLabel.text(),
                "path": view.pathExplanation.text(),
            }
        )
        return 0

    monkeypatch.setattr(SendView, "exec", show_instead_of_exec)
    window = build_main_window(["--lang", "ru", "--demo"])
    qtbot.addWidget(window)
    try:
        window.windowActions.open_send_dialog()
        i18n.install_language("en")  # switched in the running app, no restart
        window.windowActions.open_send_dialog()
        i18n.install_language("ru")
        window.windowActions.open_send_dialog()
    finally:
        i18n.install_language("en")
    russian, english, russian_again = shown
    assert russian["title"] == "Тестовая отправка" and russian["send"] == "Отправить"
    assert russian["recipient"] == "Получатель:"
    assert english["title"] == "Send a test" and english["send"] == "Send"
    assert english["recipient"] == "Recipient:"
    assert "TEXT" in english["path"] and "ТЕКСТ" not in english["path"]
    assert russian_again == russian


def test_history_opens_the_template_as_sent_as_a_library_copy(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from olchat_desktop.core.template import Template
    from olchat_desktop.send.history import HistoryEntry, SendHistory
    from olchat_desktop.ui.send.history_view import SendHistoryDialog

    window = build_main_window(["--lang", "en", "--demo"])
    qtbot.addWidget(window)
    sent = Template(name="Акция", message="Скидка 10%", buttons=["Хочу"])
    SendHistory().record(HistoryEntry.start("s-1", "olchat", "Линия", "79161000002", sent))

    def choose_first_and_open(dialog: SendHistoryDialog) -> int:
        dialog.table.selectRow(0)
        dialog.openButton.click()
        return int(dialog.result())

    monkeypatch.setattr(SendHistoryDialog, "exec", choose_first_and_open)
    window.windowActions.open_send_history()
    [copy] = [t for t in window.library.list_templates() if t.name == "Акция (sent)"]
    assert copy.id != sent.id and copy.message == "Скидка 10%"
    assert window.libraryController.current_id == copy.id
