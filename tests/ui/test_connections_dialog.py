"""Connections UI against the sandbox: keyboard-only forms, OAuth sign-in, banner, remove."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.storage import keyring_backends
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secrets import SecretStore
from olchat_desktop.ui import i18n
from olchat_desktop.ui.connections.dialog import ConnectionsDialog
from olchat_desktop.ui.connections.line_form import OlchatLineDialog
from olchat_desktop.ui.connections.oauth_form import OAuthPortalDialog
from olchat_desktop.ui.connections.portal_forms import WebhookPortalDialog


@pytest.fixture
def service() -> ConnectionService:
    profiles = ProfileStore(SecretStore())
    profiles.load()
    return ConnectionService(profiles)


def next_focusable(widget: Any) -> Any:
    """The widget Tab moves to (offscreen focus itself is unreliable: qt_anchors §5)."""
    candidate = widget.nextInFocusChain()
    while not (candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isEnabled()):
        candidate = candidate.nextInFocusChain()
    return candidate


def test_webhook_form_keyboard_only_live_validation_and_save(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox
) -> None:
    dialog = WebhookPortalDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.nameEdit, "Main portal")
    assert next_focusable(dialog.nameEdit) is dialog.webhookEdit  # tab order = form order
    assert next_focusable(dialog.webhookEdit) is dialog.caEdit
    qtbot.keyClicks(dialog.webhookEdit, "http://acme.bitrix24.ru/rest/1/")
    assert "HTTPS only" in dialog.webhookHint.text()
    assert not dialog.saveButton.isEnabled()
    dialog.webhookEdit.clear()
    qtbot.keyClicks(dialog.webhookEdit, sandbox.webhook_url("manager"))
    assert dialog.webhookHint.text().startswith("Portal 127.0.0.1")
    qtbot.keyClick(dialog.webhookEdit, Qt.Key.Key_Return)  # Return in a field saves
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=3_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value is not None
    summary = dialog.resultLabel.text()
    assert "Admin: no" in summary and "User:" in summary
    assert service.profiles.portals[0].name == "Main portal"


def test_webhook_test_button_reports_missing_scopes_in_russian(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox
) -> None:
    limited = sandbox.add_webhook(2, ["crm"])
    i18n.install_language("ru")
    dialog = WebhookPortalDialog(service)
    qtbot.addWidget(dialog)
    dialog.webhookEdit.setText(limited)
    qtbot.mouseClick(dialog.testButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Права" in dialog.resultLabel.text(), timeout=10_000)
    text = dialog.resultLabel.text()
    assert "Администратор: нет" in text
    assert "бизнес-процесс: нет прав bizproc" in text
    assert "открытые линии: нет прав imopenlines" in text
    assert service.profiles.portals == ()  # Test stores nothing


def test_oauth_sign_in_opens_browser_and_listens_on_loopback(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def browser(url: QUrl) -> bool:
        opened.append(url.toString())
        # The "system browser": follow the portal's redirect to our loopback listener.
        with httpx.Client(follow_redirects=True, trust_env=False) as client:
            return client.get(url.toString()).status_code == 200

    monkeypatch.setattr(QDesktopServices, "openUrl", browser)
    dialog = OAuthPortalDialog(service)
    qtbot.addWidget(dialog)
    dialog.nameEdit.setText("By app")
    dialog.portalEdit.setText(sandbox.base_url)
    dialog.clientIdEdit.setText(sandbox.oauth_client_id)
    dialog.secretEdit.setText(sandbox.oauth_client_secret)
    assert dialog.signInButton.isEnabled()
    qtbot.mouseClick(dialog.signInButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10_000)
    assert opened and "/oauth/authorize/" in opened[0] and "redirect_uri=http" in opened[0]
    profile = service.profiles.portals[0]
    assert profile.auth_kind == "oauth" and profile.is_admin
    assert service.secrets.get(profile.id, "refresh_token")
    assert dialog.listener is None or dialog.listener.redirect_uri


def test_oauth_pasted_code_and_bad_code_message(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox
) -> None:
    dialog = OAuthPortalDialog(service)
    qtbot.addWidget(dialog)
    dialog.nameEdit.setText("Pasted")
    dialog.portalEdit.setText(sandbox.base_url)
    dialog.clientIdEdit.setText(sandbox.oauth_client_id)
    dialog.secretEdit.setText(sandbox.oauth_client_secret)
    dialog.codeEdit.setText("not a code!")
    qtbot.mouseClick(dialog.useCodeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "invalid characters" in dialog.taskRow.status.text(), timeout=10_000)
    dialog.codeEdit.setText(sandbox.issue_oauth_code())
    qtbot.mouseClick(dialog.useCodeButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10_000)


def test_line_form_tests_and_fills_the_phone(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox
) -> None:
    dialog = OlchatLineDialog(service, default_base_url=sandbox.olchat_base_url)
    qtbot.addWidget(dialog)
    dialog.nameEdit.setText("Sales")
    dialog.tokenEdit.setText(sandbox.olchat.connected_token)
    qtbot.mouseClick(dialog.testButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.phoneEdit.text() == "79990000001", timeout=10_000)
    assert "Line: connected" in dialog.resultLabel.text()
    qtbot.mouseClick(dialog.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10_000)


def test_dialog_lists_tests_and_removes_with_secrets(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox
) -> None:
    pid = service.save_webhook_portal("Main", sandbox.webhook_url("admin")).profile.id
    dialog = ConnectionsDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.secretsBanner.banner.isHidden()  # a keyring holds the secrets
    assert dialog.secretsBanner.locationLabel.text().startswith("Where secrets are stored: in ")
    assert dialog.list.count() == 1 and "(webhook, admin)" in dialog.list.item(0).text()
    qtbot.mouseClick(dialog.testButton, Qt.MouseButton.LeftButton)
    assert dialog.taskRow.cancelButton.isVisible() or dialog.taskRow.status.text()
    qtbot.waitUntil(lambda: "Admin: yes" in dialog.detailsLabel.text(), timeout=10_000)
    dialog.remove_selected(confirm=False)
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10_000)
    assert service.secrets.get(pid, "webhook") is None


def test_cancel_drops_a_running_sign_in(qtbot: QtBot, service: ConnectionService) -> None:
    dialog = OAuthPortalDialog(service)
    qtbot.addWidget(dialog)
    dialog.nameEdit.setText("Waiting")
    dialog.portalEdit.setText("127.0.0.1:9")
    dialog.clientIdEdit.setText("local.abc.def")
    dialog.secretEdit.setText("s" * 20)
    opened: list[QUrl] = []
    original = QDesktopServices.openUrl
    try:
        QDesktopServices.openUrl = opened.append  # type: ignore[method-assign,assignment]
        qtbot.mouseClick(dialog.signInButton, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.openUrl = original  # type: ignore[method-assign]
    assert dialog.taskRow.busy and opened
    qtbot.mouseClick(dialog.taskRow.cancelButton, Qt.MouseButton.LeftButton)
    assert not dialog.taskRow.busy and dialog.taskRow.status.text() == "Cancelled."
    dialog.reject()


def test_banner_when_secrets_are_not_persistent(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring_backends, "discover_backend", lambda: None)
    profiles = ProfileStore(SecretStore())
    i18n.install_language("ru")
    dialog = ConnectionsDialog(ConnectionService(profiles))
    qtbot.addWidget(dialog)
    # The keyring is looked up off the GUI thread; the banner shows once that is done.
    qtbot.waitUntil(lambda: "не сохраняются" in dialog.secretsBanner.locationLabel.text())
    assert (
        not dialog.secretsBanner.banner.isHidden()
        and not dialog.secretsBanner.bannerFrame.isHidden()
    )
    assert "только в памяти" in dialog.secretsBanner.banner.text()
    assert "не сохраняются" in dialog.secretsBanner.locationLabel.text()


def test_invalid_grant_offers_sign_in_again(
    qtbot: QtBot, service: ConnectionService, sandbox: Sandbox
) -> None:
    from olchat_desktop.connections.oauth_flow import parse_redirect

    reply = parse_redirect(sandbox.issue_oauth_code())
    result = service.complete_oauth(
        "App", sandbox.base_url, sandbox.oauth_client_id, sandbox.oauth_client_secret, reply
    )
    service.secrets.set(result.profile.id, "refresh_token", "dead" * 8)
    sandbox.clock.advance(3601)
    dialog = ConnectionsDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.testButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.signInAgainButton.isVisible, timeout=10_000)
    assert "Sign in" in dialog.taskRow.status.text()
    assert service.secrets.get(result.profile.id, "client_secret") == sandbox.oauth_client_secret
    dialog.reject()


def test_the_first_keyring_look_up_runs_off_the_gui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    threads: list[int] = []
    original = SecretStore._ensure_resolved

    def record(store: SecretStore) -> None:
        threads.append(threading.get_ident())
        original(store)

    monkeypatch.setattr(SecretStore, "_ensure_resolved", record)
    dialog = ConnectionsDialog(ConnectionService(ProfileStore(SecretStore())))
    qtbot.addWidget(dialog)
    assert dialog.secretsBanner.locationLabel.text() == "Checking the system keyring…"
    qtbot.waitUntil(
        lambda: dialog.secretsBanner.locationLabel.text().startswith("Where secrets are stored")
    )
    assert threads and threads[0] != threading.get_ident()
