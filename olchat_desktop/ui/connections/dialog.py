"""The Connections dialog: portals and OLChat lines, where secrets live, and every action.

Above the list, :class:`SecretsBanner` says where secrets are stored and warns when they
are not persistent (``secrets_banner``). In demo mode (no profiles yet) "Use the demo sandbox" fills
the webhook form with the running demo sandbox's webhook. Test and remove run off the GUI
thread in the :class:`TaskRow`. A portal whose refresh token is dead (``invalid_grant``)
offers "Sign in again", which changes only its tokens.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.bitrix.errors import SignInAgainError
from olchat_desktop.connections.errors import user_message
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.connections.summary import line_summary, portal_summary
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.storage.profiles import OlchatLineProfile, PortalProfile, Profile
from olchat_desktop.ui.connections.line_form import OlchatLineDialog
from olchat_desktop.ui.connections.oauth_form import OAuthPortalDialog
from olchat_desktop.ui.connections.portal_forms import WebhookPortalDialog
from olchat_desktop.ui.connections.secrets_banner import SecretsBanner
from olchat_desktop.ui.connections.task_row import TaskRow
from olchat_desktop.ui.i18n import N_, current_language, follow_language, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report

ID_ROLE = Qt.ItemDataRole.UserRole


class ConnectionsDialog(QDialog):
    def __init__(
        self,
        service: ConnectionService,
        parent: QWidget | None = None,
        sandbox_holder: Any = None,
    ):
        super().__init__(parent)
        self.setObjectName("connectionsDialog")
        self.service = service
        # The main window's demo SandboxHolder (ui.demo_sandbox); None outside demo mode.
        self.sandbox_holder = sandbox_holder
        self.taskRow = TaskRow()
        self.secretsBanner = SecretsBanner(service.secrets, self.taskRow)
        self.secretsBanner.rechecked.connect(self.refresh)
        self.list = QListWidget()
        self.list.setObjectName("connectionList")
        self.detailsLabel = QLabel()
        self.detailsLabel.setObjectName("detailsLabel")
        self.detailsLabel.setWordWrap(True)
        self.detailsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._button_texts: list[tuple[QPushButton, str]] = []

        def button(name: str, shown: str) -> QPushButton:
            b = QPushButton()
            b.setObjectName(name)
            self._button_texts.append((b, shown))
            return b

        self.addWebhookButton = button("addWebhookButton", N_("Portal by &webhook…"))
        self.addOAuthButton = button("addOAuthButton", N_("Portal by &OAuth…"))
        self.addLineButton = button("addLineButton", N_("OLChat &line…"))
        self.testButton = button("testButton", N_("&Test"))
        self.editButton = button("editButton", N_("&Edit…"))
        self.renameButton = button("renameButton", N_("&Rename…"))
        self.removeButton = button("removeButton", N_("Re&move"))
        self.signInAgainButton = button("signInAgainButton", N_("Sign in &again…"))
        self.signInAgainButton.setVisible(False)
        self.demoButton = button("demoSandboxButton", N_("Use the &demo sandbox…"))
        side = QVBoxLayout()
        for b in (self.addWebhookButton, self.addOAuthButton, self.addLineButton):
            side.addWidget(b)
        side.addWidget(self.demoButton)
        side.addSpacing(12)
        for b in (self.testButton, self.editButton, self.renameButton, self.removeButton):
            side.addWidget(b)
        side.addWidget(self.signInAgainButton)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Own text: Qt's translation of standard buttons is not always installed.
        self.closeButton = close.button(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.secretsBanner)
        layout.addLayout(middle, 1)
        layout.addWidget(self.detailsLabel)
        layout.addWidget(self.taskRow)
        layout.addWidget(close)
        self.addWebhookButton.clicked.connect(lambda: self.open_form(WebhookPortalDialog))
        self.addOAuthButton.clicked.connect(lambda: self.open_form(OAuthPortalDialog))
        self.addLineButton.clicked.connect(lambda: self.open_form(OlchatLineDialog))
        self.testButton.clicked.connect(self.test_selected)
        self.editButton.clicked.connect(self.edit_selected)
        self.renameButton.clicked.connect(self.rename_selected)
        self.removeButton.clicked.connect(self.remove_selected)
        self.signInAgainButton.clicked.connect(self.sign_in_again)
        self.demoButton.clicked.connect(self.use_demo_sandbox)
        self.list.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.finished.connect(lambda _code: self.taskRow.cancel())
        self.resize(720, 480)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(ui_text("Connections"))
        self.list.setAccessibleName(ui_text("Connections"))
        for b, shown in self._button_texts:
            b.setText(ui_text(shown))
        self.closeButton.setText(ui_text("Close"))
        self.secretsBanner.retranslate()
        self.refresh()

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    # -- state ---------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        self.secretsBanner.show_location()
        current = select or self.selected_id()
        self.list.clear()
        profiles: list[Profile] = [*self.service.profiles.portals, *self.service.profiles.lines]
        for profile in profiles:
            item = QListWidgetItem(self._item_text(profile))
            item.setData(ID_ROLE, profile.id)
            self.list.addItem(item)
            if profile.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.demoButton.setVisible(not profiles)  # demo mode: nothing connected yet
        self._selection_changed()

    def _item_text(self, profile: Profile) -> str:
        lang = self.lang
        if isinstance(profile, PortalProfile):
            kind = text(lang, "webhook") if profile.auth_kind == "webhook" else "OAuth"
            admin = text(lang, ", admin") if profile.is_admin else ""
            return f"{profile.name} — {profile.domain} ({kind}{admin})"
        return f"{profile.name} — OLChat +{profile.line_phone}"

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(ID_ROLE))

    def selected(self) -> Profile | None:
        pid = self.selected_id()
        return None if pid is None else self.service.profiles.get(pid)

    def _selection_changed(self) -> None:
        has = self.selected_id() is not None
        for b in (self.testButton, self.editButton, self.renameButton, self.removeButton):
            b.setEnabled(has)
        self.signInAgainButton.setVisible(False)
        profile = self.selected()
        self.detailsLabel.setText("" if profile is None else self._details(profile))

    def _details(self, profile: Profile) -> str:
        if isinstance(profile, OlchatLineProfile):
            return f"{profile.base_url}"
        scopes = ", ".join(profile.scopes) or "—"
        ca = profile.ca_bundle_path or ui_text("system")
        return ui_text("Scopes: ") + scopes + ui_text("\nCA certificates: {ca}").format(ca=ca)

    # -- actions -------------------------------------------------------------------------

    def open_form(self, form: Any, profile: Profile | None = None) -> bool:
        dialog = form(self.service, profile, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.refresh(select=profile.id if profile else None)
        return bool(accepted)

    def edit_selected(self) -> None:
        profile = self.selected()
        if isinstance(profile, OlchatLineProfile):
            self.open_form(OlchatLineDialog, profile)
        elif isinstance(profile, PortalProfile):
            kind = WebhookPortalDialog if profile.auth_kind == "webhook" else OAuthPortalDialog
            self.open_form(kind, profile)

    def sign_in_again(self) -> None:
        profile = self.selected()
        if isinstance(profile, PortalProfile):
            self.open_form(OAuthPortalDialog, profile)

    def test_selected(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        pid, is_line = profile.id, isinstance(profile, OlchatLineProfile)

        def work(token: CancelToken, report: Report) -> Any:
            return self.service.test_line(pid) if is_line else self.service.test_portal(pid)

        def done(result: Any) -> None:
            self.refresh(select=pid)
            text = line_summary(result, self.lang) if is_line else portal_summary(result, self.lang)
            self.detailsLabel.setText(text)
            self.taskRow.show_text(ui_text("Tested."))

        self.taskRow.run(work, ui_text("Testing…"), done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.taskRow.show_error(error)
        # A dead refresh token: offer a new sign-in; nothing stored was changed.
        self.signInAgainButton.setVisible(isinstance(error, SignInAgainError))

    def rename_selected(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        name, ok = QInputDialog.getText(
            self,
            ui_text("Rename"),
            ui_text("Name:"),
            text=profile.name,
        )
        if not ok or not name.strip():
            return
        try:
            self.service.rename(profile.id, name.strip())
        except Exception as exc:  # duplicate name, disk full: say why, keep the dialog
            self.taskRow.show_error(exc)
            return
        self.refresh(select=profile.id)

    def remove_selected(self, confirm: bool = True) -> None:
        profile = self.selected()
        if profile is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                ui_text("Remove connection"),
                ui_text("Remove '{name}' and its secrets from the keyring?").format(
                    name=profile.name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        pid = profile.id

        def work(token: CancelToken, report: Report) -> Any:
            self.service.remove(pid)  # keyring calls may block: off the GUI thread

        def removed(_result: Any) -> None:
            self.refresh()
            self.taskRow.show_text(ui_text("Removed."))

        self.taskRow.run(work, ui_text("Removing…"), removed)

    def demo_sandbox_form(self) -> WebhookPortalDialog | None:
        """The webhook form filled with the running demo sandbox's webhook, or None."""
        sandbox = getattr(self.sandbox_holder, "sandbox", None)
        if sandbox is None:
            self.taskRow.show_text(
                ui_text(
                    "The demo sandbox is not running: in demo mode it starts a moment after "
                    "the main window opens."
                )
            )
            return None
        form = WebhookPortalDialog(self.service, None, self)
        form.nameEdit.setText(ui_text("Demo sandbox"))
        form.webhookEdit.setText(sandbox.webhook_url("admin"))
        form.saveButton.setFocus()
        return form

    def use_demo_sandbox(self) -> None:
        form = self.demo_sandbox_form()
        if form is not None:
            form.exec()
            self.refresh()

    def error_text(self, error: BaseException) -> str:
        return user_message(error, self.lang)
