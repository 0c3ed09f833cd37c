from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest

from olchat_desktop import app_logging
from olchat_desktop.paths import logs_dir
from olchat_desktop.redaction import register_secret

SECRET = "w3bh00ksecretvalue"


@pytest.fixture
def log_file(monkeypatch: pytest.MonkeyPatch):
    root = logging.getLogger()
    before = list(root.handlers)
    monkeypatch.setattr(root, "level", root.level)
    path = app_logging.configure_logging()
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)


def test_log_file_lives_under_the_data_home_and_is_redacted(log_file: Path) -> None:
    assert log_file.parent == logs_dir()
    register_secret(SECRET)
    logging.getLogger("httpx").info(
        "HTTP Request: POST https://b24.example.ru/rest/1/%s/profile.json", SECRET
    )
    logging.getLogger("olchat_desktop.test").warning("token %s in text", SECRET)
    try:
        raise ValueError(f"failed at /wa/{SECRET}/v2/phone.check/")
    except ValueError:
        logging.getLogger("olchat_desktop.test").exception("with traceback")
    text = log_file.read_text(encoding="utf-8")
    assert "profile.json" in text and "with traceback" in text
    assert SECRET not in text


def test_configure_twice_adds_one_handler(log_file: Path) -> None:
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "")]
    app_logging.configure_logging()
    again = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "")]
    assert len(again) == len(handlers)


def test_uncaught_exceptions_are_logged_not_fatal(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app_logging.install_exception_hook(show=False)
    try:
        raise RuntimeError(f"boom with {SECRET}")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    text = log_file.read_text(encoding="utf-8")
    assert "Unexpected error" in text and "RuntimeError" in text
    assert "ZeroDivisionError" in text and "background thread" in text
    assert SECRET not in text
