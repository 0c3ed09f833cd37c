"""The samples table: one row per expression in the template, with an editable sample.

A sample is what Bitrix24 would put in place of the expression; it feeds the counters
and the preview. An empty cell means "no sample" (the counter then shows ``N+?``), unless
the sample was filled from a CRM item whose field is empty: then it is an empty sample
(the field prints nothing) and the third column says so. That column shows where a
sample came from ("из сделки #12"); typing in a cell makes it the user's own again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from olchat_desktop.core.expressions import find_expressions
from olchat_desktop.core.i18n import Lang
from olchat_desktop.ui.fill_samples.origin import ItemOrigin, latest_origin
from olchat_desktop.ui.i18n import ui_text

__all__ = ["ItemOrigin", "SamplesPresenter", "latest_origin"]

SOURCE_ROLE = Qt.ItemDataRole.UserRole


class SamplesPresenter(QObject):
    # (expression source, sample or None when the cell was emptied)
    sample_changed = Signal(str, object)

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table
        self._filling = False
        table.itemChanged.connect(self._on_item_changed)

    def show(
        self,
        sources: tuple[str, ...],
        samples: Mapping[str, str],
        origins: Mapping[str, str] | None = None,
    ) -> None:
        """``origins``: source -> where its sample came from ("из сделки #12")."""
        origins = origins or {}
        self._filling = True
        try:
            self.table.setRowCount(len(sources))
            for row, source in enumerate(sources):
                expression = QTableWidgetItem(source)
                expression.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                sample = QTableWidgetItem(samples.get(source, ""))
                sample.setData(SOURCE_ROLE, source)
                origin_text = origins.get(source, "")
                if origin_text and samples.get(source) == "":
                    origin_text += ui_text(" (empty there)")
                origin = QTableWidgetItem(origin_text)
                origin.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, 0, expression)
                self.table.setItem(row, 1, sample)
                self.table.setItem(row, 2, origin)
        finally:
            self._filling = False

    def origin_text(self, source: str) -> str:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            if item is not None and item.data(SOURCE_ROLE) == source:
                origin = self.table.item(row, 2)
                return origin.text() if origin is not None else ""
        raise KeyError(source)

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
        origin = self.table.item(item.row(), 2)
        if origin is not None and origin.text():
            self._filling = True  # typed over: no longer the item's value
            try:
                origin.setText("")
            finally:
                self._filling = False
        self.sample_changed.emit(source, text if text != "" else None)


def expression_sources(texts: Iterable[str]) -> tuple[str, ...]:
    """The expressions in ``texts``, each once, in the order they first appear: the rows
    of the samples table."""
    sources: list[str] = []
    for text in texts:
        if "{" in text:  # most fields have none: skip the scan
            for expression in find_expressions(text):
                if expression.source not in sources:
                    sources.append(expression.source)
    return tuple(sources)


def origin_texts(sample_origins: Mapping[str, str], lang: Lang) -> dict[str, str]:
    """Expression -> "from deal #12" for the samples filled from a CRM item."""
    texts: dict[str, str] = {}
    for source, ref in sample_origins.items():
        origin = ItemOrigin.from_ref(ref)
        if origin is not None:
            texts[source] = origin.text(lang)
    return texts
