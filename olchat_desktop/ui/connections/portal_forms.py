"""Add or edit a Bitrix24 portal: by incoming webhook, or by OAuth local app sign-in.

Fields are validated on every keystroke (``connections.validation``); network work runs in
a :class:`TaskRow`. Labels carry ``&`` mnemonics and buddies, and the tab order follows the
form, so everything works from the keyboard. Secret fields use password echo.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.bitrix.webhook_url import parse_portal_address
from olchat_desktop.connections import validation
from olchat_desktop.connections.oauth_flow import (
    LoopbackListener,
    build_authorize_url,
    new_state,
    parse_redirect,
)
from olchat_desktop.connections.service import ConnectionService, PortalResult
from olchat_desktop.connections.summary import portal_summary
from olchat_desktop.core.i18n import Lang
from olchat_desktop.storage.profiles import PortalProfile
from olchat_desktop.ui.connections.task_row import TaskRow
from olchat_desktop.ui.i18n import N_, LiveTexts, current_language, follow_language, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report

SIGN_IN_TIMEOUT = 300.0  # seconds to wait for the browser to come back


def hint_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def keyboard_defaults(
    box: QDialogButtonBox, action_buttons: list[QPushButton], default: QPushButton, live: LiveTexts
) -> None:
    """Return presses the default action, Escape closes, Tab goes fields → actions → Close.

    ``setDefault`` on a button that is not yet inside the dialog registers nothing, and
    QDialog then makes the first auto-default button (Close, or Test) the default when
    shown, so Return in a field closed the dialog or ran Test. Set it again now that the
    button is placed, and keep Close out of Return's reach (Escape closes).
    """
    close = box.button(QDialogButtonBox.StandardButton.Close)
    close.setAutoDefault(False)
    # Own text: Qt's translation of standard buttons is not always installed.
    live.bind(close.setText, lambda: ui_text("Close"))
    default.setDefault(False)  # setDefault(True) on a default button is a no-op in Qt
    default.setDefault(True)
    previous: QWidget = action_buttons[0]
    for button in [*action_buttons[1:], close]:
        QWidget.setTabOrder(previous, button)
        previous = button


class _PortalDialog(QDialog):
    """What both portal dialogs share: name, CA bundle, result text, task row, buttons."""

    def __init__(
        self,
        service: ConnectionService,
        profile: PortalProfile | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.service, self.profile = service, profile
        self.live = LiveTexts(self)
        self.result_value: PortalResult | None = None
        self.form = QFormLayout()
        self.nameEdit = QLineEdit(profile.name if profile else "")
        self.nameEdit.setObjectName("nameEdit")
        self.nameHint = hint_label("nameHint")
        self._add_row(N_("&Name"), self.nameEdit, self.nameHint)
        # The hints are validation messages: made again in the new language.
        follow_language(self, lambda: self._validate())

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    def _add_row(self, shown: str, field: QWidget, hint: QLabel | None = None) -> None:
        label = QLabel()
        self.live.bind(label.setText, lambda: ui_text(shown))
        label.setBuddy(field)
        self.form.addRow(label, field)
        if hint is not None:
            self.form.addRow("", hint)

    def _finish_layout(self, action_buttons: list[QPushButton], default: QPushButton) -> None:
        self.caEdit = QLineEdit(self.profile.ca_bundle_path or "" if self.profile else "")
        self.caEdit.setObjectName("caBundleEdit")
        self.live.bind(self.caEdit.setPlaceholderText, lambda: ui_text("system certificates"))
        self.caButton = QPushButton()
        self.live.bind(self.caButton.setText, lambda: ui_text("&Browse…"))
        self.caButton.setObjectName("caBrowseButton")
        self.caButton.setAutoDefault(False)  # Return in a field means Save / Sign in
        self.caButton.clicked.connect(self._choose_ca_bundle)
        ca_row = QWidget()
        ca_layout = QHBoxLayout(ca_row)
        ca_layout.setContentsMargins(0, 0, 0, 0)
        ca_layout.addWidget(self.caEdit, 1)
        ca_layout.addWidget(self.caButton)
        label = QLabel()
        self.live.bind(label.setText, lambda: ui_text("&CA bundle (on-premise)"))
        label.setBuddy(self.caEdit)
        self.form.addRow(label, ca_row)
        self.resultLabel = hint_label("resultLabel")
        self.taskRow = TaskRow()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in action_buttons:
            button.setAutoDefault(button.isDefault())
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.resultLabel)
        layout.addWidget(self.taskRow)
        layout.addWidget(self.buttons)
        keyboard_defaults(self.buttons, action_buttons, default, self.live)
        self.nameEdit.textChanged.connect(self._validate)
        self.setMinimumWidth(560)  # height follows the hints as they wrap

    def _choose_ca_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, ui_text("CA bundle file"), "", "PEM (*.pem *.crt)"
        )
        if path:
            self.caEdit.setText(path)

    def ca_bundle(self) -> str | None:
        return self.caEdit.text().strip() or None

    def _name_check(self) -> validation.FieldCheck:
        taken = {p.name for p in self.service.profiles.portals if p is not self.profile}
        if self.profile is not None:
            taken = {p.name for p in self.service.profiles.portals if p.id != self.profile.id}
        check = validation.check_name(self.nameEdit.text(), self.lang, taken)
        self.nameHint.setText("" if check.ok else check.message)
        return check

    def _validate(self) -> bool:
        raise NotImplementedError

    def _saved(self, result: Any) -> None:
        assert isinstance(result, PortalResult)
        self.result_value = result
        self.live.set(self.resultLabel, lambda: portal_summary(result.check, self.lang))
        self.taskRow.show_text(ui_text("Saved."))
        self.accept()


class WebhookPortalDialog(_PortalDialog):
    def __init__(
        self,
        service: ConnectionService,
        profile: PortalProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, profile, parent)
        self.setObjectName("webhookPortalDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Portal by webhook"))
        self.webhookEdit = QLineEdit()
        self.webhookEdit.setObjectName("webhookEdit")
        self.webhookEdit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.webhookEdit.setPlaceholderText("https://portal.bitrix24.ru/rest/1/…/")
        self.webhookHint = hint_label("webhookHint")
        self._add_row(N_("&Webhook"), self.webhookEdit, self.webhookHint)
        self.testButton = QPushButton()
        self.live.bind(self.testButton.setText, lambda: ui_text("&Test"))
        self.testButton.setObjectName("testButton")
        self.saveButton = QPushButton()
        self.live.bind(self.saveButton.setText, lambda: ui_text("&Save"))
        self.saveButton.setObjectName("saveButton")
        self.saveButton.setDefault(True)
        self._finish_layout([self.testButton, self.saveButton], self.saveButton)
        self.webhookEdit.textChanged.connect(self._validate)
        for edit in (self.nameEdit, self.webhookEdit, self.caEdit):
            edit.returnPressed.connect(self.save)  # Return in any field saves
        self.testButton.clicked.connect(self.test)
        self.saveButton.clicked.connect(self.save)
        self._validate()

    def _validate(self) -> bool:
        name_ok = self._name_check().ok
        check = validation.check_webhook(self.webhookEdit.text(), self.lang)
        self.webhookHint.setText(check.message)
        self.webhookHint.setProperty("error", not check.ok)
        self.testButton.setEnabled(check.ok)
        self.saveButton.setEnabled(check.ok and name_ok)
        return check.ok and name_ok

    def test(self) -> None:
        url, ca = self.webhookEdit.text(), self.ca_bundle()

        def work(token: CancelToken, report: Report) -> Any:
            return self.service.check_webhook(url, ca)

        self.taskRow.run(
            work,
            ui_text("Testing the portal…"),
            lambda check: self.live.set(self.resultLabel, lambda: portal_summary(check, self.lang)),
        )

    def save(self) -> None:
        if not self._validate():
            return
        name, url, ca = self.nameEdit.text(), self.webhookEdit.text(), self.ca_bundle()
        pid = self.profile.id if self.profile else None

        def work(token: CancelToken, report: Report) -> Any:
            return self.service.save_webhook_portal(name, url, ca_bundle=ca, profile_id=pid)

        self.taskRow.run(work, ui_text("Testing and saving…"), self._saved)


class OAuthPortalDialog(_PortalDialog):
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
