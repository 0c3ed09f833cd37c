"""The GUI start's part in one window per library (issue 18); the policy and its reasons
are in ``single_instance``.

Before the window is built, :func:`claim` either makes this start the owner of the data
home (it holds the lock; cost: a few system calls) or hands the files over to the owner
and tells the caller to exit 0. After the first paint, :func:`serve` imports QtNetwork,
listens for later starts and closes the window on SIGTERM/SIGINT as Quit does.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from olchat_desktop import single_instance
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.gui_args import GuiOptions

if TYPE_CHECKING:
    from olchat_desktop.single_instance import InstanceLock
    from olchat_desktop.ui.main_window import MainWindow

# How long a start waits for an owner that holds the lock but does not listen yet (it is
# building its window) before it gives up with a message.
HAND_OFF_WAIT_S = 20.0
RETRY_S = 0.1
EXIT_NO_ANSWER = 1
EXIT_REFUSED = 2


class Claim:
    """The outcome: ``lock`` set to go on as the owner, else ``exit_code`` to exit with."""

    __slots__ = ("exit_code", "lock")

    def __init__(self, lock: InstanceLock | None, exit_code: int = 0) -> None:
        self.lock = lock
        self.exit_code = exit_code


def claim(options: GuiOptions, argv: list[str]) -> Claim:
    from olchat_desktop.paths import data_home

    try:
        endpoint = single_instance.Endpoint(data_home())
        deadline = time.monotonic() + HAND_OFF_WAIT_S
        while True:
            lock = single_instance.try_lock(endpoint)
            if lock is not None:
                return Claim(lock)
            from olchat_desktop.ui.instance_server import hand_off

            if hand_off(endpoint, list(options.files)):
                return Claim(None, 0)
            if time.monotonic() > deadline:
                tell(options, argv, _no_answer)
                return Claim(None, EXIT_NO_ANSWER)
            time.sleep(RETRY_S)
    except single_instance.InstanceRefused as refused:
        tell(options, argv, refused.message)
        return Claim(None, EXIT_REFUSED)


def _no_answer(lang: Lang) -> str:
    return text(
        lang,
        "OLChat Desktop is already running on this library but does not answer. "
        "Wait for its window to open, or close it and start the app again.",
    )


def tell(options: GuiOptions, argv: list[str], message: object) -> None:
    """Say why this start does not open a window: on stderr, and in a message box when
    there is a screen to show it on (a start from the menu has no terminal)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from olchat_desktop.storage.settings import SettingsStore
    from olchat_desktop.ui import i18n

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "", *argv])
    lang = i18n.resolve_language(SettingsStore().load().language, options.lang)
    text = str(message(lang)) if callable(message) else str(message)
    print(text, file=sys.stderr, flush=True)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "OLChat Desktop", text)
    del app


def serve(window: MainWindow, lock: InstanceLock) -> None:
    """Listen for later starts (their files open here, the window comes forward) and
    close the window on SIGTERM/SIGINT. Called once the window is painted."""
    from PySide6.QtWidgets import QApplication

    from olchat_desktop.ui.instance_server import InstanceServer
    from olchat_desktop.ui.unix_signals import install_close_on_signals

    server = InstanceServer(lock.endpoint, window)
    server.requested.connect(lambda files: bring_forward(window, files))
    server.listen()
    window.instanceServer = server  # type: ignore[attr-defined]  # kept alive, for tests
    window.signalBridge = install_close_on_signals(window.close, window)  # type: ignore[attr-defined]
    app = QApplication.instance()
    if app is not None:

        def stop() -> None:
            server.close()
            lock.release()

        app.aboutToQuit.connect(stop)


def bring_forward(window: MainWindow, files: list[str]) -> None:
    """Show the window on top (restored if minimised) and open the handed-over files."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    if files:
        window.fileOpener.open_paths(files)
