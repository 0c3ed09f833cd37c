from __future__ import annotations

import threading

import pytest

from olchat_desktop.ui.tasks import CancelToken, TaskCancelled, start_task


def test_result_arrives_on_gui_thread(qtbot) -> None:
    seen: dict[str, object] = {}

    def work(token: CancelToken, report) -> int:
        seen["worker_thread"] = threading.get_ident()
        report("halfway")
        return 42

    handle = start_task(work)
    progress: list[str] = []
    handle.progressed.connect(progress.append)
    handle.succeeded.connect(lambda value: seen.update(value=value, gui=threading.get_ident()))
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert seen["value"] == 42
    assert seen["gui"] == threading.get_ident()
    assert seen["worker_thread"] != threading.get_ident()
    assert progress == ["halfway"]
    assert not handle.running


def test_errors_are_delivered_not_raised(qtbot) -> None:
    def work(token: CancelToken, report) -> None:
        raise ValueError("bad input")

    handle = start_task(work)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError)


def test_cancel_fires_at_once_and_drops_late_result(qtbot) -> None:
    release = threading.Event()
    late: list[object] = []

    def work(token: CancelToken, report) -> str:
        release.wait(5)
        token.check()
        return "too late"

    handle = start_task(work)
    handle.succeeded.connect(late.append)
    with qtbot.waitSignal(handle.cancelled, timeout=1000):
        handle.cancel()
    assert handle.token.cancelled and not handle.running
    release.set()
    qtbot.wait(200)
    assert late == []


def test_token_check_raises_once_cancelled() -> None:
    token = CancelToken()
    token.check()
    token.cancel()
    with pytest.raises(TaskCancelled):
        token.check()
    assert token.wait(0.0)


def test_work_outliving_its_deleted_parent_is_dropped_quietly(qtbot) -> None:
    from PySide6.QtCore import QObject

    parent = QObject()
    release = threading.Event()
    finished = threading.Event()

    def work(token: CancelToken, report) -> str:
        release.wait(5)
        report("still going")
        finished.set()
        return "nobody listens"

    start_task(work, parent)
    parent.deleteLater()
    qtbot.wait(50)  # the parent and with it the handle's Qt object are gone now
    release.set()
    assert finished.wait(5)
    qtbot.wait(100)  # an emit on the deleted handle would raise inside the pool thread
