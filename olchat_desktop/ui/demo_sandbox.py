"""Demo mode's embedded sandbox portal, started off the GUI thread.

Starting the sandbox imports its method modules and binds a loopback port, so it runs in
a background task (``ui.tasks``) and never delays the first window. A lock-guarded holder
makes sure a sandbox that finishes starting after the window closed is stopped at once.
"""

from __future__ import annotations

import importlib.util
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle
    from olchat_desktop.ui.window_parts import WindowParts


START_DELAY_MS = 500


class SandboxHolder:
    """Owns the running sandbox (if any); ``stop`` is safe from any thread, any time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sandbox: Any = None
        self._stopped = False
        self.handle: TaskHandle | None = None

    def start(self, token: CancelToken, report: Report) -> str:
        from olchat_desktop.sandbox import Sandbox

        sandbox = Sandbox().start()
        with self._lock:
            if self._stopped or token.cancelled:
                sandbox.stop()
                return ""
            self._sandbox = sandbox
        return str(getattr(sandbox, "base_url", ""))

    @property
    def sandbox(self) -> Any:
        return self._sandbox

    def stop(self) -> None:
        """Stop the sandbox, or make a start still in progress stop it (GUI thread)."""
        if self.handle is not None:
            self.handle.token.cancel()
        with self._lock:
            self._stopped = True
            sandbox, self._sandbox = self._sandbox, None
        if sandbox is not None:
            sandbox.stop()


class _StatusUpdater(QObject):
    """Shows the sandbox state in the demo label's tooltip. A child of the label, so its
    slots are disconnected automatically if the window is gone before the task ends."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.label = label

    def started(self, url: object) -> None:
        self.label.setToolTip(ui_text("Sandbox portal at {url}").format(url=url))

    def failed(self, _error: object) -> None:
        self.label.setToolTip(ui_text("The sandbox portal did not start."))


def window_sandbox_holder(window: object) -> SandboxHolder | None:
    """The demo sandbox holder of a main window (None outside demo mode). Dialogs reuse
    the window's sandbox instead of starting a second one."""
    holder = getattr(getattr(window, "windowActions", None), "sandbox", None)
    return holder if isinstance(holder, SandboxHolder) else None


def running_sandbox(window: object) -> Any:
    """The window's demo sandbox if it has started, else None."""
    holder = window_sandbox_holder(window)
    return holder.sandbox if holder is not None else None


def start_demo_sandbox(window: WindowParts) -> SandboxHolder | None:
    """Start the sandbox portal for demo mode, if the sandbox package is installed."""
    # Availability check without importing the server (~20 ms of start-up otherwise).
    if importlib.util.find_spec("olchat_desktop.sandbox") is None:
        return None
    holder = SandboxHolder()
    window.windowActions.sandbox = holder
    label = window.windowActions.demoLabel
    label.setToolTip(ui_text("Starting the sandbox portal…"))
    updater = _StatusUpdater(label)

    def launch() -> None:
        # Imported here, after the first paint: the task machinery is not needed before.
        from olchat_desktop.ui.tasks import start_task

        with holder._lock:
            if holder._stopped:
                return
        # No parent: the running task keeps the handle alive even if the window closes.
        handle = start_task(holder.start)
        handle.succeeded.connect(updater.started)
        handle.failed.connect(updater.failed)
        holder.handle = handle

    # Start after the first window is on screen: importing and binding the sandbox would
    # otherwise compete with start-up for the interpreter. The label is the timer's
    # context, so a window closed before then never starts it.
    QTimer.singleShot(START_DELAY_MS, label, launch)
    return holder
