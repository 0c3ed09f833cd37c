"""Add or edit a Bitrix24 portal by incoming webhook, and the base both portal forms share.

:class:`PortalDialog` holds what the webhook form and the OAuth form (``oauth_form``) have
in common: name, CA bundle, result text, task row and buttons. Fields are validated on every
keystroke (``connections.validation``); network work runs in a :class:`TaskRow`. Labels
carry ``&`` mnemonics and buddies, and the tab order follows the form, so everything works
from the keyboard. Secret fields use password echo.
"""

from __future__ import annotations

from typing import Any

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

from olchat_desktop.connections import validation
from olchat_desktop.connections.service import ConnectionService, PortalResult
from olchat_desktop.connections.summary import portal_summary
from olchat_desktop.core.i18n import Lang
from olchat_desktop.storage.profiles import PortalProfile
from olchat_desktop.ui.connections.form_parts import hint_label, keyboard_defaults
from olchat_desktop.ui.connections.task_row import TaskRow
from olchat_desktop.ui.i18n import N_, LiveTexts, current_language, follow_language, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report


class PortalDialog(QDialog):
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


class WebhookPortalDialog(PortalDialog):
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
