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

from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.core.template import Template
from olchat_desktop.send.history import HistoryEntry, SendHistory
from olchat_desktop.send.outcome import RESULTS, result_text

_COLUMNS = (
    ("sent_at", "Время", "Time"),
    ("path", "Путь", "Path"),
    ("connection", "Подключение", "Connection"),
    ("recipient", "Получатель", "Recipient"),
    ("template_name", "Шаблон", "Template"),
    ("template_version", "Версия", "Version"),
    ("result", "Результат", "Result"),
    ("message_id", "Сообщение", "Message"),
    ("workflow_id", "Процесс", "Workflow"),
    ("reply", "Ответ", "Reply"),
    ("detail", "Подробности", "Details"),
)


class SendHistoryDialog(QDialog):
    def __init__(
        self,
        history: SendHistory,
        lang: Lang,
        parent: QWidget | None = None,
        on_open: Callable[[Template], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendHistoryDialog")
        self.history, self.lang, self.on_open = history, lang, on_open
        self.entries: list[HistoryEntry] = []
        self.opened_template: Template | None = None
        self.resize(900, 420)
        self.setWindowTitle(pick(lang, "История отправок", "Send history"))
        root = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.searchEdit = QLineEdit()
        self.searchEdit.setObjectName("historySearch")
        self.searchEdit.setPlaceholderText(
            pick(lang, "Поиск: шаблон, номер, id", "Search: template, number, id")
        )
        self.pathCombo = QComboBox()
        self.pathCombo.setObjectName("historyPath")
        self.pathCombo.addItem(pick(lang, "Все пути", "All paths"), "")
        self.pathCombo.addItem("OLChat REST", "olchat")
        self.pathCombo.addItem(pick(lang, "Бизнес-процесс", "Business process"), "workflow")
        self.resultCombo = QComboBox()
        self.resultCombo.setObjectName("historyResult")
        self.resultCombo.addItem(pick(lang, "Все результаты", "All results"), "")
        for result in RESULTS:
            self.resultCombo.addItem(result_text(result, lang), result)
        for widget in (self.searchEdit, self.pathCombo, self.resultCombo):
            filters.addWidget(widget)
        root.addLayout(filters)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels([pick(lang, ru, en) for _, ru, en in _COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        root.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.openButton = QPushButton(
            pick(lang, "Открыть шаблон как отправлен", "Open template as sent")
        )
        self.openButton.setObjectName("openAsSentButton")
        self.exportButton = QPushButton(pick(lang, "Экспорт CSV…", "Export CSV…"))
        self.exportButton.setObjectName("exportCsvButton")
        close = QPushButton(pick(lang, "Закрыть", "Close"))
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
        self.refresh()

    def refresh(self) -> None:
        self.entries = self.history.entries(
            path=self.pathCombo.currentData() or None,
            result=self.resultCombo.currentData() or None,
            text=self.searchEdit.text(),
        )
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, (name, _, _) in enumerate(_COLUMNS):
                value = str(getattr(entry, name))
                shown = result_text(value, self.lang) if name == "result" else value
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
                pick(self.lang, "Экспорт истории", "Export history"),
                "send-history.csv",
                "CSV (*.csv)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        with path.open("w", encoding="utf-8-sig", newline="") as stream:  # BOM: Excel opens UTF-8
            self.history.export_csv(stream, self.entries)
        return path
