"""The fill-samples dialog's search pacing: results while typing, debounced, the previous
search cancelled. The portal calls are replaced by a recorder here (the dialog's timing
is the subject); the end-to-end flow against the sandbox is in test_fill_samples.py."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.ui.catalogue.portal import PortalFinder
from olchat_desktop.ui.fill_samples import work
from olchat_desktop.ui.fill_samples.dialog import DEBOUNCE_MS, FillSamplesDialog

from .conftest import make_portal_catalogue, type_text


class Recorder:
    """Stands in for ``work.search``: records each query; "медленно" answers late."""

    def __init__(self) -> None:
        self.queries: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, _finder: Any, entity: str, query: str, _token: Any) -> list[work.ItemRow]:
        with self.lock:
            self.queries.append(query)
        if query.startswith("медленно"):
            time.sleep(0.6)
        return [work.ItemRow("7", f"{entity}: {query}")]


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    monkeypatch.setattr(work, "search", recorder)
    return recorder


def _dialog(qtbot: QtBot) -> FillSamplesDialog:
    dialog = FillSamplesDialog(
        PortalFinder(lambda: None, demo=False),
        TemplateDraft(id="t", message="{{Филиал > printable}}"),
        make_portal_catalogue(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_typing_fast_makes_one_search_after_a_pause(qtbot: QtBot, recorder: Recorder) -> None:
    dialog = _dialog(qtbot)
    started = time.monotonic()
    for char in "Иван Петров":
        type_text(dialog.searchEdit, char)
        qtbot.wait(DEBOUNCE_MS // 5)  # faster than the debounce
    typing_took = time.monotonic() - started
    qtbot.waitUntil(lambda: dialog.resultsList.count() == 1, timeout=5000)
    # Typing faster than the debounce makes no search before the pause (a loaded machine
    # may stall a keystroke past it: then the bound below still holds).
    assert recorder.queries[-1] == "Иван Петров"
    # Whatever the typing speed, searches are at least DEBOUNCE_MS apart: <= 3 a second.
    assert len(recorder.queries) <= typing_took * 1000 / DEBOUNCE_MS + 1
    assert len(recorder.queries) < len("Иван Петров")  # not one per keystroke
    assert dialog.resultsList.item(0).text() == "#7 · deal: Иван Петров"
    assert dialog.fillButton.isEnabled()


def test_a_newer_search_cancels_the_older_one(qtbot: QtBot, recorder: Recorder) -> None:
    dialog = _dialog(qtbot)
    dialog.searchEdit.setText("медленно")
    dialog.search_now()
    dialog.searchEdit.setText("быстро")
    dialog.search_now()
    qtbot.waitUntil(lambda: dialog.resultsList.count() == 1, timeout=5000)
    qtbot.wait(800)  # the slow answer arrives meanwhile and is dropped
    assert [dialog.resultsList.item(r).text() for r in range(dialog.resultsList.count())] == [
        "#7 · deal: быстро"
    ]
    assert sorted(recorder.queries) == ["быстро", "медленно"]  # both ran, one shown


def test_entity_change_searches_that_entity(qtbot: QtBot, recorder: Recorder) -> None:
    dialog = _dialog(qtbot)
    dialog.searchEdit.setText("Анна")
    dialog.search_now()
    qtbot.waitUntil(lambda: dialog.resultsList.count() == 1)
    dialog.entityCombo.setCurrentIndex(dialog.entityCombo.findData("contact"))
    qtbot.waitUntil(lambda: dialog.resultsList.item(0).text() == "#7 · contact: Анна", timeout=3000)
