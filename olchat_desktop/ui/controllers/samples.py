"""The samples table: one row per expression in the template, with an editable sample.

A sample is what Bitrix24 would put in place of the expression; it feeds the counters
and the preview. An empty cell means "no sample" (the counter then shows ``N+?``).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

SOURCE_ROLE = Qt.ItemDataRole.UserRole


class SamplesPresenter(QObject):
    # (expression source, sample or None when the cell was emptied)
    sample_changed = Signal(str, object)

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table
        self._filling = False
        table.itemChanged.connect(self._on_item_changed)

    def show(self, sources: tuple[str, ...], samples: Mapping[str, str]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(len(sources))
            for row, source in enumerate(sources):
                expression = QTableWidgetItem(source)
                expression.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                sample = QTableWidgetItem(samples.get(source, ""))
                sample.setData(SOURCE_ROLE, source)
                self.table.setItem(row, 0, expression)
                self.table.setItem(row, 1, sample)
        finally:
            self._filling = False

    def sources(self) -> list[str]:
        items = (self.table.item(row, 0) for row in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]

    def set_sample(self, source: str, value: str) -> None:
        """Type a sample into the row of ``source`` (as the user would)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            if item is not None and item.data(SOURCE_ROLE) == source:
                item.setText(value)
                return
        raise KeyError(source)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1:
            return
        source = item.data(SOURCE_ROLE)
        text = item.text()
        self.sample_changed.emit(source, text if text != "" else None)
