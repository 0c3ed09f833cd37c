"""Background tasks: run blocking work off the GUI thread, with progress and Cancel.

Every network or disk-heavy call goes through :func:`start_task`. The work function runs
in Qt's global thread pool and receives a :class:`CancelToken` and a ``report`` callable;
results come back to the GUI thread through queued signals on a :class:`TaskHandle`.
Cancelling is cooperative: the token is set, the handle emits ``cancelled`` at once (so
the UI never waits for a slow socket), and whatever the work returns later is dropped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from olchat_desktop.cancel import CancelToken, TaskCancelled

__all__ = ["CancelToken", "Report", "TaskCancelled", "TaskHandle", "start_task"]


Report = Callable[[str], None]
Work = Callable[[CancelToken, Report], Any]


class TaskHandle(QObject):
    """The GUI-thread side of one task. Exactly one of succeeded/failed/cancelled fires."""

    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    # Worker-thread side: emitted from the pool thread, delivered queued to this object.
    _worker_progress = Signal(str)
    _worker_done = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._over = False
        self._worker_progress.connect(self._on_progress)
        self._worker_done.connect(self._on_done)

    @property
    def running(self) -> bool:
        return not self._over

    def cancel(self) -> None:
        if self._over:
            return
        self.token.cancel()
        self._finish()
        self.cancelled.emit()
        self.finished.emit()

    @Slot(str)
    def _on_progress(self, message: str) -> None:
        if not self._over:
            self.progressed.emit(message)

    @Slot(object, object)
    def _on_done(self, result: object, error: object) -> None:
        if self._over:
            return
        self._finish()
        if isinstance(error, TaskCancelled):
            self.cancelled.emit()
        elif error is not None:
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        self.finished.emit()

    def _finish(self) -> None:
        self._over = True


class _Runnable(QRunnable):
    def __init__(self, work: Work, handle: TaskHandle) -> None:
        super().__init__()
        self._work = work
        self._handle = handle
        self.setAutoDelete(True)

    def run(self) -> None:
        handle = self._handle
        token = handle.token  # kept: the handle's Qt object may be deleted while we work
        try:
            result = self._work(token, self._report)
        except BaseException as error:  # handed to the GUI thread, never lost
            self._deliver(None, error)
        else:
            self._deliver(result, None)

    def _report(self, message: str) -> None:
        if shiboken6.isValid(self._handle):
            with contextlib.suppress(RuntimeError):
                self._handle._worker_progress.emit(message)

    def _deliver(self, result: object, error: object) -> None:
        # A handle whose parent (a closed dialog) was deleted has nobody left to tell;
        # emitting on it would raise "Signal source has been deleted" in this thread.
        if shiboken6.isValid(self._handle):
            with contextlib.suppress(RuntimeError):
                self._handle._worker_done.emit(result, error)


def start_task(work: Work, parent: QObject | None = None) -> TaskHandle:
    """Run ``work(token, report)`` in the thread pool; connect to the handle's signals."""
    handle = TaskHandle(parent)
    QThreadPool.globalInstance().start(_Runnable(work, handle))
    return handle
