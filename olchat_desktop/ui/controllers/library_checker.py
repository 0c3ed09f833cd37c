"""The checking pass after an import, in the background (issue 15; the work itself is
``storage.library_checking``): rows of a bulk import arrive "not yet checked", and this
runs the pass through ``ui.tasks.start_task`` and hands each batch's new statuses to
the sidebar, which updates the loaded rows in place (``dataChanged``).

Batches cross to the GUI thread through a queue: the task's ``report`` only wakes the
GUI side (a queued signal carrying how many rows remain), which then drains the queue.
A start while a pass runs asks for one more pass after it (a second import).
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from olchat_desktop.cancel import CancelToken
    from olchat_desktop.storage.library_checking import Checked
    from olchat_desktop.ui.tasks import Report, TaskHandle


class LibraryChecker(QObject):
    checked = Signal(object, int)  # list[Checked], how many rows are still pending
    finished = Signal()  # the pass ended: every row checked, or it failed / was stopped
    failed = Signal(object)  # the LibraryError (or other exception)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._batches: queue.SimpleQueue[list[Checked]] = queue.SimpleQueue()
        self._handle: TaskHandle | None = None
        self._again = False
        self._remaining = 0

    @property
    def running(self) -> bool:
        return self._handle is not None

    def start(self) -> None:
        if self._handle is not None:
            self._again = True
            return
        from olchat_desktop.storage.library_checking import check_pending
        from olchat_desktop.ui.tasks import start_task

        path, batches = self._path, self._batches

        def work(token: CancelToken, report: Report) -> int:
            def on_batch(batch: list[Checked], remaining: int) -> None:
                batches.put(batch)
                report(str(remaining))

            return check_pending(path, token, on_batch)

        self._handle = start_task(work, self)
        self._handle.progressed.connect(self._drain)
        self._handle.failed.connect(self.failed)
        self._handle.finished.connect(self._on_finished)

    def stop(self) -> None:
        """Stop after the batch in flight (the window is closing); the rows left stay
        pending for the next start."""
        self._again = False
        if self._handle is not None:
            self._handle.token.cancel()

    def _drain(self, remaining: str | None = None) -> None:
        if remaining is not None:
            self._remaining = int(remaining)
        while True:
            try:
                batch = self._batches.get_nowait()
            except queue.Empty:
                return
            self.checked.emit(batch, self._remaining)

    def _on_finished(self) -> None:
        self._drain()
        self._handle = None
        if self._again:
            self._again = False
            self.start()
            return
        self.finished.emit()
