"""A library locked by another program opens read-only (issue 15): a banner says why
and what to do, everything that would change the library is disabled with a tooltip,
browsing, search and export work, and the file is never changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from olchat_desktop.app import build_main_window
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.paths import library_path
from olchat_desktop.storage import library_schema
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.ui.controllers.library_model import ID_ROLE
from olchat_desktop.ui.main_window import MainWindow
from tests.library_locker import held_by_another_process


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def locked_library(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The data home's library with three templates, held by another process."""
    path = library_path()
    with TemplateLibrary(path) as library:
        library.add_many_drafts(
            [
                TemplateDraft(name="Отзыв о визите", message="Оцените визит", buttons=("Да",)),
                TemplateDraft(name="Запись к врачу", message="Подтвердите запись"),
                TemplateDraft(name="Доставка", message="Курьер или самовывоз"),
            ]
        )
    # Opening normally waits for the lock this long before giving up (10 s in the app).
    monkeypatch.setattr(library_schema, "BUSY_TIMEOUT_SECONDS", 0.3)
    with held_by_another_process(path):
        yield path


@pytest.fixture
def read_only_window(qtbot: QtBot, locked_library: Path) -> MainWindow:
    with pytest.raises(LibraryError) as caught:
        TemplateLibrary(locked_library)  # really locked: the normal open gives up
    assert caught.value.code == "locked"
    window = build_main_window(["--lang", "en"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_opens_read_only_and_says_why(
    read_only_window: MainWindow, locked_library: Path
) -> None:
    window = read_only_window
    assert window.library.read_only and window.library.immutable
    banner = window.readOnlyBanner  # type: ignore[attr-defined]
    assert banner.isVisible()
    text = banner.message.text()
    assert "Another program is using the template library" in text
    assert "open read-only" in text and "start the app again" in text
    assert "latest changes" in text  # read past the lock: may be stale, says so
    # The templates are listed and one is shown.
    model = window.libraryController.model
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == ["Доставка", "Запись к врачу", "Отзыв о визите"]
    assert window.editorView.nameEdit.text() == "Доставка"
    # Switching works (reading only).
    window.libraryView.templateList.setCurrentIndex(model.index(2, 0))
    assert window.editorView.nameEdit.text() == "Отзыв о визите"


def test_everything_that_would_change_the_library_is_disabled_with_a_reason(
    read_only_window: MainWindow, locked_library: Path
) -> None:
    window = read_only_window
    before = digest(locked_library)
    actions = window.windowActions
    transfer = window.transferActions
    team = actions.teamLibrary
    disabled = [
        actions.newAction,
        actions.duplicateAction,
        actions.deleteAction,
        transfer.importAction,
        transfer.trashAction,
        team.syncAction,
        team.shareAction,
        window.libraryView.newButton,
        window.libraryView.deleteButton,
    ]
    for part in disabled:
        assert not part.isEnabled()
        assert "read-only" in part.toolTip()
    for part in (transfer.exportAction, transfer.exportAllAction, transfer.exportSelectedAction):
        assert part.isEnabled()
    editor = window.editorView
    assert editor.nameEdit.isReadOnly() and "read-only" in editor.nameEdit.toolTip()
    texts = editor.findChildren(QPlainTextEdit)
    assert texts and all(box.isReadOnly() for box in texts)
    # Every line: read-only, or inside a disabled control (an editable combo box's).
    lines = editor.findChildren(QLineEdit)
    assert lines and all(edit.isReadOnly() or not edit.isEnabled() for edit in lines)
    # Even a write that slipped past the disabled controls is refused, not attempted.
    with pytest.raises(LibraryError) as caught:
        window.library.save_draft(TemplateDraft(name="Новый"))
    assert caught.value.code == "read_only"
    assert "read-only" in caught.value.message("en")
    window.close()
    assert digest(locked_library) == before


def test_search_works_read_only(read_only_window: MainWindow, qtbot: QtBot) -> None:
    controller = read_only_window.libraryController
    found: list[float] = []
    controller.search_finished.connect(found.append)
    read_only_window.libraryView.templateSearch.setText("запись")
    qtbot.waitUntil(lambda: len(found) == 1)
    model = controller.model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Запись к врачу"]


def test_export_what_can_be_read_and_export_selected(
    read_only_window: MainWindow,
    locked_library: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = read_only_window
    before = digest(locked_library)
    rescued = tmp_path / "rescued.olchat.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(rescued), ""))
    banner = window.readOnlyBanner  # type: ignore[attr-defined]
    banner.exportButton.click()
    qtbot.waitUntil(lambda: getattr(banner, "exported", None) is not None, timeout=10_000)
    assert "Saved 3 template(s)" in banner.exported
    saved = json.loads(rescued.read_text(encoding="utf-8"))["templates"]
    assert sorted(entry["name"] for entry in saved) == [
        "Доставка",
        "Запись к врачу",
        "Отзыв о визите",
    ]
    # The ordinary export of a selection works too (a read-only connection of its own).
    model = window.libraryController.model
    chosen = [model.index(0, 0).data(ID_ROLE)]
    bundle = tmp_path / "chosen.olchat.json"
    with qtbot.waitSignal(window.transfer.exported, timeout=10_000):
        window.transfer.export_to(bundle, None, chosen)
    assert [t["name"] for t in json.loads(bundle.read_text(encoding="utf-8"))["templates"]] == [
        "Доставка"
    ]
    assert digest(locked_library) == before


def test_an_import_is_refused_at_once_with_the_reason(
    read_only_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    source = tmp_path / "one.olchat.json"
    source.write_text(
        json.dumps({"format": "olchat-button-template", "version": 1, "name": "Новый"}),
        encoding="utf-8",
    )
    with qtbot.waitSignal(read_only_window.transfer.failed, timeout=5_000):
        read_only_window.transfer.import_path(source)
    assert shown and "read-only" in shown[0]


def test_a_file_that_is_not_a_database_still_gets_the_rescue_box(tmp_path: Path) -> None:
    from olchat_desktop.ui.read_only import open_read_only

    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"not a database at all" * 200)
    with pytest.raises(LibraryError) as caught:
        TemplateLibrary(path)
    with pytest.raises(LibraryError) as again:
        open_read_only(caught.value, path)
    assert again.value.code == "corrupt"
    assert path.read_bytes() == b"not a database at all" * 200


def test_the_banner_follows_a_language_switch(read_only_window: MainWindow, qtbot: QtBot) -> None:
    from olchat_desktop.ui import i18n

    banner = read_only_window.readOnlyBanner  # type: ignore[attr-defined]
    i18n.install_language("ru")
    qtbot.waitUntil(lambda: "только для чтения" in banner.message.text())
    assert banner.exportButton.text() == "Экспортировать то, что читается…"
    i18n.install_language("en")
    qtbot.waitUntil(lambda: "open read-only" in banner.message.text())
