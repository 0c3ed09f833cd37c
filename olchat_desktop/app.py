"""GUI entry: build the main window (without an event loop) and run the app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from olchat_desktop import APP_NAME, __version__


def ensure_application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "olchat-desktop", *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def build_main_window(argv: list[str]) -> QMainWindow:
    """Return the fully wired main window without entering the event loop."""
    ensure_application(argv)
    window = QMainWindow()
    window.setObjectName("mainWindow")
    window.setWindowTitle(APP_NAME)
    window.setCentralWidget(QLabel(APP_NAME))
    window.resize(1200, 800)
    return window


def main(argv: list[str]) -> int:
    app = ensure_application(argv)
    window = build_main_window(argv)
    window.show()
    return app.exec()
