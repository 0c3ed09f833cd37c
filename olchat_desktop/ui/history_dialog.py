""" "History…": the stored versions of a template; pick one to see it and restore it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.rendition import render_text
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.ui.i18n import LiveTexts, current_language, ui_text

VERSION_ROLE = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    def __init__(
        self,
        library: TemplateLibrary,
        template_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        self.setObjectName("historyDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Template history"))
        self.resize(720, 440)
        self.library = library
        self.restored = False
        self.versionList = QListWidget()
        self.versionList.setObjectName("versionList")
        self.live.bind(self.versionList.setAccessibleName, lambda: ui_text("Saved versions"))
        self.versionText = QPlainTextEdit()
        self.versionText.setObjectName("versionText")
        self.versionText.setReadOnly(True)
        self.live.bind(self.versionText.setAccessibleName, lambda: ui_text("The selected version"))
        body = QHBoxLayout()
        body.addWidget(self.versionList, 2)
        body.addWidget(self.versionText, 3)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restoreButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.live.bind(self.restoreButton.setText, lambda: ui_text("Restore this version"))
        self.restoreButton.setObjectName("restoreVersionButton")
        self.restoreButton.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.restoreButton.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        for version in library.versions(template_id):
            when = version.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            item = QListWidgetItem(f"{when} — {version.describe(current_language())}")
            item.setData(VERSION_ROLE, version.id)
            self.versionList.addItem(item)
        self.versionList.currentItemChanged.connect(self._show_version)
        if self.versionList.count():
            self.versionList.setCurrentRow(0)

    def _show_version(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.restoreButton.setEnabled(item is not None)
        if item is None:
            self.versionText.clear()
            return
        template = self.library.version_template(item.data(VERSION_ROLE))
        self.versionText.setPlainText(render_text(template, current_language()))

    def restore_selected(self) -> None:
        item = self.versionList.currentItem()
        if item is None:
            return
        self.library.restore_version(item.data(VERSION_ROLE))
        self.restored = True
        self.accept()
