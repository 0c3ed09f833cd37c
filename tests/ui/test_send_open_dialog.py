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
        window.actions.open_send_dialog()
        i18n.install_language("en")  # switched in the running app, no restart
        window.actions.open_send_dialog()
        i18n.install_language("ru")
        window.actions.open_send_dialog()
    finally:
        i18n.install_language("en")
    russian, english, russian_again = shown
    assert russian["title"] == "Тестовая отправка" and russian["send"] == "Отправить"
    assert russian["recipient"] == "Получатель:"
    assert english["title"] == "Send a test" and english["send"] == "Send"
    assert english["recipient"] == "Recipient:"
    assert "TEXT" in english["path"] and "ТЕКСТ" not in english["path"]
    assert russian_again == russian
