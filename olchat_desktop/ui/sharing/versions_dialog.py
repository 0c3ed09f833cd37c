""" "Who changed what": the Disk versions of one shared template (issue 19).

Disk keeps every uploaded version (``disk.file.getVersions``, newest first); each row is
one version: its number, who uploaded it, when, and its size. Read in the task pool by
the caller; this dialog only shows the rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.i18n import Lang, pick


def _when(iso: object) -> str:
    try:
        return datetime.fromisoformat(str(iso)).astimezone().strftime("%d.%m.%Y %H:%M:%S")
    except ValueError:
        return str(iso or "—")


class VersionsDialog(QDialog):
    def __init__(
        self, name: str, rows: list[dict[str, Any]], lang: Lang, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("teamVersionsDialog")
        self.setWindowTitle(pick(lang, "Версии на портале", "Versions on the portal"))
        self.resize(560, 360)
        title = QLabel(
            pick(lang, f"«{name}»: версий {len(rows)}", f'"{name}": {len(rows)} version(s)')
        )
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels(
            [
                pick(lang, "Версия", "Version"),
                pick(lang, "Кто изменил (ID)", "Changed by (ID)"),
                pick(lang, "Когда", "When"),
                pick(lang, "Размер, байт", "Size, bytes"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, version in enumerate(rows):
            cells = (
                str(version.get("GLOBAL_CONTENT_VERSION") or len(rows) - row),
                str(version.get("CREATED_BY") or "—"),
                _when(version.get("CREATE_TIME")),
                str(version.get("SIZE") or "—"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            pick(lang, "Закрыть", "Close")
        )
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
