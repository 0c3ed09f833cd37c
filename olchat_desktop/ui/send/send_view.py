"""Layout of the send dialog: path, connection, recipient, problems, path pages, progress.

Texts come from :meth:`SendView.retranslate`, which the controller calls again on every
language change (it also remakes the texts that depend on the send's state).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.i18n import text
from olchat_desktop.send import olchat_path, workflow_path
from olchat_desktop.ui.i18n import current_language


class SendView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendDialog")
        self.setMinimumWidth(640)
        root = QVBoxLayout(self)

        self.pathBox = QGroupBox()
        path_layout = QVBoxLayout(self.pathBox)
        self.olchatRadio = QRadioButton()
        self.olchatRadio.setObjectName("olchatRadio")
        self.workflowRadio = QRadioButton()
        self.workflowRadio.setObjectName("workflowRadio")
        self.pathGroup = QButtonGroup(self)
        self.pathGroup.addButton(self.olchatRadio)
        self.pathGroup.addButton(self.workflowRadio)
        self.pathExplanation = QLabel()
        self.pathExplanation.setObjectName("pathExplanation")
        self.pathExplanation.setWordWrap(True)
        for widget in (self.olchatRadio, self.workflowRadio, self.pathExplanation):
            path_layout.addWidget(widget)
        root.addWidget(self.pathBox)

        form = QFormLayout()
        self.connectionLabel = QLabel()
        self.connectionCombo = QComboBox()
        self.connectionCombo.setObjectName("connectionCombo")
        self.recipientLabel = QLabel()
        self.recipientCombo = QComboBox()
        self.recipientCombo.setObjectName("recipientCombo")
        self.recipientCombo.setEditable(True)
        self.waitLabel = QLabel()
        self.waitSpin = QDoubleSpinBox()
        self.waitSpin.setObjectName("waitSpin")
        self.waitSpin.setRange(5, 3600)
        self.waitSpin.setValue(120)
        self.waitSpin.setDecimals(0)
        form.addRow(self.connectionLabel, self.connectionCombo)
        form.addRow(self.recipientLabel, self.recipientCombo)
        form.addRow(self.waitLabel, self.waitSpin)
        root.addLayout(form)
        self.demoNote = QLabel()
        self.demoNote.setObjectName("demoNote")
        self.demoNote.setWordWrap(True)
        root.addWidget(self.demoNote)

        self.problemsList = QListWidget()
        self.problemsList.setObjectName("problemsList")
        self.problemsList.setMaximumHeight(80)
        root.addWidget(self.problemsList)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._olchat_page())
        self.pages.addWidget(self._workflow_page())
        root.addWidget(self.pages, 1)

        self.progressBar = QProgressBar()
        self.progressBar.setObjectName("progressBar")
        self.progressBar.setRange(0, 0)
        self.progressBar.setVisible(False)
        self.statusLabel = QLabel()
        self.statusLabel.setObjectName("statusLabel")
        self.statusLabel.setWordWrap(True)
        self.resultLabel = QLabel()
        self.resultLabel.setObjectName("resultLabel")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(self.resultLabel.textInteractionFlags())
        root.addWidget(self.progressBar)
        root.addWidget(self.statusLabel)
        root.addWidget(self.resultLabel)

        buttons = QHBoxLayout()
        self.terminateButton = QPushButton()
        self.terminateButton.setObjectName("terminateButton")
        self.terminateButton.setVisible(False)
        self.cancelButton = QPushButton()
        self.cancelButton.setObjectName("cancelButton")
        self.cancelButton.setEnabled(False)
        self.sendButton = QPushButton()
        self.sendButton.setObjectName("sendButton")
        self.sendButton.setDefault(True)
        self.closeButton = QPushButton()
        self.closeButton.setObjectName("closeButton")
        self.closeButton.clicked.connect(self.reject)
        buttons.addWidget(self.terminateButton)
        buttons.addStretch(1)
        for button in (self.cancelButton, self.sendButton, self.closeButton):
            buttons.addWidget(button)
        root.addLayout(buttons)

    def _olchat_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.previewLabel = QLabel()
        self.previewText = QPlainTextEdit()
        self.previewText.setObjectName("previewText")
        self.previewText.setReadOnly(True)
        layout.addWidget(self.previewLabel)
        layout.addWidget(self.previewText)
        return page

    def _workflow_page(self) -> QWidget:
        page = QWidget()
        layout = QFormLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.workflowCombo = QComboBox()
        self.workflowCombo.setObjectName("workflowCombo")
        self.refreshButton = QPushButton()
        self.refreshButton.setObjectName("refreshTemplatesButton")
        row.addWidget(self.workflowCombo, 1)
        row.addWidget(self.refreshButton)
        self.workflowLabel = QLabel()
        layout.addRow(self.workflowLabel, row)
        self.mappingTable = QTableWidget(0, 2)
        self.mappingTable.setObjectName("mappingTable")
        self.mappingTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mappingTable.verticalHeader().setVisible(False)
        self.mappingTable.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mappingLabel = QLabel()
        layout.addRow(self.mappingLabel, self.mappingTable)
        item_row = QHBoxLayout()
        self.itemCombo = QComboBox()
        self.itemCombo.setObjectName("itemCombo")
        self.findButton = QPushButton()
        self.findButton.setObjectName("findItemsButton")
        self.itemIdEdit = QLineEdit()
        self.itemIdEdit.setObjectName("itemIdEdit")
        self.itemIdEdit.setMaximumWidth(90)
        item_row.addWidget(self.itemCombo, 1)
        item_row.addWidget(self.findButton)
        item_row.addWidget(self.itemIdEdit)
        self.itemLabel = QLabel()
        layout.addRow(self.itemLabel, item_row)
        self.runningLabel = QLabel()
        self.runningLabel.setObjectName("runningLabel")
        self.runningLabel.setWordWrap(True)
        layout.addRow(self.runningLabel)
        return page

    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(text(lang, "Send a test"))
        self.pathBox.setTitle(text(lang, "Send path"))
        self.olchatRadio.setText(text(lang, "OLChat REST — text version, no buttons"))
        self.workflowRadio.setText(text(lang, "Bitrix24 business process — the real robot"))
        explanation = (
            olchat_path.path_explanation(lang)
            if self.olchatRadio.isChecked()
            else workflow_path.path_explanation(lang)
        )
        self.pathExplanation.setText(explanation)
        self.connectionLabel.setText(
            text(lang, "OLChat line:") if self.olchatRadio.isChecked() else text(lang, "Portal:")
        )
        self.recipientLabel.setText(text(lang, "Recipient:"))
        self.waitLabel.setText(text(lang, "Wait, s:"))
        self.previewLabel.setText(text(lang, "Exactly this text goes out:"))
        self.workflowLabel.setText(text(lang, "Workflow:"))
        self.refreshButton.setText(text(lang, "Refresh"))
        self.mappingLabel.setText(text(lang, "Parameters:"))
        self.mappingTable.setHorizontalHeaderLabels(
            [
                text(lang, "Workflow parameter"),
                text(lang, "Template field"),
            ]
        )
        self.itemLabel.setText(text(lang, "CRM item:"))
        self.findButton.setText(text(lang, "Find by number"))
        self.itemIdEdit.setPlaceholderText(text(lang, "or ID"))
        self.terminateButton.setText(text(lang, "Terminate workflow"))
        self.cancelButton.setText(text(lang, "Cancel"))
        self.sendButton.setText(text(lang, "Send"))
        self.closeButton.setText(text(lang, "Close"))
