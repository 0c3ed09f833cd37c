"""The offenders of a dry-run report as a Qt table model (sorted through a proxy).

Columns: item ID (shown as a link; the view opens the portal's item page), item title,
field, problem, length, the rendered value. Numbers sort as numbers (``SortRole``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from olchat_desktop.core.dry_run_report import field_title, problem_title
from olchat_desktop.ui.i18n import N_, current_language, ui_text

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (
    ("item_id", "ID", "ID"),
    ("title", N_("Item")),
    ("field", N_("Field")),
    ("problem", N_("Problem")),
    ("length", N_("Length")),
    ("value", N_("Value")),
)
_Index = QModelIndex | QPersistentModelIndex


class OffendersModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []

    def set_offenders(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        """Headers and the field and problem names follow the interface language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ui_text(COLUMNS[section][1])
        return None

    def _text(self, row: dict[str, Any], key: str) -> str:
        value = row.get(key)
        if key == "field":
            field = field_title(str(value or ""), current_language())
            return f"{field} {row['expression']}".strip() if row.get("expression") else field
        if key == "problem":
            return problem_title(str(value), current_language())
        if key == "length":
            if value is None:
                return ""
            return f"{value} / {row['limit']}" if row.get("limit") else str(value)
        if key == "value":
            return str(value or "").replace("\n", " ⏎ ")
        return "" if value is None else str(value)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == SORT_ROLE:
            value = row.get(key)
            if key in ("item_id", "length"):
                try:
                    return int(value or 0)
                except (TypeError, ValueError):
                    return 0
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("value", "title"):
            return str(row.get(key) or "")
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "item_id":
                return QColor("#1a73e8")
            if key == "problem" and row.get("severity") == "error":
                return QColor("#d93025")
        if role == Qt.ItemDataRole.FontRole and key == "item_id":
            font = QFont()
            font.setUnderline(True)
            return font
        return None
