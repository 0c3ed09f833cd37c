"""Add a Bitrix24 portal by OAuth local app sign-in, or sign in to one again.

The system browser opens the portal's authorize page and a loopback listener
(``connections.oauth_flow``) waits for the redirect; a pasted redirect address or code
works too when the browser cannot come back. The shared fields and buttons come from
:class:`~olchat_desktop.ui.connections.portal_forms.PortalDialog`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from olchat_desktop.bitrix.webhook_url import parse_portal_address
from olchat_desktop.connections import validation
from olchat_desktop.connections.oauth_flow import (
    LoopbackListener,
    build_authorize_url,
    new_state,
    parse_redirect,
)
from olchat_desktop.connections.service import ConnectionService, PortalResult
from olchat_desktop.storage.profiles import PortalProfile
from olchat_desktop.ui.connections.form_parts import hint_label
from olchat_desktop.ui.connections.portal_forms import PortalDialog
from olchat_desktop.ui.i18n import N_, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report

SIGN_IN_TIMEOUT = 300.0  # seconds to wait for the browser to come back


class OAuthPortalDialog(PortalDialog):
    """Local app sign-in. With ``profile`` it is "sign in again" (client secret optional)."""

    def __init__(
        self,
        service: ConnectionService,
        profile: PortalProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, profile, parent)
        self.setObjectName("oauthPortalDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Portal by app (OAuth)"))
        self.listener: LoopbackListener | None = None
        self.state = new_state()
        self.portalEdit = QLineEdit(profile.domain if profile else "")
        self.portalEdit.setObjectName("portalEdit")
        self.portalEdit.setPlaceholderText("portal.bitrix24.ru")
        self.portalHint = hint_label("portalHint")
        self._add_row(N_("&Portal address"), self.portalEdit, self.portalHint)
        self.clientIdEdit = QLineEdit(profile.client_id if profile else "")
        self.clientIdEdit.setObjectName("clientIdEdit")
        self.clientIdHint = hint_label("clientIdHint")
        self._add_row("client_&id", self.clientIdEdit, self.clientIdHint)
        self.secretEdit = QLineEdit()
        self.secretEdit.setObjectName("clientSecretEdit")
        self.secretEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secretHint = hint_label("clientSecretHint")
        self._add_row("client_&secret", self.secretEdit, self.secretHint)
        self.codeEdit = QLineEdit()
        self.codeEdit.setObjectName("codeEdit")
        self.codeEdit.installEventFilter(self)
        self.codeEdit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.live.bind(
            self.codeEdit.setPlaceholderText, lambda: ui_text("address after sign-in, or the code")
        )
        self._add_row(N_("Code or &address"), self.codeEdit)
        self.signInButton = QPushButton()
        self.live.bind(self.signInButton.setText, lambda: ui_text("Sign &in in browser"))
        self.signInButton.setObjectName("signInButton")
        self.signInButton.setDefault(True)
        self.useCodeButton = QPushButton()
        self.live.bind(self.useCodeButton.setText, lambda: ui_text("Use &code"))
        self.useCodeButton.setObjectName("useCodeButton")
        self._finish_layout([self.signInButton, self.useCodeButton], self.signInButton)
        for edit in (self.portalEdit, self.clientIdEdit, self.secretEdit, self.codeEdit):
            edit.textChanged.connect(self._validate)
        for edit in (self.nameEdit, self.portalEdit, self.clientIdEdit, self.secretEdit):
            edit.returnPressed.connect(self.sign_in)
        self.signInButton.clicked.connect(self.sign_in)
        self.useCodeButton.clicked.connect(self.use_code)
        self.finished.connect(lambda _code: self._close_listener())
        self._validate()

    def _validate(self) -> bool:
        lang = self.lang
        checks = [
            (self._name_check(), None),
            (validation.check_portal_address(self.portalEdit.text(), lang), self.portalHint),
            (validation.check_client_id(self.clientIdEdit.text(), lang), self.clientIdHint),
            (
                validation.check_secret(self.secretEdit.text(), lang, optional=bool(self.profile)),
                self.secretHint,
            ),
        ]
        for check, hint in checks:
            if hint is not None:
                hint.setText("" if check.ok and hint is not self.secretHint else check.message)
        ok = all(check.ok for check, _hint in checks)
        self.signInButton.setEnabled(ok)
        self.useCodeButton.setEnabled(ok and bool(self.codeEdit.text().strip()))
        return ok

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Return in the code field uses the pasted code, never the browser sign-in (the
        # default button); with no code it does nothing. Consumed before QLineEdit passes
        # the key on to the dialog.
        if (
            watched is self.codeEdit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.use_code()
            return True
        return super().eventFilter(watched, event)

    def sign_in(self) -> None:
        """Open the system browser at the authorize URL and wait on the loopback redirect."""
        if not self._validate() or self.taskRow.busy:
            return
        self._close_listener()
        self.state = new_state()
        self.listener = listener = LoopbackListener(self.state)
        address = parse_portal_address(self.portalEdit.text())
        url = build_authorize_url(
            address, self.clientIdEdit.text().strip(), self.state, listener.redirect_uri
        )
        complete = self._completion()

        def work(token: CancelToken, report: Report) -> Any:
            reply = listener.wait(SIGN_IN_TIMEOUT, cancelled=lambda: token.cancelled)
            report(ui_text("Getting tokens…"))
            return complete(reply)

        self.taskRow.run(
            work,
            ui_text("Sign in to the portal in the browser; the app waits for it to come back…"),
            self._saved,
        )
        QDesktopServices.openUrl(QUrl(url))

    def use_code(self) -> None:
        if not self._validate() or not self.codeEdit.text().strip():
            return
        text, state = self.codeEdit.text(), self.state
        complete = self._completion()

        def work(token: CancelToken, report: Report) -> Any:
            return complete(parse_redirect(text, state))

        self.taskRow.run(work, ui_text("Getting tokens…"), self._saved)

    def _completion(self) -> Any:
        # Read the fields on the GUI thread; the worker only gets plain values.
        name, portal = self.nameEdit.text(), self.portalEdit.text()
        client_id, secret, ca = self.clientIdEdit.text(), self.secretEdit.text(), self.ca_bundle()
        pid = self.profile.id if self.profile else None

        def complete(reply: Any) -> PortalResult:
            return self.service.complete_oauth(
                name, portal, client_id, secret.strip(), reply, ca_bundle=ca, profile_id=pid
            )

        return complete

    def _close_listener(self) -> None:
        self.taskRow.cancel()  # a waiting sign-in ends with the dialog
        if self.listener is not None:
            self.listener.close()
            self.listener = None
