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

from olchat_desktop.ui.i18n import LiveTexts, ui_ntext, ui_text


def _when(iso: object) -> str:
    try:
        return datetime.fromisoformat(str(iso)).astimezone().strftime("%d.%m.%Y %H:%M:%S")
    except ValueError:
        return str(iso or "—")


class VersionsDialog(QDialog):
    def __init__(
        self, name: str, rows: list[dict[str, Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        self.setObjectName("teamVersionsDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Versions on the portal"))
        self.resize(560, 360)
        title = QLabel()
        count = len(rows)
        self.live.bind(
            title.setText,
            lambda: ui_ntext("«{name}»: {n} version", "«{name}»: {n} versions", count).format(
                name=name, n=count
            ),
        )
        self.table = QTableWidget(len(rows), 4)
        self.live.bind(
            self.table.setHorizontalHeaderLabels,
            lambda: [
                ui_text("Version"),
                ui_text("Changed by (ID)"),
                ui_text("When"),
                ui_text("Size, bytes"),
            ],
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
            for column, shown in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(shown))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.live.bind(
            buttons.button(QDialogButtonBox.StandardButton.Close).setText, lambda: ui_text("Close")
        )
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
