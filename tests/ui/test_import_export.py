"""Template > Import… / Export this template… / Export all…: files chosen in (patched)
file dialogs, work on the task pool, messages instead of crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from olchat_desktop.core.fileformat import (
    FORMAT_VERSION,
    TEMPLATE_FORMAT,
    dumps_bundle,
    loads_templates,
)
from olchat_desktop.core.template import Template
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.ui.controllers.transfer_controller import file_name_for
from olchat_desktop.ui.main_window import MainWindow


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every warning/critical box text, instead of a modal box."""
    shown: list[str] = []

    def capture(_parent: object, _title: str, text: str, *_args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", capture)
    monkeypatch.setattr(QMessageBox, "critical", capture)
    return shown


def choose_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def choose_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the save dialog with ``path``; returns the suggested names it was offered."""
    suggested: list[str] = []

    def answer(_parent: object, _title: str, proposed: str, *_args: object) -> tuple[str, str]:
        suggested.append(proposed)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return suggested


def list_names(win: MainWindow) -> list[str]:
    # The sidebar is a QListView on a model (issue 15): the rows are the model's.
    model = win.libraryView.templateList.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_import_actions_are_in_the_template_menu(window: MainWindow) -> None:
    texts = [action.text() for action in window.windowActions.fileMenu.actions()]
    for text in ("&Import…", "&Export this template…", "Export &all…", "T&rash…"):
        assert text in texts
    assert texts.index("T&rash…") < texts.index("&Quit")


def test_import_bundle_of_two_adds_both_and_selects_the_first(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = [
        Template(name="Запись к врачу", message="Подтвердите запись", buttons=["Да", "Нет"]),
        Template(name="Delivery choice", message="Pick one", buttons=["Courier", "Pickup"]),
    ]
    path = tmp_path / "bundle.json"
    path.write_text(dumps_bundle(bundle), encoding="utf-8")
    window.libraryView.templateSearch.setText("nothing matches this")
    before = len(window.library.list_templates())
    choose_open(monkeypatch, path)
    with qtbot.waitSignal(window.transfer.imported, timeout=5000) as imported:
        window.transfer.importAction.trigger()
    assert [t.name for t in imported.args[0]] == ["Запись к врачу", "Delivery choice"]
    assert len(window.library.list_templates()) == before + 2
    # The search was cleared so both imported templates show, and the first is open.
    names = list_names(window)
    assert "Запись к врачу" in names and "Delivery choice" in names
    assert window.editor.template().buttons == ["Да", "Нет"]
    assert window.libraryView.templateList.currentIndex().data() == "Запись к врачу"
    assert "2" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "olchat-button-template", "name": ', "JSON"),
        (
            json.dumps({"format": TEMPLATE_FORMAT, "version": FORMAT_VERSION + 1}).encode(),
            "version",
        ),
    ],
    ids=["malformed-json", "newer-version"],
)
def test_import_of_a_bad_file_shows_a_message_and_adds_nothing(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    warnings: list[str],
    content: bytes,
    expected: str,
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = [t.id for t in window.library.list_templates()]
    choose_open(monkeypatch, path)
    with qtbot.waitSignal(window.transfer.failed, timeout=5000):
        window.transfer.importAction.trigger()
    assert len(warnings) == 1
    assert str(path) in warnings[0] and expected.lower() in warnings[0].lower()
    assert [t.id for t in window.library.list_templates()] == before
    assert window.transfer.importAction.isEnabled()


def test_import_of_a_missing_file_shows_a_message(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, warnings: list[str]
) -> None:
    with qtbot.waitSignal(window.transfer.failed, timeout=5000):
        window.transfer.import_path(tmp_path / "gone.json")
    assert len(warnings) == 1 and "gone.json" in warnings[0]


def test_cancelled_file_dialog_does_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    window.transfer.importAction.trigger()
    assert window.transfer.task is None


def test_export_this_template_flushes_edits_and_round_trips(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.editorView.headerEdit.setText("Ваш заказ")
    window.editorView.messageEdit.setPlainText("Выберите *способ* доставки")
    window.editorView.buttonEdits[0].setText("Курьер")
    window.editorView.nameEdit.setText("Доставка: выбор?")
    assert window.libraryController.dirty  # not autosaved yet
    target = tmp_path / "exported"  # no suffix: ".olchat.json" is added
    suggested = choose_save(monkeypatch, target)
    with qtbot.waitSignal(window.transfer.exported, timeout=5000):
        window.transfer.exportAction.trigger()
    assert Path(suggested[0]).name == "Доставка выбор.olchat.json"
    [template] = loads_templates(target.with_name("exported.olchat.json").read_bytes())
    assert template.name == "Доставка: выбор?"
    assert template.header == "Ваш заказ"
    assert template.message == "Выберите *способ* доставки"
    assert template.buttons[0] == "Курьер"
    assert not window.libraryController.dirty


def test_export_all_writes_a_bundle_of_every_template(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("Первый", "Second"):
        window.library.create(Template(name=name, message=f"{name} message"))
    window.library.delete(window.library.create(Template(name="In the trash")).id)
    target = tmp_path / "all.json"
    choose_save(monkeypatch, target)
    with qtbot.waitSignal(window.transfer.exported, timeout=5000):
        window.transfer.exportAllAction.trigger()
    exported = loads_templates(target.read_bytes())
    assert sorted(t.name for t in exported) == sorted(
        t.name for t in window.library.list_templates()
    )
    assert {"Первый", "Second"} <= {t.name for t in exported}
    assert "In the trash" not in {t.name for t in exported}
    assert json.loads(target.read_text(encoding="utf-8"))["format"].endswith("bundle")


def test_export_to_an_unwritable_place_shows_a_message(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, warnings: list[str]
) -> None:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "x.json"
    with qtbot.waitSignal(window.transfer.failed, timeout=5000):
        window.transfer.export_to(target, None)
    assert len(warnings) == 1 and "x.json" in warnings[0]
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Отзыв: «Понравилось»", "Отзыв «Понравилось».olchat.json"),
        ("a/b\\c", "a b c.olchat.json"),
        ("   ", "template.olchat.json"),
        ("...", "template.olchat.json"),
    ],
)
def test_default_file_name_is_safe(name: str, expected: str) -> None:
    assert file_name_for(name) == expected


def _big_bundle(path: Path, count: int, broken: int = 0) -> Path:
    entries: list[object] = [
        {"format": TEMPLATE_FORMAT, "name": f"Импорт {n:05d}", "message": "Текст"}
        for n in range(count)
    ]
    for n in range(broken):
        entries.insert(n * 7, {"format": TEMPLATE_FORMAT, "name": f"Сломан {n}", "tags": "x"})
    bundle = {"format": "olchat-button-template-bundle", "version": 1, "templates": entries}
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return path


def test_cancelled_import_rolls_back_and_says_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = _big_bundle(tmp_path / "big.json", 3000)
    before = window.library.stats().templates
    with qtbot.waitSignal(window.transfer.cancelled, timeout=20_000):
        window.transfer.import_path(path)
        assert not window.transfer.importAction.isEnabled()
        window.transfer.progress.findChild(QPushButton).click()  # the dialog's Cancel
    assert window.library.stats().templates == before
    assert "as they were" in window.statusBar().currentMessage()
    assert window.transfer.importAction.isEnabled()


def test_import_reports_progress_and_lists_broken_entries(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = _big_bundle(tmp_path / "mixed.json", 1200, broken=3)
    texts: list[str] = []
    with qtbot.waitSignal(window.transfer.imported, timeout=20_000) as imported:
        handle = window.transfer.import_path(path)
        handle.progressed.connect(lambda _t: texts.append(window.transfer.progress.labelText()))
    assert len(imported.args[0]) == 100  # the first ones; the window opens the first
    assert window.editor.template().name == "Импорт 00000"
    assert texts and "Imported: 500" in texts[0] and "MB" in texts[0]
    box = window.transfer.badEntriesBox
    assert "Imported: 1200. Skipped broken entries: 3." in box.text()
    assert "#1 «Сломан 0»" in box.detailedText() and '"tags"' in box.detailedText()
    box.close()


def test_cancelled_export_leaves_no_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.library.add_many_drafts([TemplateDraft(name=f"t{n}") for n in range(1500)])
    folder = tmp_path / "exports"
    folder.mkdir()
    with qtbot.waitSignal(window.transfer.cancelled, timeout=20_000):
        window.transfer.export_to(folder / "all.json", None)
        window.transfer.progress.findChild(QPushButton).click()
    assert list(folder.iterdir()) == []  # neither the file nor its temporary copy
