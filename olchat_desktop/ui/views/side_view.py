"""Layout of the right column: the send button, the live preview and the problems list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.ui.i18n import ui_text


class SideView(QWidget):
    def __init__(self, preview: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideView")
        self.preview = preview
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        top = QHBoxLayout()
        self.previewTitle = QLabel()
        self.sendTestButton = QPushButton()
        self.sendTestButton.setObjectName("sendTestButton")
        top.addWidget(self.previewTitle, 1)
        top.addWidget(self.sendTestButton)
        layout.addLayout(top)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sideSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(preview)
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 4, 0, 0)
        self.problemsTitle = QLabel()
        self.problemsList = QListWidget()
        self.problemsList.setObjectName("problemsList")
        self.problemsList.setWordWrap(True)
        self.problemsTitle.setBuddy(self.problemsList)
        problems_layout.addWidget(self.problemsTitle)
        problems_layout.addWidget(self.problemsList)
        self.splitter.addWidget(problems_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.previewTitle.setText(ui_text("<b>Preview</b>"))
        self.sendTestButton.setText(ui_text("Send test…"))
        self.sendTestButton.setAccessibleName(ui_text("Send a test message"))
        self.sendTestButton.setToolTip(ui_text("Send this template to a test phone (Ctrl+Enter)"))
        self._problems_title = ui_text("<b>&Problems</b> — errors: {errors}, warnings: {warnings}")
        self.problemsList.setAccessibleName(ui_text("Problems"))
        if not self.preview.accessibleName():
            self.preview.setAccessibleName(ui_text("WhatsApp preview"))

    def set_problem_counts(self, errors: int, warnings: int) -> None:
        self.problemsTitle.setText(self._problems_title.format(errors=errors, warnings=warnings))
