"""The seams between the pieces, as a user crosses them: connections saved the way the
Connections dialog saves them, then the main window's send dialog (not demo mode) sends
through those saved profiles, and the history records it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.app import build_main_window
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.core.template import Template
from olchat_desktop.send.history import SendHistory
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secret_store_factory import shared_secret_store
from olchat_desktop.ui.send.send_view import SendView

pytestmark = pytest.mark.integration


def save_template() -> None:
    with TemplateLibrary() as library:
        library.save(
            Template(
                name="Отзыв",
                header="Как прошёл визит?",
                message="{{Имя}}, оцените нас, пожалуйста",
                buttons=["Понравилось", "Не понравилось"],
                samples={"{{Имя}}": "Анна"},
            )
        )


def save_connections(sandbox) -> None:
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    service = ConnectionService(profiles)
    service.save_webhook_portal("Продажи", sandbox.webhook_url("admin"))
    service.save_line("Линия продаж", sandbox.olchat_base_url, sandbox.olchat.connected_token)


def test_saved_line_sends_from_the_main_window_and_lands_in_history(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, sandbox
) -> None:
    save_connections(sandbox)
    save_template()
    seen: dict[str, object] = {}

    def drive(view: SendView) -> int:
        view.olchatRadio.click()
        names = [view.connectionCombo.itemText(i) for i in range(view.connectionCombo.count())]
        seen["connections"] = names
        view.connectionCombo.setCurrentIndex(names.index("Линия продаж"))
        view.recipientCombo.setEditText("+7 (999) 123-45-67")
        view.waitSpin.setValue(15)
        qtbot.waitUntil(view.sendButton.isEnabled, timeout=10_000)
        view.sendButton.click()
        qtbot.waitUntil(lambda: SendHistory().entries() != [] and view.sendButton.isEnabled(),
                        timeout=30_000)  # fmt: skip
        seen["result"] = view.resultLabel.text()
        return 0

    monkeypatch.setattr(SendView, "exec", drive)
    window = build_main_window(["--lang", "en"])  # profiles exist: not demo mode
    qtbot.addWidget(window)
    assert not window.demo
    window.windowActions.open_send_dialog()
    assert "Линия продаж" in seen["connections"]
    (entry,) = SendHistory().entries()
    assert entry.path == "olchat" and entry.connection == "Линия продаж"
    assert entry.result in {"delivered", "read"}
    assert entry.message_id and entry.message_id in str(seen["result"])
    assert "123-45-67" not in entry.recipient or "***" in entry.recipient
    window.windowActions.shutdown()
