"""The app's log file and its last line of defence against unexpected exceptions.

Logs go to ``logs/olchat-desktop.log`` under the data home, through
the shared redaction filter at the *handler*, so every record — ours, httpx's, keyring's —
is scrubbed of secrets before it reaches the disk. An exception nobody caught is logged
(redacted) and shown in one calm dialog instead of killing the app: the editor autosaves,
so the user loses nothing by carrying on.

The log rotates when the app starts: a file over 1 MB becomes ``.log.1`` (older ones move
up to ``.log.3``, the oldest is dropped). Not ``logging.handlers.RotatingFileHandler``,
which rotates mid-session too: importing ``logging.handlers`` pulls in pickle, socket and
queue, about 28 ms, over a quarter of a bare Qt window's start-up. The app logs little (a
session adds kilobytes), so rotating between sessions keeps the files as small.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path
from types import TracebackType

from olchat_desktop.paths import logs_dir
from olchat_desktop.redaction import RedactingFilter, redact

LOG_NAME = "olchat-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
log = logging.getLogger("olchat_desktop")


class _RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted record, traceback included (filters see only the message)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to the rotating file under the data home; return its path."""
    path = logs_dir() / LOG_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    rotate_log(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.addFilter(RedactingFilter())
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path


def rotate_log(path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> bool:
    """Move ``path`` to ``path.1`` (``.1`` to ``.2`` …, dropping ``.<backups>``) when it
    holds ``max_bytes`` or more; True if it did. A file that cannot be moved stays put."""
    try:
        if path.stat().st_size < max_bytes:
            return False
        for number in range(backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:
        return False
    return True


def install_exception_hook(show: bool = True) -> None:
    """Log uncaught exceptions (GUI thread and worker threads) and tell the user calmly."""

    def on_exception(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("Unexpected error", exc_info=(kind, error, trace))
        if show:
            _show_error_dialog(kind, error, trace)

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.error(
                "Unexpected error in a background thread",
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception


_dialog_open = False


def _show_error_dialog(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Save the edited template, then show the redacted report (``ui.crash_dialog``)."""
    global _dialog_open
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread() or _dialog_open:
        return
    _save_edits(app)
    from olchat_desktop.crash_report import build_report
    from olchat_desktop.ui.crash_dialog import CrashDialog

    _dialog_open = True
    try:
        dialog = CrashDialog(
            build_report(kind, error, trace),
            str(logs_dir() / LOG_NAME),
            QApplication.activeWindow(),
        )
        dialog.exec()
        dialog.deleteLater()
    finally:
        _dialog_open = False


def _save_edits(app: object) -> None:
    """Write the edited template now rather than after the autosave delay: whatever
    the error broke, the last keystrokes are on disk before the dialog asks anything."""
    for widget in getattr(app, "topLevelWidgets", list)():
        controller = getattr(widget, "libraryController", None)
        save_now = getattr(controller, "save_now", None)
        if callable(save_now):
            try:
                save_now()
            except Exception:  # the report matters more; the save error is logged
                log.exception("could not save the edited template after an error")
