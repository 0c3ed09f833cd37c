"""Fixtures shared by the UI tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.app import build_main_window
from olchat_desktop.ui import i18n
from olchat_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def english_interface(qapp: object) -> Iterator[None]:
    """Every UI test starts in English (the interface language is the process's, like the
    window's) and does not leave another language to the next test."""
    i18n.install_language("en")
    yield
    i18n.install_language("en")


def _open_window(qtbot: QtBot, *argv: str) -> MainWindow:
    """The fully wired main window in English, shown and exposed, closed after the test."""
    win = build_main_window(["--lang", "en", *argv])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def open_window() -> Callable[..., MainWindow]:
    """``open_window(qtbot, *argv)``: another main window (e.g. a second instance)."""
    return _open_window


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    return _open_window(qtbot)
