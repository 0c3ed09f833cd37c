""" "Something went wrong": the dialog an unexpected exception shows (issue 18).

Says calmly that the last action was interrupted and the templates are saved (the
exception hook saves the edited template before showing this), and shows the redacted
report (``crash_report``) in a read-only field with a Copy button, so a user can send it
without hunting for the log file. One dialog at a time: an error while it is open (a
repaint that keeps failing) is logged, not stacked as a second dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.ui.i18n import LiveTexts, ui_text


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        self.setObjectName("crashDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Something went wrong"))
        self.resize(640, 420)
        self.messageLabel = QLabel()
        self.live.bind(
            self.messageLabel.setText,
            lambda: ui_text(
                "An unexpected error interrupted the last action. Your templates are "
                "saved, so you can carry on. If it happens again, please send this "
                "report to the developers; secrets such as webhook addresses are removed "
                "from it."
            ),
        )
        self.messageLabel.setWordWrap(True)
        self.reportEdit = QPlainTextEdit(report)
        self.reportEdit.setObjectName("crashReport")
        self.reportEdit.setReadOnly(True)
        self.reportEdit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.live.bind(self.reportEdit.setAccessibleName, lambda: ui_text("Error report"))
        self.logLabel = QLabel()
        self.live.bind(
            self.logLabel.setText,
            lambda: ui_text("The log is in {path}").replace("{path}", log_path),
        )
        self.logLabel.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copyButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.live.bind(self.copyButton.setText, lambda: ui_text("&Copy report"))
        self.copyButton.setObjectName("copyReportButton")
        self.copyButton.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messageLabel)
        layout.addWidget(self.reportEdit, 1)
        layout.addWidget(self.logLabel)
        layout.addWidget(self.buttons)

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.reportEdit.toPlainText())
        self.copyButton.setText(ui_text("Copied"))
