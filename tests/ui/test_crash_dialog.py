"""An unexpected exception (issue 18, point 6): the edited text is saved at once, and a
dialog shows a copyable report with the secrets removed."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from olchat_desktop import app_logging
from olchat_desktop.crash_report import build_report
from olchat_desktop.ui.crash_dialog import CrashDialog
from olchat_desktop.ui.main_window import MainWindow

SECRET = "k9x2webhooksecret77"
WEBHOOK = f"https://b24.example.ru/rest/1/{SECRET}/crm.contact.list.json"


def _raise_and_report() -> str:
    try:
        raise ConnectionError(f"POST {WEBHOOK} failed: auth={SECRET}")
    except ConnectionError as error:
        return build_report(type(error), error, error.__traceback__)


def test_the_report_names_the_error_and_hides_the_webhook_secret() -> None:
    report = _raise_and_report()
    assert SECRET not in report
    assert "ConnectionError" in report and "crm.contact.list.json" in report
    assert "/rest/1/***/" in report
    assert "test_crash_dialog.py" in report  # where it happened
    assert report.startswith("OLChat Desktop ")


def test_a_crash_keeps_the_last_keystrokes_and_shows_a_copyable_report(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app_logging.install_exception_hook(show=True)
    edit = window.editorView.messageEdit
    edit.setFocus()
    qtbot.keyClicks(edit, " last words typed")
    assert window.libraryController.dirty  # the autosave has not run yet
    template_id = window.libraryController.current_id
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CrashDialog)
        seen["report"] = dialog.reportEdit.toPlainText()
        seen["read_only"] = dialog.reportEdit.isReadOnly()
        # While the dialog is up, the typing is already on disk.
        with sqlite3.connect(window.library.path) as conn:
            seen["saved"] = conn.execute(
                "SELECT body FROM templates WHERE id = ?", (template_id,)
            ).fetchone()[0]
        dialog.copyButton.click()
        seen["clipboard"] = QApplication.clipboard().text()
        dialog.grab().save(str(Path(window.library.path).parent / "crash.png"))
        dialog.reject()

    QTimer.singleShot(0, answer)
    try:
        raise ConnectionError(f"POST {WEBHOOK} failed")
    except ConnectionError:
        sys.excepthook(*sys.exc_info())
    report = str(seen["report"])
    assert "ConnectionError" in report and SECRET not in report
    assert seen["read_only"] is True
    assert seen["clipboard"] == report
    assert "last words typed" in str(seen["saved"])
    assert not window.libraryController.dirty
    assert " last words typed" in edit.toPlainText()  # the editor is left as it was


def test_an_error_while_the_dialog_is_open_does_not_stack_a_second_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app_logging.install_exception_hook(show=True)
    dialogs: list[QApplication] = []

    def inner() -> None:
        dialogs.append(QApplication.activeModalWidget())
        try:
            raise RuntimeError("again")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # returns at once: no second dialog
        dialogs.append(QApplication.activeModalWidget())
        QApplication.activeModalWidget().reject()

    QTimer.singleShot(0, inner)
    try:
        raise RuntimeError("first")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert len(dialogs) == 2 and dialogs[0] is dialogs[1]
