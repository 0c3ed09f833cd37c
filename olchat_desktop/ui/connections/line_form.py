"""Add or edit an OLChat WhatsApp line: name, REST webhook token, address; "Test" = status."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.connections import validation
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.connections.summary import line_summary
from olchat_desktop.core.i18n import Lang
from olchat_desktop.olchat import OLCHAT_BASE_URL
from olchat_desktop.storage.profiles import OlchatLineProfile
from olchat_desktop.ui.connections.form_parts import hint_label, keyboard_defaults
from olchat_desktop.ui.connections.task_row import TaskRow
from olchat_desktop.ui.i18n import N_, LiveTexts, current_language, follow_language, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report


class OlchatLineDialog(QDialog):
    def __init__(
        self,
        service: ConnectionService,
        profile: OlchatLineProfile | None = None,
        parent: QWidget | None = None,
        default_base_url: str = OLCHAT_BASE_URL,
    ) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        self.setObjectName("olchatLineDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("OLChat WhatsApp line"))
        self.service, self.profile = service, profile
        self.saved: OlchatLineProfile | None = None
        form = QFormLayout()

        def row(shown: str, field: QWidget, hint: QLabel | None = None) -> None:
            label = QLabel()
            self.live.bind(label.setText, lambda: ui_text(shown))
            label.setBuddy(field)
            form.addRow(label, field)
            if hint is not None:
                form.addRow("", hint)

        self.nameEdit = QLineEdit(profile.name if profile else "")
        self.nameEdit.setObjectName("nameEdit")
        self.nameHint = hint_label("nameHint")
        row(N_("&Name"), self.nameEdit, self.nameHint)
        self.tokenEdit = QLineEdit()
        self.tokenEdit.setObjectName("tokenEdit")
        self.tokenEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.tokenHint = hint_label("tokenHint")
        row(N_("REST webhook &token"), self.tokenEdit, self.tokenHint)
        self.baseUrlEdit = QLineEdit(profile.base_url if profile else default_base_url)
        self.baseUrlEdit.setObjectName("baseUrlEdit")
        row(N_("OLChat &address"), self.baseUrlEdit)
        self.phoneEdit = QLineEdit(profile.line_phone if profile else "")
        self.phoneEdit.setObjectName("linePhoneEdit")
        self.live.bind(self.phoneEdit.setPlaceholderText, lambda: ui_text("from the line test"))
        row(N_("Line &phone"), self.phoneEdit)
        self.portalCombo = QComboBox()
        self.portalCombo.setObjectName("portalCombo")
        self.portalCombo.addItem("—", None)
        for portal in service.profiles.portals:
            self.portalCombo.addItem(portal.name, portal.id)
            if profile and profile.portal_id == portal.id:
                self.portalCombo.setCurrentIndex(self.portalCombo.count() - 1)
        row(N_("P&ortal"), self.portalCombo)
        self.resultLabel = hint_label("resultLabel")
        self.taskRow = TaskRow()
        self.testButton = QPushButton()
        self.live.bind(self.testButton.setText, lambda: ui_text("&Test"))
        self.testButton.setObjectName("testButton")
        self.saveButton = QPushButton()
        self.live.bind(self.saveButton.setText, lambda: ui_text("&Save"))
        self.saveButton.setObjectName("saveButton")
        self.saveButton.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.testButton, self.saveButton):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.resultLabel)
        layout.addWidget(self.taskRow)
        layout.addWidget(buttons)
        keyboard_defaults(buttons, [self.testButton, self.saveButton], self.saveButton, self.live)
        for edit in (self.nameEdit, self.tokenEdit):
            edit.textChanged.connect(self._validate)
        self.testButton.clicked.connect(self.test)
        self.saveButton.clicked.connect(self.save)
        self.finished.connect(lambda _code: self.taskRow.cancel())
        self._validate()
        # The hints are validation messages: made again in the new language.
        follow_language(self, lambda: self._validate())

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    def _validate(self) -> bool:
        taken = {
            p.name
            for p in self.service.profiles.lines
            if not self.profile or p.id != self.profile.id
        }
        name = validation.check_name(self.nameEdit.text(), self.lang, taken)
        token = validation.check_secret(
            self.tokenEdit.text(), self.lang, optional=bool(self.profile)
        )
        self.nameHint.setText("" if name.ok else name.message)
        self.tokenHint.setText(token.message if (not token.ok or self.profile) else "")
        self.testButton.setEnabled(bool(self.tokenEdit.text().strip()) and token.ok)
        self.saveButton.setEnabled(name.ok and token.ok)
        return name.ok and token.ok

    def test(self) -> None:
        base, token = self.baseUrlEdit.text(), self.tokenEdit.text().strip()

        def work(cancel: CancelToken, report: Report) -> Any:
            return self.service.check_line(base, token)

        self.taskRow.run(work, ui_text("Checking the line…"), self._tested)

    def _tested(self, status: Any) -> None:
        self.live.set(self.resultLabel, lambda: line_summary(status, self.lang))
        if status.phone and not self.phoneEdit.text().strip():
            self.phoneEdit.setText(status.phone)

    def save(self) -> None:
        if not self._validate():
            return
        name, base, token = self.nameEdit.text(), self.baseUrlEdit.text(), self.tokenEdit.text()
        phone, portal_id = self.phoneEdit.text().strip(), self.portalCombo.currentData()
        pid = self.profile.id if self.profile else None

        def work(cancel: CancelToken, report: Report) -> Any:
            return self.service.save_line(
                name, base, token, line_phone=phone, portal_id=portal_id, profile_id=pid
            )

        self.taskRow.run(work, ui_text("Testing and saving…"), self._saved)

    def _saved(self, result: Any) -> None:
        self.saved, status = result
        self.live.set(self.resultLabel, lambda: line_summary(status, self.lang))
        self.accept()
