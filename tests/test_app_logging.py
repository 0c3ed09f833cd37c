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


def test_a_large_log_rotates_at_start_up_keeping_three_backups(tmp_path: Path) -> None:
    log = tmp_path / "olchat-desktop.log"
    for generation in range(5):
        log.write_text(f"generation {generation}\n" + "x" * 50, encoding="utf-8")
        assert app_logging.rotate_log(log, max_bytes=40) is True
        assert not log.exists()
    # The three newest generations survive, newest first; the older ones were dropped.
    kept = [(tmp_path / f"olchat-desktop.log.{n}").read_text(encoding="utf-8") for n in (1, 2, 3)]
    assert [text.splitlines()[0] for text in kept] == [
        "generation 4",
        "generation 3",
        "generation 2",
    ]
    assert not (tmp_path / "olchat-desktop.log.4").exists()


def test_a_small_or_missing_log_is_left_alone(tmp_path: Path) -> None:
    log = tmp_path / "olchat-desktop.log"
    assert app_logging.rotate_log(log) is False  # missing: nothing to do, no error
    log.write_text("short\n", encoding="utf-8")
    assert app_logging.rotate_log(log) is False
    assert log.read_text(encoding="utf-8") == "short\n"


def test_configure_logging_rotates_the_previous_sessions_large_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = logs_dir() / app_logging.LOG_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("old session\n" + "y" * app_logging.MAX_BYTES, encoding="utf-8")
    root = logging.getLogger()
    before = list(root.handlers)
    monkeypatch.setattr(root, "level", root.level)
    try:
        assert app_logging.configure_logging() == path
        logging.getLogger("olchat_desktop.test").warning("new session")
        for handler in root.handlers:
            handler.flush()
        assert path.with_name(path.name + ".1").read_text(encoding="utf-8").startswith("old")
        assert "new session" in path.read_text(encoding="utf-8")
        assert "old session" not in path.read_text(encoding="utf-8")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                handler.close()
                root.removeHandler(handler)


def test_logging_set_up_does_not_import_logging_handlers() -> None:
    """The start-up budget: logging.handlers costs ~28 ms to import (see the module)."""
    import subprocess

    code = (
        "import sys, olchat_desktop.app_logging as l; l.configure_logging();"
        " print('logging.handlers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
