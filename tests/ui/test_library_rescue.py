"""A library the app cannot open: a clear message and a read-only rescue (issue 15)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.ui.library_rescue import offer_rescue


def test_rescue_box_explains_and_saves_what_can_be_read(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.sqlite3"
    with TemplateLibrary(path) as library:
        library.add_many_drafts([TemplateDraft(name="Отзыв"), TemplateDraft(name="Запись")])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")  # written by a "newer" app: refused
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError) as caught:
        TemplateLibrary(path)
    before = path.read_bytes()
    box = offer_rescue(caught.value, path, "ru")
    qtbot.addWidget(box)
    assert "более новой версией" in box.text() and "Файл не изменён" in box.text()
    target = tmp_path / "rescued.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    save = next(b for b in box.buttons() if "Сохранить" in b.text())
    save.click()
    names = sorted(t["name"] for t in json.loads(target.read_text(encoding="utf-8"))["templates"])
    assert names == ["Запись", "Отзыв"]
    assert said and "Сохранено шаблонов: 2" in said[0]
    assert path.read_bytes() == before
