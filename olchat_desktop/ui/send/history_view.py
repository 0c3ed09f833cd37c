"""The send history dialog: filter by path, result and text; open a template as it was
sent (handed to ``on_open``); export what is shown as CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.template import Template
from olchat_desktop.send.history import HistoryEntry, SendHistory
from olchat_desktop.send.outcome import RESULTS, result_text
from olchat_desktop.ui.i18n import N_, current_language, follow_language, ui_text

_COLUMNS = (
    ("sent_at", N_("Time")),
    ("path", N_("Path")),
    ("connection", N_("Connection")),
    ("recipient", N_("Recipient")),
    ("template_name", N_("Template")),
    ("template_version", N_("Version")),
    ("result", N_("Result")),
    ("message_id", N_("Message")),
    ("workflow_id", N_("Workflow")),
    ("reply", N_("Reply")),
    ("detail", N_("Details")),
)


class SendHistoryDialog(QDialog):
    def __init__(
        self,
        history: SendHistory,
        parent: QWidget | None = None,
        on_open: Callable[[Template], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendHistoryDialog")
        self.history, self.on_open = history, on_open
        self.entries: list[HistoryEntry] = []
        self.opened_template: Template | None = None
        self.resize(900, 420)
        root = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.searchEdit = QLineEdit()
        self.searchEdit.setObjectName("historySearch")
        self.pathCombo = QComboBox()
        self.pathCombo.setObjectName("historyPath")
        for path in ("", "olchat", "workflow"):
            self.pathCombo.addItem("", path)
        self.resultCombo = QComboBox()
        self.resultCombo.setObjectName("historyResult")
        for result in ("", *RESULTS):
            self.resultCombo.addItem("", result)
        for widget in (self.searchEdit, self.pathCombo, self.resultCombo):
            filters.addWidget(widget)
        root.addLayout(filters)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("historyTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        root.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.openButton = QPushButton()
        self.openButton.setObjectName("openAsSentButton")
        self.exportButton = QPushButton()
        self.exportButton.setObjectName("exportCsvButton")
        self.closeButton = close = QPushButton()
        close.clicked.connect(self.reject)
        buttons.addWidget(self.openButton)
        buttons.addStretch(1)
        buttons.addWidget(self.exportButton)
        buttons.addWidget(close)
        root.addLayout(buttons)
        self.searchEdit.textChanged.connect(lambda _t: self.refresh())
        self.pathCombo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.resultCombo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.openButton.clicked.connect(self.open_selected)
        self.exportButton.clicked.connect(lambda: self.export_csv())
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(ui_text("Send history"))
        self.searchEdit.setPlaceholderText(ui_text("Search: template, number, id"))
        for index, shown in enumerate(
            (ui_text("All paths"), "OLChat REST", ui_text("Business process"))
        ):
            self.pathCombo.setItemText(index, shown)
        self.resultCombo.setItemText(0, ui_text("All results"))
        for index, result in enumerate(RESULTS, start=1):
            self.resultCombo.setItemText(index, result_text(result, lang))
        self.table.setHorizontalHeaderLabels([ui_text(title) for _, title in _COLUMNS])
        self.openButton.setText(ui_text("Open template as sent"))
        self.exportButton.setText(ui_text("Export CSV…"))
        self.closeButton.setText(ui_text("Close"))
        self.refresh()

    def refresh(self) -> None:
        self.entries = self.history.entries(
            path=self.pathCombo.currentData() or None,
            result=self.resultCombo.currentData() or None,
            text=self.searchEdit.text(),
        )
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, (name, _) in enumerate(_COLUMNS):
                value = str(getattr(entry, name))
                shown = result_text(value, current_language()) if name == "result" else value
                self.table.setItem(row, column, QTableWidgetItem(shown))
        if self.entries:
            self.table.selectRow(0)

    def open_selected(self) -> Template | None:
        """The selected send's template snapshot, given to ``on_open`` (the window shows it)."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            return None
        self.opened_template = self.history.template_as_sent(self.entries[row].send_id)
        if self.opened_template is not None:
            if self.on_open is not None:
                self.on_open(self.opened_template)
            self.accept()
        return self.opened_template

    def export_csv(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                ui_text("Export history"),
                "send-history.csv",
                "CSV (*.csv)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        with path.open("w", encoding="utf-8-sig", newline="") as stream:  # BOM: Excel opens UTF-8
            self.history.export_csv(stream, self.entries)
        return path
