"""Layout of the template editor: the robot's fields in its order, with counters.

Views hold widgets and texts only (qt_anchors.md §6.2); behaviour lives in
``controllers.editor_controller``. Object names are a stable API for accessibility tools
and tests (issue 5, point 3); every control also gets an accessible name.
"""

from __future__ import annotations

import itertools
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core import limits
from olchat_desktop.ui.i18n import ui_text
from olchat_desktop.ui.views.format_toolbar import FormatToolbar
from olchat_desktop.ui.widgets.counter_label import CounterLabel

BUTTON_COUNT = limits.MAX_BUTTONS


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class EditorView(QScrollArea):
    """The editor column. Public widgets are used by the controller and by tests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(8, 8, 8, 8)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)

        self.nameEdit = QLineEdit()
        self.tagsEdit = QLineEdit()
        self.lineCombo = QComboBox()
        self.lineCombo.setEditable(True)
        self.lineCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.phoneEdit = QLineEdit()
        self.headerEdit = QLineEdit()
        self.messageEdit = QPlainTextEdit()
        # Tab moves to the next field (robot order) instead of typing a tab character.
        self.messageEdit.setTabChangesFocus(True)
        self.messageEdit.setMinimumHeight(150)
        self.footerEdit = QLineEdit()
        self.buttonEdits = [QLineEdit() for _ in range(BUTTON_COUNT)]
        self.waitForReplyCheck = QCheckBox()
        self.waitNote = QLabel()
        self.waitNote.setWordWrap(True)
        self.waitNote.setVisible(False)

        self.headerCounter = CounterLabel(limits.HEADER)
        self.messageCounter = CounterLabel(limits.MESSAGE)
        self.footerCounter = CounterLabel(limits.FOOTER)
        self.buttonCounters = [CounterLabel(limits.BUTTON) for _ in range(BUTTON_COUNT)]

        names = {
            "nameEdit": self.nameEdit,
            "tagsEdit": self.tagsEdit,
            "lineCombo": self.lineCombo,
            "phoneEdit": self.phoneEdit,
            "headerEdit": self.headerEdit,
            "messageEdit": self.messageEdit,
            "footerEdit": self.footerEdit,
            "waitForReplyCheck": self.waitForReplyCheck,
            "headerCounter": self.headerCounter,
            "messageCounter": self.messageCounter,
            "footerCounter": self.footerCounter,
        }
        for index in range(BUTTON_COUNT):
            names[f"button{index + 1}Edit"] = self.buttonEdits[index]
            names[f"button{index + 1}Counter"] = self.buttonCounters[index]
        for name, widget in names.items():
            widget.setObjectName(name)

        tools = FormatToolbar(self, self.messageEdit)
        self.formatTools = tools
        self.toolbar = tools.toolbar
        self.boldAction, self.italicAction = tools.boldAction, tools.italicAction
        self.strikeAction, self.monoAction = tools.strikeAction, tools.monoAction
        self.codeAction, self.bulletAction = tools.codeAction, tools.bulletAction
        self.numberedAction, self.quoteAction = tools.numberedAction, tools.quoteAction
        self.formatActions = tools.formatActions
        self.emojiButton, self.insertFieldButton = tools.emojiButton, tools.insertFieldButton
        self.labels: dict[str, QLabel] = {}
        row = 0
        for key, widget, counter in (
            ("name", self.nameEdit, None),
            ("tags", self.tagsEdit, None),
            ("line", self.lineCombo, None),
            ("phone", self.phoneEdit, None),
            ("header", self.headerEdit, self.headerCounter),
        ):
            row = self._add_row(grid, row, key, widget, counter)
        grid.addWidget(self.toolbar, row, 1, 1, 2)
        row += 1
        row = self._add_row(grid, row, "message", self.messageEdit, self.messageCounter)
        row = self._add_row(grid, row, "footer", self.footerEdit, self.footerCounter)
        for index in range(BUTTON_COUNT):
            row = self._add_row(
                grid, row, f"button{index + 1}", self.buttonEdits[index], self.buttonCounters[index]
            )
        grid.addWidget(self.waitForReplyCheck, row, 1, 1, 2)
        grid.addWidget(self.waitNote, row + 1, 1, 1, 2)

        self.samplesTitle = QLabel()
        self.samplesHint = QLabel()
        self.samplesHint.setWordWrap(True)
        # Expression | sample | where the sample came from ("из сделки #12", or blank).
        self.samplesTable = _named(QTableWidget(0, 3), "samplesTable")
        assert isinstance(self.samplesTable, QTableWidget)
        columns = self.samplesTable.horizontalHeader()
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.samplesTable.verticalHeader().setVisible(False)
        self.samplesTable.setMinimumHeight(110)
        # The field catalogue in use (portal or built-in) and the portal-backed actions.
        portal_row = QHBoxLayout()
        self.catalogueStatusLabel = _named(QLabel(), "catalogueStatusLabel")
        self.catalogueStatusLabel.setWordWrap(True)
        self.refreshCatalogueButton = _named(QPushButton(), "refreshCatalogueButton")
        self.fillSamplesButton = _named(QPushButton(), "fillSamplesButton")
        self.refillSamplesButton = _named(QPushButton(), "refillSamplesButton")
        self.refillSamplesButton.setVisible(False)  # shown once samples came from an item
        portal_row.addWidget(self.refreshCatalogueButton)
        portal_row.addWidget(self.fillSamplesButton)
        portal_row.addWidget(self.refillSamplesButton)
        portal_row.addStretch(1)
        outer.addSpacing(8)
        outer.addWidget(self.samplesTitle)
        outer.addWidget(self.samplesHint)
        outer.addWidget(self.catalogueStatusLabel)
        outer.addLayout(portal_row)
        outer.addWidget(self.samplesTable)
        outer.addStretch(1)

        # Tab order = the robot's order (issue 5, point 3).
        chain: list[QWidget] = [
            self.nameEdit,
            self.tagsEdit,
            self.lineCombo,
            self.phoneEdit,
            self.headerEdit,
            self.messageEdit,
            self.footerEdit,
            *self.buttonEdits,
            self.waitForReplyCheck,
            self.refreshCatalogueButton,
            self.fillSamplesButton,
            self.refillSamplesButton,
            self.samplesTable,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def _add_row(
        self, grid: QGridLayout, row: int, key: str, widget: QWidget, counter: QLabel | None
    ) -> int:
        label = QLabel()
        label.setBuddy(widget)
        label.setObjectName(f"{key}Label")
        self.labels[key] = label
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if isinstance(widget, QPlainTextEdit):
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        grid.addWidget(label, row, 0, align)
        grid.addWidget(widget, row, 1)
        if counter is not None:
            grid.addWidget(counter, row, 2, align)
        return row + 1

    def widget_for(self, field: str) -> QWidget | None:
        """The widget that edits a template field ("buttons[1]" is the second button)."""
        if field.startswith("buttons"):
            index = int(field[8]) if field.startswith("buttons[") else 0
            return self.buttonEdits[min(index, BUTTON_COUNT - 1)]
        return {
            "name": self.nameEdit,
            "tags": self.tagsEdit,
            "line": self.lineCombo,
            "phone": self.phoneEdit,
            "header": self.headerEdit,
            "message": self.messageEdit,
            "footer": self.footerEdit,
            "wait_for_reply": self.waitForReplyCheck,
        }.get(field)

    def counter_for(self, field: str) -> CounterLabel | None:
        return {
            "header": self.headerCounter,
            "message": self.messageCounter,
            "footer": self.footerCounter,
        }.get(field)

    def retranslate(self) -> None:
        texts = {
            "name": ui_text("Template &name"),
            "tags": ui_text("&Tags"),
            "line": ui_text("WhatsApp &line"),
            "phone": ui_text("&Phone number"),
            "header": ui_text("&Header"),
            "message": ui_text("&Message"),
            "footer": ui_text("&Footer"),
            "button1": ui_text("Button &1"),
            "button2": ui_text("Button &2"),
            "button3": ui_text("Button &3"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
            buddy = self.labels[key].buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.replace("&", ""))
        self.tagsEdit.setPlaceholderText(ui_text("comma-separated, e.g. feedback, clinic"))
        line_edit = self.lineCombo.lineEdit()
        if line_edit is not None:  # the combo is editable, so it always has one
            line_edit.setPlaceholderText(ui_text("choose a line or type its name"))
        self.phoneEdit.setPlaceholderText(ui_text("79991234567 or {{Contact: Phone}}"))
        self.headerEdit.setPlaceholderText(ui_text("optional, no formatting"))
        self.messageEdit.setPlaceholderText(
            ui_text("Required. *bold*, _italic_, ~strike~, `code`, {{Field}} expressions")
        )
        self.footerEdit.setPlaceholderText(ui_text("optional, shown small and grey"))
        for index, edit in enumerate(self.buttonEdits):
            edit.setPlaceholderText(
                ui_text("reply button, required") if index == 0 else ui_text("optional")
            )
        self.waitForReplyCheck.setText(ui_text("&Wait for reply"))
        self.waitForReplyCheck.setAccessibleName(ui_text("Wait for reply"))
        self.waitForReplyCheck.setToolTip(
            ui_text("The robot waits for the customer's tap and returns the chosen button's text.")
        )
        self.waitNote.setText(
            ui_text(
                "The waiting robot stops if the CRM item moves to another stage; use a "
                "business process instead (Bitrix24 runs at most 2 waiting processes per "
                "item). A multi-value phone field makes a waiting robot fail."
            )
        )
        self.samplesTitle.setText(ui_text("<b>Sample values</b>"))
        self.samplesHint.setText(
            ui_text("Bitrix24 fills expressions when sending; a sample makes counters exact.")
        )
        self.samplesTable.setHorizontalHeaderLabels(
            [ui_text("Expression"), ui_text("Sample"), ui_text("Source")]
        )
        self.samplesTable.setAccessibleName(ui_text("Sample values"))
        self.refreshCatalogueButton.setText(ui_text("Refresh fields"))
        self.refreshCatalogueButton.setToolTip(ui_text("Read the portal's field list again"))
        self.fillSamplesButton.setText(ui_text("Fill from CRM…"))
        self.fillSamplesButton.setToolTip(
            ui_text("Fill every sample with the values of a real CRM item")
        )
        self.formatTools.retranslate()
        for counter, field in (
            (self.headerCounter, ui_text("Header")),
            (self.messageCounter, ui_text("Message")),
            (self.footerCounter, ui_text("Footer")),
            *(
                (c, ui_text("Button {n}").format(n=i + 1))
                for i, c in enumerate(self.buttonCounters)
            ),
        ):
            counter.setAccessibleName(ui_text("%1 length").replace("%1", field))
            counter.retranslate()
