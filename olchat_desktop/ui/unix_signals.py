"""SIGTERM and SIGINT close the main window the normal way (issue 18): the edited template
is saved and the instance socket removed, as on Quit. A desktop session sends SIGTERM at
log-out, ``dpkg -r`` and tests send it too.

Python runs a signal handler only when the interpreter gets control, which Qt's event
loop (C++) may not give it for a long time. ``signal.set_wakeup_fd`` writes the signal
number to a socket pair; a ``QSocketNotifier`` on the other end wakes the loop at once.
No polling timer, so an idle app stays idle. Unix only; elsewhere nothing is installed.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

HANDLED = (signal.SIGTERM, signal.SIGINT)


class SignalBridge(QObject):
    def __init__(self, on_signal: Callable[[int], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        for number in HANDLED:
            # The Python-level handler does nothing; the wake-up byte carries the number.
            signal.signal(number, lambda *_args: None)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def _on_readable(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for number in data:
            if number in HANDLED:
                self._on_signal(number)


def install_close_on_signals(close: Callable[[], object], parent: QObject) -> SignalBridge | None:
    if not hasattr(signal, "SIGTERM") or not hasattr(socket, "socketpair"):
        return None
    try:
        return SignalBridge(lambda _number: close(), parent)
    except (OSError, ValueError):  # not the main thread, or no socket pair
        return None
