"""In demo mode the dialogs use the window's own sandbox portal instead of starting one."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.ui.demo_sandbox import SandboxHolder, running_sandbox, window_sandbox_holder
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.robots.dialog import RobotsDialog

pytestmark = pytest.mark.integration


def test_the_robots_dialog_uses_the_windows_running_sandbox(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = window_sandbox_holder(window)
    assert isinstance(holder, SandboxHolder)  # no profiles: demo mode
    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    sandbox = running_sandbox(window)

    started: list[Any] = []
    import olchat_desktop.sandbox as sandbox_package

    real_sandbox = sandbox_package.Sandbox
    monkeypatch.setattr(
        sandbox_package, "Sandbox", lambda *a, **k: started.append(1) or real_sandbox(*a, **k)
    )
    offered: list[list[str]] = []

    def look_instead_of_exec(dialog: RobotsDialog) -> int:
        offered.append([option.label for option in dialog.portals])
        return 0

    monkeypatch.setattr(RobotsDialog, "exec", look_instead_of_exec)
    window.robotsAction.trigger()
    assert offered and offered[0], "the dialog offered no portal"
    assert started == [], "a second sandbox was started"
    assert running_sandbox(window) is sandbox


def test_no_holder_outside_demo_mode() -> None:
    class NotAWindow:
        pass

    assert window_sandbox_holder(NotAWindow()) is None
    assert running_sandbox(NotAWindow()) is None
