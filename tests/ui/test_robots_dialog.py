"""The Portal robots dialog against the sandbox: publish, update offer, delete, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.bitrix.auth import OAuthAuth, WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.portal_state import DEFAULT_APP_HANDLER_HOST
from olchat_desktop.ui.robots.dialog import PortalOption, RobotsDialog

pytestmark = pytest.mark.integration
WAIT_MS = 15_000


def options(sandbox: Sandbox) -> list[PortalOption]:
    auth = OAuthAuth.from_code(
        sandbox.oauth_client_id,
        sandbox.oauth_client_secret,
        sandbox.issue_oauth_code(user_id=1),
        token_url=sandbox.oauth_token_url,
    )
    return [
        PortalOption("Sandbox (OAuth app)", lambda: BitrixClient(auth), webhook=False),
        PortalOption(
            "Sandbox (webhook)",
            lambda: BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))),
            webhook=True,
        ),
    ]


def template() -> Template:
    return Template(
        name="Подтверждение заказа",
        line="1",
        phone="79161234567",
        message="Подтвердите заказ, пожалуйста.",
        buttons=["Да", "Нет"],
        wait_for_reply=True,
    )


@pytest.fixture
def dialog(qtbot: QtBot, sandbox: Sandbox) -> RobotsDialog:
    opened: list[Template] = []
    created = RobotsDialog(options(sandbox), current_template=template, open_template=opened.append)
    created.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(created)
    tab = created.publishTab
    qtbot.waitUntil(lambda: tab.task is not None and not tab.task.running, timeout=WAIT_MS)
    return created


def wait_idle(qtbot: QtBot, tab: object) -> None:
    qtbot.waitUntil(lambda: not tab.task.running, timeout=WAIT_MS)  # type: ignore[attr-defined]


def test_publish_update_and_delete(qtbot: QtBot, sandbox: Sandbox, dialog: RobotsDialog) -> None:
    tab = dialog.publishTab
    assert tab.codeLabel.text() == "olchat_podtverzhdenie_zakaza"
    tab.handlerEdit.setText("http://robots.example.com/wa")
    assert not tab.publishButton.isEnabled() and "HTTPS" in tab.statusLabel.text()
    tab.appDomainEdit.setText(DEFAULT_APP_HANDLER_HOST)
    tab.handlerEdit.setText(f"https://{DEFAULT_APP_HANDLER_HOST}/b24/wa")
    assert tab.publishButton.isEnabled()
    tab.publishButton.click()
    wait_idle(qtbot, tab)
    assert [tab.robotList.item(i).text() for i in range(tab.robotList.count())] == [
        "olchat_podtverzhdenie_zakaza"
    ]
    assert "published" in tab.statusLabel.text()

    asked: list[str] = []
    tab.ask_update = lambda code: asked.append(code) or True  # type: ignore[method-assign]
    tab.publishButton.click()
    qtbot.waitUntil(lambda: "updated" in tab.statusLabel.text(), timeout=WAIT_MS)
    assert asked == ["olchat_podtverzhdenie_zakaza"]

    tab.robotList.setCurrentRow(0)
    tab.deleteButton.click()
    qtbot.waitUntil(lambda: "deleted" in tab.statusLabel.text(), timeout=WAIT_MS)
    assert tab.robotList.count() == 0
    assert sandbox.portal.robots_of(sandbox.oauth_client_id) == {}


def test_webhook_portal_explains_the_refusal(dialog: RobotsDialog) -> None:
    dialog.portalCombo.setCurrentIndex(1)
    tab = dialog.publishTab
    tab.handlerEdit.setText(f"https://{DEFAULT_APP_HANDLER_HOST}/b24/wa")
    assert not tab.webhookLabel.isHidden() and "OAuth" in tab.webhookLabel.text()
    assert not tab.publishButton.isEnabled() and not tab.refreshButton.isEnabled()


def test_audit_lists_problems_opens_and_exports(
    qtbot: QtBot, dialog: RobotsDialog, tmp_path: Path
) -> None:
    dialog.portalCombo.setCurrentIndex(1)  # the audit works with a webhook too
    dialog.tabs.setCurrentWidget(dialog.auditTab)
    tab = dialog.auditTab
    tab.runButton.click()
    assert tab.cancelButton.isEnabled()
    wait_idle(qtbot, tab)
    assert tab.table.rowCount() == 8 and "button robots: 8" in tab.statusLabel.text()
    row = next(r for r in range(8) if tab.table.item(r, 3).text() == "A21_wa_buttons")
    tab.table.selectRow(row)
    problems = [tab.problemList.item(i).text() for i in range(tab.problemList.count())]
    assert any("Header" in text and "60" in text for text in problems)
    assert tab.table.item(row, 2).text() == "PREPARATION"
    tab.openButton.click()
    (opened,) = dialog.opened  # type: ignore[attr-defined]
    assert opened.buttons == ["*Интересно*", "Позже"]
    tab.export_to(tmp_path / "audit.json", "json")
    assert len(json.loads((tmp_path / "audit.json").read_text())["robots"]) == 8
    tab.export_to(tmp_path / "audit.csv", "csv")
    assert (tmp_path / "audit.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_cancel_during_audit(qtbot: QtBot, dialog: RobotsDialog) -> None:
    tab = dialog.auditTab
    tab.runButton.click()
    tab.cancelButton.click()
    assert "cancelled" in tab.statusLabel.text()
    assert tab.runButton.isEnabled() and not tab.cancelButton.isEnabled()
    assert tab.table.rowCount() == 0


def test_main_window_has_the_portal_robots_action(qtbot: QtBot, tmp_path: Path) -> None:
    from olchat_desktop.storage.library import TemplateLibrary
    from olchat_desktop.storage.settings import AppSettings, SettingsStore
    from olchat_desktop.ui.main_window import MainWindow

    store = SettingsStore(tmp_path / "settings.json")
    with TemplateLibrary(tmp_path / "library.sqlite") as library:
        window = MainWindow(library, AppSettings(), store)
        qtbot.addWidget(window)
        actions = window.windowActions.fileMenu.actions()
        assert window.robotsAction in actions
        assert actions.index(window.robotsAction) < actions.index(
            window.windowActions.settingsAction
        )
        assert window.robotsAction.text() in {"Portal robots…", "Роботы портала…"}
        window.close()
