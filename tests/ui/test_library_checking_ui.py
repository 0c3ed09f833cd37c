"""The checking pass after an import, in the window (issue 15): imported rows show a
neutral "not checked yet" dot at once, then their real dots arrive as ``dataChanged``
(never a reset), the sidebar says what is going on, and a search typed meanwhile is
asked again when the pass ends."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from olchat_desktop.storage.library_status import (
    STATUS_ERROR,
    STATUS_OK,
    STATUS_PENDING,
    STATUS_WARNING,
)
from olchat_desktop.ui.controllers.library_model import ROW_ROLE
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.views.template_delegate import status_text


def write_bundle(path: Path, count: int) -> Path:
    templates = [
        {
            "name": f"Импорт {n:04d}",
            "line": "" if n % 3 == 0 else "Линия",
            "phone": "79991234567",
            "message": f"Сосна номер {n}" if n % 5 else "",
            "buttons": ["Да"],
        }
        for n in range(count)
    ]
    document = {"format": "olchat-button-template-bundle", "version": 1, "templates": templates}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def statuses(window: MainWindow) -> dict[str, int | None]:
    model = window.libraryController.model
    rows = [model.index(row, 0).data(ROW_ROLE) for row in range(model.rowCount())]
    return {row.name: row.status for row in rows if row.name.startswith("Импорт")}


def test_imported_rows_are_checked_in_the_background(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    controller = window.libraryController
    checking_shown: list[str] = []
    controller.check_pending = lambda: checking_shown.append(  # type: ignore[method-assign]
        "deferred"
    )  # hold the pass back to look at the rows first
    with qtbot.waitSignal(window.transfer.imported, timeout=10_000):
        window.transfer.import_path(write_bundle(tmp_path / "bundle.json", 30))
    assert checking_shown == ["deferred"]
    assert set(statuses(window).values()) == {STATUS_PENDING}
    assert status_text(STATUS_PENDING) == "Not checked yet"
    del controller.check_pending  # the real method again
    # A search before the pass finds them as it will after it (text folded on the fly).
    found: list[float] = []
    controller.search_finished.connect(found.append)
    window.libraryView.templateSearch.setText("СОСНА")
    qtbot.waitUntil(lambda: len(found) == 1)
    assert len(statuses(window)) == 24  # 30 less the six without a message
    assert set(statuses(window).values()) == {STATUS_PENDING}
    controller._resume_checks()  # what a start with unchecked rows does
    assert window.libraryView.checkingNote.isVisibleTo(window)
    assert "30" in window.libraryView.checkingNote.text()
    qtbot.waitUntil(lambda: not window.libraryView.checkingNote.isVisibleTo(window), timeout=10_000)
    got = statuses(window)  # the same rows, now with their dots
    assert len(got) == 24 and set(got.values()) <= {STATUS_OK, STATUS_WARNING}
    window.libraryView.templateSearch.clear()
    qtbot.waitUntil(lambda: len(found) == 2)
    got = statuses(window)
    assert got["Импорт 0000"] == STATUS_ERROR and got["Импорт 0001"] == STATUS_OK
    assert got["Импорт 0003"] == STATUS_WARNING
    assert STATUS_PENDING not in got.values()
    assert window.library.pending_count() == 0


def test_rows_change_in_place_while_the_pass_runs(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    controller = window.libraryController
    model = controller.model
    controller.check_pending = lambda: None  # type: ignore[method-assign]
    with qtbot.waitSignal(window.transfer.imported, timeout=10_000):
        window.transfer.import_path(write_bundle(tmp_path / "bundle.json", 12))
    del controller.check_pending
    assert set(statuses(window).values()) == {STATUS_PENDING}
    resets: list[bool] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    controller.check_pending()
    checker = controller._checker
    assert checker is not None and checker.running
    with qtbot.waitSignal(checker.finished, timeout=10_000):
        pass
    assert resets == []  # statuses arrived as dataChanged on the loaded rows
    assert changed
    got = statuses(window)
    assert len(got) == 12 and STATUS_PENDING not in got.values()
