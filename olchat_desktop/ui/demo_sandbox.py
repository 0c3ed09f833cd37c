"""Demo mode's embedded sandbox portal, started off the GUI thread.

Starting the sandbox imports its method modules and binds a loopback port, so it runs in
a background task (``ui.tasks``) and never delays the first window. A lock-guarded holder
makes sure a sandbox that finishes starting after the window closed is stopped at once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from olchat_desktop.ui.tasks import CancelToken, Report, start_task

if TYPE_CHECKING:
    from olchat_desktop.ui.main_window import MainWindow


class SandboxHolder:
    """Owns the running sandbox (if any); ``stop`` is safe from any thread, any time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sandbox: Any = None
        self._stopped = False

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
        with self._lock:
            self._stopped = True
            sandbox, self._sandbox = self._sandbox, None
        if sandbox is not None:
            sandbox.stop()


def start_demo_sandbox(window: MainWindow) -> SandboxHolder | None:
    """Start the sandbox portal for demo mode, if the sandbox package is installed."""
    try:
        import olchat_desktop.sandbox.server  # noqa: F401 (availability check only)
    except ImportError:
        return None
    holder = SandboxHolder()
    window.actions.sandbox = holder
    label = window.actions.demoLabel
    label.setToolTip(QCoreApplication.translate("DemoSandbox", "Starting the sandbox portal…"))
    handle = start_task(holder.start, window)

    def started(url: object) -> None:
        label.setToolTip(
            QCoreApplication.translate("DemoSandbox", "Sandbox portal at {url}").format(url=url)
        )

    def failed(error: object) -> None:
        label.setToolTip(
            QCoreApplication.translate("DemoSandbox", "The sandbox portal did not start.")
        )

    handle.succeeded.connect(started)
    handle.failed.connect(failed)
    return holder
