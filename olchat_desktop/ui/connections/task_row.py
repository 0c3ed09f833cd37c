"""A busy indicator, a status line and a Cancel button for one background task at a time.

Every connections action (test, save, sign in, remove) runs through :meth:`TaskRow.run`,
which uses :func:`olchat_desktop.ui.tasks.start_task`: the work runs off the GUI thread,
the row shows progress, and Cancel drops the task's result at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from olchat_desktop.connections.errors import user_message
from olchat_desktop.ui.i18n import LiveTexts, current_language, ui_text
from olchat_desktop.ui.tasks import TaskHandle, Work, start_task


class TaskRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Every status text goes through it, so a language switch never brings back an
        # older one; an error is made again in the new language.
        self.live = LiveTexts(self)
        self.handle: TaskHandle | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar()
        self.progress.setObjectName("taskProgress")
        self.progress.setRange(0, 0)  # busy: network calls have no known length
        self.progress.setMaximumWidth(120)
        self.status = QLabel()
        self.status.setObjectName("taskStatus")
        self.status.setWordWrap(True)
        self.cancelButton = QPushButton()
        self.live.bind(self.cancelButton.setText, lambda: ui_text("Cancel"))
        self.cancelButton.setObjectName("taskCancel")
        self.cancelButton.setAutoDefault(False)  # Return must never cancel by accident
        self.cancelButton.clicked.connect(self.cancel)
        layout.addWidget(self.progress)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.cancelButton)
        self._set_busy(False)

    @property
    def busy(self) -> bool:
        return self.handle is not None and self.handle.running

    def run(
        self,
        work: Work,
        message: str,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> TaskHandle | None:
        """Start ``work`` unless a task is already running (no accidental double action)."""
        if self.busy:
            return None
        self.show_text(message)
        self._set_busy(True)
        handle = start_task(work, self)
        self.handle = handle
        handle.progressed.connect(self.show_text)
        handle.succeeded.connect(on_success)
        handle.failed.connect(on_failure or self.show_error)
        handle.cancelled.connect(lambda: self.live.set(self.status, lambda: ui_text("Cancelled.")))
        handle.finished.connect(lambda: self._set_busy(False))
        return handle

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def show_error(self, error: BaseException) -> None:
        self.live.set(self.status, lambda: user_message(error, current_language()))
        self.status.setProperty("error", True)

    def show_text(self, text: str) -> None:
        self.live.set(self.status, lambda: text)
        self.status.setProperty("error", False)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancelButton.setVisible(busy)
        self.cancelButton.setEnabled(busy)
