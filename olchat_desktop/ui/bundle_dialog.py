""" "Import from a bundle": which templates of a bundle file to add to the library.

Opened when a bundle arrives from the command line, a drop or Open recent (issue 18).
Every template is listed with a check box; those already in the library (identical
content) start unchecked and say so, so opening the same bundle twice adds nothing unless
asked. A plain list widget: a bundle worth importing by hand holds tens, not thousands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.template import Template
from olchat_desktop.storage.file_open import OpenedFile
from olchat_desktop.ui.i18n import LiveTexts, follow_language, ui_text


class BundleDialog(QDialog):
    def __init__(self, opened: OpenedFile, shown_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        self.setObjectName("bundleDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Import from a bundle"))
        self.resize(520, 420)
        self.opened = opened
        new_count = len(opened.new_templates)
        self.introLabel = QLabel()
        self.live.bind(
            self.introLabel.setText,
            lambda: (
                ui_text(
                    "«{file}» holds {count} templates; {new} of them are not in the library yet."
                )
                .replace("{file}", shown_name)
                .replace("{count}", str(len(opened.templates)))
                .replace("{new}", str(new_count))
            ),
        )
        self.introLabel.setWordWrap(True)
        self.templateList = QListWidget()
        self.templateList.setObjectName("bundleTemplateList")
        self.live.bind(
            self.templateList.setAccessibleName, lambda: ui_text("Templates in the bundle")
        )
        for existing in opened.existing:
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Unchecked if existing else Qt.CheckState.Checked
            item.setCheckState(checked)
            self.templateList.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.importButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.importButton.setObjectName("bundleImportButton")
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.allButton: QPushButton = self.buttons.addButton("", role)
        self.live.bind(self.allButton.setText, lambda: ui_text("Select &all"))
        self.noneButton: QPushButton = self.buttons.addButton("", role)
        self.live.bind(self.noneButton.setText, lambda: ui_text("Select &none"))
        self.allButton.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.noneButton.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.templateList.itemChanged.connect(self._update_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.introLabel)
        layout.addWidget(self.templateList, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        """The rows and the Import button (the other texts are ``self.live``'s)."""
        rows = zip(self.opened.templates, self.opened.existing, strict=True)
        for row, (template, existing) in enumerate(rows):
            name = template.name.strip() or ui_text("(untitled)")
            shown = name if existing is None else ui_text("{name} — already in the library")
            self.templateList.item(row).setText(shown.replace("{name}", name))
        self._update_button()

    def chosen(self) -> list[Template]:
        """The checked templates, in the bundle's order."""
        return [
            template
            for row, template in enumerate(self.opened.templates)
            if self.templateList.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.templateList.count()):
            self.templateList.item(row).setCheckState(state)

    def _update_button(self) -> None:
        count = len(self.chosen())
        self.importButton.setText(ui_text("&Import {count}").replace("{count}", str(count)))
        self.importButton.setEnabled(count > 0)
