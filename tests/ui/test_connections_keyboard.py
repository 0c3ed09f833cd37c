"""Keyboard alone in the OAuth and OLChat line dialogs: tab order, Return, Escape."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secret_store_factory import shared_secret_store
from olchat_desktop.ui.connections.line_form import OlchatLineDialog
from olchat_desktop.ui.connections.oauth_form import OAuthPortalDialog


@pytest.fixture
def service() -> ConnectionService:
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    return ConnectionService(profiles)


def tab_chain(start: Any, count: int) -> list[str]:
    """Object names Tab visits from ``start`` (offscreen focus is unreliable: qt_anchors §5)."""
    names, widget = [], start
    for _ in range(count):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled()):
            widget = widget.nextInFocusChain()
        names.append(widget.objectName() or type(widget).__name__)
    return names


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill_oauth(dialog: OAuthPortalDialog, qtbot: QtBot, portal: str, cid: str, secret: str) -> None:
    qtbot.keyClicks(dialog.nameEdit, "By keyboard")
    qtbot.keyClicks(dialog.portalEdit, portal)
    qtbot.keyClicks(dialog.clientIdEdit, cid)
    qtbot.keyClicks(dialog.secretEdit, secret)


def test_oauth_tab_order_follows_the_form(qtbot: QtBot, service: ConnectionService) -> None:
    dialog = shown(qtbot, OAuthPortalDialog(service))
    fill_oauth(dialog, qtbot, "acme.bitrix24.ru", "local.abc.def", "s" * 20)
    dialog.codeEdit.setText("code")
    assert tab_chain(dialog.nameEdit, 8) == [
        "portalEdit",
        "clientIdEdit",
        "clientSecretEdit",
        "codeEdit",
        "caBundleEdit",
        "caBrowseButton",
        "signInButton",
        "useCodeButton",
    ]
    # Every field label has a mnemonic that focuses its field.
    for field in (dialog.nameEdit, dialog.portalEdit, dialog.clientIdEdit, dialog.secretEdit):
        buddies = [label for label in dialog.findChildren(type(dialog.resultLabel))
                   if label.buddy() is field]  # fmt: skip
        assert buddies and "&" in buddies[0].text()


def test_oauth_return_signs_in_and_escape_cancels_the_wait(
    qtbot: QtBot, service: ConnectionService, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    dialog = shown(qtbot, OAuthPortalDialog(service))
    fill_oauth(dialog, qtbot, "127.0.0.1:9", "local.abc.def", "s" * 20)
    qtbot.keyClick(dialog.secretEdit, Qt.Key.Key_Return)  # Return = the default: Sign in
    assert len(opened) == 1 and "/oauth/authorize/" in opened[0]
    assert dialog.isVisible()  # Return used to fall through to Close, ending the wait
    assert dialog.taskRow.busy and dialog.listener is not None
    qtbot.keyClick(dialog.secretEdit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert not dialog.taskRow.busy and dialog.listener is None  # the loopback wait ended


def test_oauth_return_in_the_code_field_uses_the_code_not_the_browser(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    dialog = shown(qtbot, OAuthPortalDialog(service))
    fill_oauth(dialog, qtbot, sandbox.base_url, sandbox.oauth_client_id, "")
    dialog.secretEdit.setText(sandbox.oauth_client_secret)
    qtbot.keyClick(dialog.codeEdit, Qt.Key.Key_Return)  # empty code: nothing happens
    assert opened == [] and not dialog.taskRow.busy
    dialog.codeEdit.setText(sandbox.issue_oauth_code())
    qtbot.keyClick(dialog.codeEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10_000)
    assert opened == []
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert service.profiles.portals[0].name == "By keyboard"


def test_line_dialog_keyboard_only(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox
) -> None:
    dialog = shown(qtbot, OlchatLineDialog(service, default_base_url=sandbox.olchat_base_url))
    qtbot.keyClicks(dialog.nameEdit, "Sales")
    qtbot.keyClicks(dialog.tokenEdit, sandbox.olchat.connected_token)
    assert tab_chain(dialog.nameEdit, 6) == [
        "tokenEdit",
        "baseUrlEdit",
        "linePhoneEdit",
        "portalCombo",
        "testButton",
        "saveButton",
    ]
    qtbot.keyClick(dialog.tokenEdit, Qt.Key.Key_Return)  # Return = the default: Save
    assert dialog.saveButton.isDefault() and not dialog.testButton.isDefault()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [line.name for line in service.profiles.lines] == ["Sales"]


def test_line_dialog_return_with_bad_input_does_nothing_and_escape_closes(
    qtbot: QtBot, service: ConnectionService
) -> None:
    dialog = shown(qtbot, OlchatLineDialog(service))
    qtbot.keyClick(dialog.nameEdit, Qt.Key.Key_Return)  # no name, no token: not saved
    assert dialog.isVisible() and not dialog.taskRow.busy and dialog.saved is None
    assert dialog.nameHint.text()  # says what is missing
    qtbot.keyClick(dialog.phoneEdit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert service.profiles.lines == ()
