"""Connections dialog: "Check again" on the not-persistent banner, and the demo sandbox."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from olchat_desktop.cancel import CancelToken
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.storage import keyring_backends
from olchat_desktop.storage import secrets as secrets_module
from olchat_desktop.storage.keyring_backends import backend_path
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secret_store_factory import shared_secret_store
from olchat_desktop.storage.secrets import StoreMode
from olchat_desktop.ui import i18n
from olchat_desktop.ui.connections.dialog import ConnectionsDialog
from olchat_desktop.ui.connections.portal_forms import WebhookPortalDialog
from olchat_desktop.ui.demo_sandbox import SandboxHolder
from tests.conftest import MemoryKeyring


@pytest.fixture
def keyring_switch(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """No keyring until the test flips ``on`` (a daemon started or unlocked later)."""
    state = {"on": False}
    real = keyring_backends.discover_backend
    monkeypatch.setattr(
        keyring_backends, "discover_backend", lambda: real() if state["on"] else None
    )
    return state


def service() -> ConnectionService:
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    return ConnectionService(profiles)


def test_check_again_finds_the_keyring_moves_secrets_and_remembers_it(
    qtbot: QtBot,
    keyring_switch: dict[str, bool],
    memory_keyring: MemoryKeyring,
    olchat_home: Path,
) -> None:
    connections = service()
    connections.secrets.set("p1", "olchat_token", "kept-in-memory")
    assert connections.secrets.mode is StoreMode.MEMORY
    dialog = ConnectionsDialog(connections)
    qtbot.addWidget(dialog)
    assert (
        not dialog.secretsBanner.bannerFrame.isHidden()
        and not dialog.secretsBanner.recheckButton.isHidden()
    )
    assert "not stored" in dialog.secretsBanner.locationLabel.text()

    qtbot.mouseClick(dialog.secretsBanner.recheckButton, Qt.MouseButton.LeftButton)  # still nothing
    qtbot.waitUntil(lambda: "Still no usable keyring" in dialog.taskRow.status.text())
    assert not dialog.secretsBanner.banner.isHidden()

    keyring_switch["on"] = True
    qtbot.mouseClick(dialog.secretsBanner.recheckButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.taskRow.status.text().startswith("Keyring found"))
    assert dialog.secretsBanner.banner.isHidden() and dialog.secretsBanner.bannerFrame.isHidden()
    assert dialog.secretsBanner.locationLabel.text().startswith("Where secrets are stored: in ")
    name = backend_path(memory_keyring)
    assert memory_keyring.passwords[(secrets_module.SERVICE_NAME, "p1:olchat_token")]
    settings = json.loads((olchat_home / "settings.json").read_text(encoding="utf-8"))
    assert settings["keyring_backend"] == name


@pytest.fixture
def demo_holder() -> Iterator[SandboxHolder]:
    holder = SandboxHolder()
    holder.start(CancelToken(), lambda _text: None)  # what demo mode runs off the GUI thread
    yield holder
    holder.stop()


def test_demo_sandbox_fills_the_webhook_form_and_saves(
    qtbot: QtBot, demo_holder: SandboxHolder
) -> None:
    connections = service()
    i18n.install_language("ru")
    dialog = ConnectionsDialog(connections, sandbox_holder=demo_holder)
    qtbot.addWidget(dialog)
    assert not dialog.demoButton.isHidden()  # nothing connected yet: demo mode
    form = dialog.demo_sandbox_form()
    assert form is not None
    qtbot.addWidget(form)
    assert form.webhookEdit.text() == demo_holder.sandbox.webhook_url("admin")
    assert form.saveButton.isEnabled()
    qtbot.keyClick(form.webhookEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.result_value is not None, timeout=10_000)
    dialog.refresh()
    assert [p.name for p in connections.profiles.portals] == ["Демо-песочница"]
    assert dialog.demoButton.isHidden()  # a portal exists: no longer offered


def test_demo_sandbox_not_running_is_explained(qtbot: QtBot) -> None:
    for holder in (None, SandboxHolder()):
        dialog = ConnectionsDialog(service(), sandbox_holder=holder)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.demoButton, Qt.MouseButton.LeftButton)
        assert "demo sandbox is not running" in dialog.taskRow.status.text()
        assert dialog.findChildren(WebhookPortalDialog) == []  # no form opened
