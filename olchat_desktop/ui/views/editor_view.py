"""Layout of the template editor: the robot's fields in its order, with counters.

Views hold widgets and texts only (qt_anchors.md §6.2); behaviour lives in
``controllers.editor_controller``. Object names are a stable API for accessibility tools
and tests (issue 5, point 3); every control also gets an accessible name.
"""

from __future__ import annotations

import itertools
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
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
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core import limits
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

        self.toolbar = self._build_toolbar()
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

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setObjectName("formatToolbar")
        toolbar.setIconSize(QSize(16, 16))
        # Toolbar buttons take no focus, so Tab goes from field to field.
        toolbar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.boldAction = QAction("B", self)
        self.boldAction.setShortcut(QKeySequence.StandardKey.Bold)
        self.italicAction = QAction("I", self)
        self.italicAction.setShortcut(QKeySequence.StandardKey.Italic)
        self.strikeAction = QAction("S", self)
        self.strikeAction.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.monoAction = QAction("```", self)
        self.monoAction.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.codeAction = QAction("`", self)
        self.codeAction.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.bulletAction = QAction("•", self)
        self.numberedAction = QAction("1.", self)
        self.quoteAction = QAction("❝", self)
        self.formatActions = [
            self.boldAction,
            self.italicAction,
            self.strikeAction,
            self.monoAction,
            self.codeAction,
            self.bulletAction,
            self.numberedAction,
            self.quoteAction,
        ]
        for action in self.formatActions:
            # Shortcuts act only while the message field has focus.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.messageEdit.addAction(action)
            toolbar.addAction(action)
        bold_font = self.font()
        bold_font.setBold(True)
        self.boldAction.setFont(bold_font)
        italic_font = self.font()
        italic_font.setItalic(True)
        self.italicAction.setFont(italic_font)
        strike_font = self.font()
        strike_font.setStrikeOut(True)
        self.strikeAction.setFont(strike_font)
        toolbar.addSeparator()
        self.emojiButton = QToolButton()
        self.emojiButton.setObjectName("emojiButton")
        # No "😊" text: measuring it would load the colour emoji font at start-up, for a
        # button that shows its icon (icons.apply_action_icons; the text is the fallback).
        self.emojiButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(self.emojiButton)
        self.insertFieldButton = QToolButton()
        self.insertFieldButton.setObjectName("insertFieldButton")
        self.insertFieldButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addWidget(self.insertFieldButton)
        for button in toolbar.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return toolbar

    def retranslate(self) -> None:
        texts = {
            "name": self.tr("Template &name"),
            "tags": self.tr("&Tags"),
            "line": self.tr("WhatsApp &line"),
            "phone": self.tr("&Phone number"),
            "header": self.tr("&Header"),
            "message": self.tr("&Message"),
            "footer": self.tr("&Footer"),
            "button1": self.tr("Button &1"),
            "button2": self.tr("Button &2"),
            "button3": self.tr("Button &3"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
            buddy = self.labels[key].buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.replace("&", ""))
        self.tagsEdit.setPlaceholderText(self.tr("comma-separated, e.g. feedback, clinic"))
        line_edit = self.lineCombo.lineEdit()
        if line_edit is not None:  # the combo is editable, so it always has one
            line_edit.setPlaceholderText(self.tr("choose a line or type its name"))
        self.phoneEdit.setPlaceholderText(self.tr("79991234567 or {{Contact: Phone}}"))
        self.headerEdit.setPlaceholderText(self.tr("optional, no formatting"))
        self.messageEdit.setPlaceholderText(
            self.tr("Required. *bold*, _italic_, ~strike~, `code`, {{Field}} expressions")
        )
        self.footerEdit.setPlaceholderText(self.tr("optional, shown small and grey"))
        for index, edit in enumerate(self.buttonEdits):
            edit.setPlaceholderText(
                self.tr("reply button, required") if index == 0 else self.tr("optional")
            )
        self.waitForReplyCheck.setText(self.tr("&Wait for reply"))
        self.waitForReplyCheck.setAccessibleName(self.tr("Wait for reply"))
        self.waitForReplyCheck.setToolTip(
            self.tr("The robot waits for the customer's tap and returns the chosen button's text.")
        )
        self.waitNote.setText(
            self.tr(
                "The waiting robot stops if the CRM item moves to another stage; use a "
                "business process instead (Bitrix24 runs at most 2 waiting processes per "
                "item). A multi-value phone field makes a waiting robot fail."
            )
        )
        self.samplesTitle.setText(self.tr("<b>Sample values</b>"))
        self.samplesHint.setText(
            self.tr("Bitrix24 fills expressions when sending; a sample makes counters exact.")
        )
        self.samplesTable.setHorizontalHeaderLabels(
            [self.tr("Expression"), self.tr("Sample"), self.tr("Source")]
        )
        self.samplesTable.setAccessibleName(self.tr("Sample values"))
        self.refreshCatalogueButton.setText(self.tr("Refresh fields"))
        self.refreshCatalogueButton.setToolTip(self.tr("Read the portal's field list again"))
        self.fillSamplesButton.setText(self.tr("Fill from CRM…"))
        self.fillSamplesButton.setToolTip(
            self.tr("Fill every sample with the values of a real CRM item")
        )
        actions = (
            (self.boldAction, self.tr("Bold (*text*)")),
            (self.italicAction, self.tr("Italic (_text_)")),
            (self.strikeAction, self.tr("Strikethrough (~text~)")),
            (self.monoAction, self.tr("Monospace block (```text```)")),
            (self.codeAction, self.tr("Inline code (`text`)")),
            (self.bulletAction, self.tr("Bulleted list (- item)")),
            (self.numberedAction, self.tr("Numbered list (1. item)")),
            (self.quoteAction, self.tr("Quote (> text)")),
        )
        for action, tip in actions:
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} {shortcut}".strip())
            action.setStatusTip(tip)
        self.emojiButton.setToolTip(self.tr("Insert emoji"))
        self.emojiButton.setAccessibleName(self.tr("Insert emoji"))
        self.insertFieldButton.setText(self.tr("Insert field"))
        self.insertFieldButton.setAccessibleName(self.tr("Insert a Bitrix24 CRM field"))
        self.toolbar.setAccessibleName(self.tr("Message formatting"))
        for counter, field in (
            (self.headerCounter, self.tr("Header")),
            (self.messageCounter, self.tr("Message")),
            (self.footerCounter, self.tr("Footer")),
            *(
                (c, self.tr("Button {n}").format(n=i + 1))
                for i, c in enumerate(self.buttonCounters)
            ),
        ):
            counter.setAccessibleName(self.tr("%1 length").replace("%1", field))
            counter.retranslate()
